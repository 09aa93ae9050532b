import { z } from "zod";
import { defineCommand, type Context } from "../command.js";
import { usage } from "../command-ref.js";
import { UserError } from "../errors.js";
import { groupName, planIds, requireGroup, requireKnownPlan } from "../services/groups.js";
import { localDate } from "../time.js";
import { groupCreatedReply, groupJoinedReply, groupLeftReply, groupListReply, groupPlanReply } from "../views/groups.js";

const Args = z.object({
  action: z.enum(["create", "join", "leave", "list", "plan"], { message: "action must be create, join, leave, list or plan" }).default("list"),
  name: z.string().trim().max(100, "a group name has at most 32 characters").optional(),
  plan: z.string().trim().max(100).optional(),
});
type Args = z.infer<typeof Args>;

/**
 * Text platforms (console, Slack) fill args by position, so "group join evening crew" arrives as
 * name "evening", plan "crew". Joined again, the words are the name, except that the `plan`
 * action's last word is the plan id (ids have no spaces). Discord's separate options give the same.
 */
function nameAndPlan(args: Args): { name: string; plan: string | undefined } {
  const words = [args.name, args.plan].filter(Boolean).join(" ").split(/\s+/).filter(Boolean);
  if (args.action !== "plan") return { name: words.join(" "), plan: undefined };
  return { name: words.slice(0, -1).join(" "), plan: words.length > 1 ? words.at(-1)!.toLowerCase() : undefined };
}

export default defineCommand({
  name: "group",
  summary: "Study groups with their own leaderboard and plan: create, join, leave, list, plan",
  usage: [...["create", "join", "leave"].map((a) => usage(`group ${a}`, { name: "<group>" }, [])), usage("group list"),
    usage("group plan", { name: "<group>", plan: "<plan-id|none>" }, [])],
  actionArgs: { create: ["name"], join: ["name"], leave: ["name"], list: [], plan: ["name", "plan"] },
  args: Args,
  async run(ctx) {
    const { args, deps, space, member } = ctx;
    const today = localDate(deps.clock.now(), space.timezone);
    if (args.action === "list") {
      const mine = new Set((await deps.groups.ofMember(member.id)).map((g) => g.id));
      return groupListReply(deps.curriculum, await deps.groups.list(space.id), mine, today);
    }
    const { name, plan } = nameAndPlan(args);
    if (!name) throw new UserError(args.action === "plan" && args.name ? "group.planRequired" : "group.nameRequired", { action: args.action, plans: planIds(deps) });
    if (args.action === "create") {
      const group = await deps.groups.create(space.id, groupName(name), member.id, deps.clock.now());
      if (!group) throw new UserError("group.nameTaken", { name: (await requireGroup(deps, space.id, name)).name });
      await deps.groups.join(space.id, group.id, member.id, deps.clock.now());
      return groupCreatedReply(group, member.displayName);
    }
    const group = await requireGroup(deps, space.id, name);
    if (args.action === "join") {
      if (!(await deps.groups.join(space.id, group.id, member.id, deps.clock.now()))) throw new UserError("group.alreadyMember", { name: group.name });
      return groupJoinedReply(deps.curriculum, { ...group, memberCount: group.memberCount + 1 }, today);
    }
    if (args.action === "leave") {
      if (!(await deps.groups.leave(group.id, member.id))) throw new UserError("group.notMember", { name: group.name });
      return groupLeftReply(group);
    }
    return setPlan(ctx, group.id, group.name, group.createdBy, plan, today);
  },
});

async function setPlan(ctx: Context<Args>, groupId: number, name: string, createdBy: number, plan: string | undefined, today: string) {
  const { deps, event, member, space } = ctx;
  if (createdBy !== member.id && !event.user.isAdmin) throw new UserError("group.notOwner", { name });
  if (!plan) throw new UserError("group.planRequired", { plans: planIds(deps) });
  if (plan !== "none") requireKnownPlan(deps, plan, "group.unknownPlan");
  // Day 1 is today in the space's zone; choosing a plan again restarts it.
  await deps.groups.setPlan(groupId, plan === "none" ? null : plan, plan === "none" ? null : today);
  return groupPlanReply(deps.curriculum, (await deps.groups.byId(space.id, groupId))!, today);
}
