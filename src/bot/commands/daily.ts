import { z } from "zod";
import { defineCommand } from "../command.js";
import { cmd, usage } from "../command-ref.js";
import { UserError } from "../errors.js";
import { text, type Reply, userText } from "../reply.js";
import { groupPlanDay, requireKnownPlan } from "../services/groups.js";
import { memberPlanToday } from "../services/member-plan.js";
import { localDate } from "../time.js";
import { channelPlanDay, dailyTaskReply, defaultPlan } from "../views/daily.js";

const withNote = (reply: Reply, note: string): Reply => ({ ...reply, blocks: [...reply.blocks, text(`_${note}_`)] });

export default defineCommand({
  name: "daily",
  summary: "Today's task from your own plan, else your study group's, else this channel's (or a plan you name)",
  usage: [usage("daily", { plan: "<id>" })],
  args: z.object({ plan: z.string().trim().toLowerCase().max(100).optional() }),
  async run({ args, deps, event, space, member }) {
    if (args.plan) requireKnownPlan(deps, args.plan);
    // The member's own plan comes first (until finished): its day counts in their zone, held by pauses.
    const own = await memberPlanToday(deps, member, space);
    if (own && !own.standing.isFinished && (!args.plan || args.plan === own.plan.id)) {
      return withNote(dailyTaskReply(deps.curriculum, own.plan, own.standing.day, "private"), `You follow this plan yourself: ${cmd("plan status")} shows your progress.`);
    }
    // Then a group the member is in that follows a plan: its day counts from the group's start.
    const ofGroup = await groupPlanDay(deps, member.id, localDate(deps.clock.now(), space.timezone), args.plan);
    if (ofGroup) {
      return withNote(dailyTaskReply(deps.curriculum, ofGroup.plan, ofGroup.day, "private"), `Your study group ${userText(ofGroup.group.name)} follows this plan.`);
    }
    const sub = await deps.subscriptions.get(space.id, event.channel.id);
    const planId = args.plan ?? sub?.planId;
    const plan = (planId && deps.curriculum.plans.find((p) => p.id === planId)) || defaultPlan(deps.curriculum);
    if (!plan) throw new UserError("daily.noPlan");
    const followed = sub?.planId === plan.id;
    // The channel's plan day (its posting days since the plan started), round again after its end.
    const posted = sub ? channelPlanDay(sub.startDate, localDate(deps.clock.now(), sub.timezone), sub.days) : 1;
    const day = sub && (followed || !args.plan) ? Math.min(((posted - 1) % (plan.days.length + 1)) + 1, plan.days.length) : 1;
    const reply = dailyTaskReply(deps.curriculum, plan, day, "private");
    if (followed) return reply;
    if (args.plan) return withNote(reply, `Neither this channel nor your groups follow ${plan.title}, so here is its day ${day}.`);
    return withNote(reply, `This channel follows no plan yet, so here is day 1 of ${plan.title}. ` +
      `An admin can choose one with ${cmd("config set", { plan: "<id>" })}; a study group can follow one with ${cmd("group plan", { name: "<name>", plan: "<id>" })}.`);
  },
});
