/**
 * `/config ping|reward|roles` (issue 22): the role the space's daily posts mention, and role
 * rewards. The platform checks each role when it is set (`Outbox.checkRole`), so an admin learns
 * at once what to change ("I need Manage Roles", "Move my role above …"), not on the first grant.
 */
import type { Context } from "../command.js";
import { cmd } from "../command-ref.js";
import { UserError } from "../errors.js";
import type { RoleCheck, RoleReward, RoleUse } from "../ports.js";
import { fields, privateReply, text, type Reply } from "../reply.js";
import { plainName, problemParams, ROLE_PROBLEM_MESSAGES, roleProblemText } from "./role-rewards.js";

export interface RoleArgs {
  action: "ping" | "ping-clear" | "reward" | "reward-clear" | "roles";
  role?: string | undefined; streak?: number | undefined; level?: number | undefined; remove_on_break?: boolean | undefined;
}

/**
 * A role as each platform sends it: a Discord role option's id (or a typed `<@&id>`), a Slack
 * user group escaped by Slack (`<!subteam^S123|@oncall>`), or a bare id.
 */
export function parseRoleArg(raw: string): { id: string; label?: string } {
  const discord = /^<@&(\d+)>$/.exec(raw);
  if (discord) return { id: discord[1]! };
  const slack = /^<!subteam\^([A-Z0-9]+)(?:\|@?([^>]*))?>$/.exec(raw);
  if (slack) return { id: slack[1]!, ...(slack[2] ? { label: `@${slack[2]}` } : {}) };
  return { id: raw.replace(/^@/, "") };
}

async function check(ctx: Context<unknown>, roleId: string, use: RoleUse): Promise<RoleCheck> {
  const outbox = ctx.deps.outbox;
  return outbox?.checkRole ? outbox.checkRole(ctx.space.id, roleId, use) : { ok: false, problem: "unsupported" };
}

/** The role checked for `use`, or the user error that says what to change. */
async function usable(ctx: Context<unknown>, raw: string, use: RoleUse): Promise<{ id: string; name: string; isSilent: boolean }> {
  const role = parseRoleArg(raw);
  const c = await check(ctx, role.id, use);
  if (!c.ok) throw new UserError(ROLE_PROBLEM_MESSAGES[c.problem], problemParams(c, role.label ?? role.id));
  return { id: role.id, name: plainName(role.label ?? c.name), isSilent: c.isSilent ?? false };
}

export async function roleConfig(ctx: Context<unknown>, args: RoleArgs): Promise<Reply> {
  if (args.action === "ping" || args.action === "ping-clear") return ping(ctx, args);
  if (args.action === "reward" || args.action === "reward-clear") return reward(ctx, args);
  return list(ctx);
}

async function ping(ctx: Context<unknown>, args: RoleArgs): Promise<Reply> {
  const { deps, space } = ctx;
  if (args.action === "ping-clear") {
    await deps.roles.setPing(space.id, null, deps.clock.now());
    return privateReply("Daily post ping cleared", [text("Daily posts mention nobody now.")], "Daily post ping cleared");
  }
  if (!args.role) {
    const current = await deps.roles.ping(space.id);
    const shown = current ? `Daily posts mention **${await nameOf(ctx, current, "ping")}**.` : "Daily posts mention nobody.";
    return privateReply("Daily post ping", [text(`${shown} Set a role with ${cmd("config ping", { role: "<role>" })}; ${cmd("config ping-clear")} stops it.`)], shown);
  }
  const role = await usable(ctx, args.role, "ping");
  await deps.roles.setPing(space.id, role.id, deps.clock.now());
  const blocks = [text(`Every daily post here now mentions **${role.name}**, and nobody else (never @everyone).`)];
  if (role.isSilent) {
    blocks.push(text(`_**${role.name}** can't be mentioned by members, so the mention will show but notify nobody. Turn on "Allow anyone to @mention this role" in the role's settings._`));
  }
  return privateReply("Daily post ping set", blocks, `Daily posts mention ${role.name}`);
}

async function reward(ctx: Context<unknown>, args: RoleArgs): Promise<Reply> {
  const { deps, space, event } = ctx;
  if (!args.role) throw new UserError("roles.roleRequired");
  if (args.action === "reward-clear") {
    const { id, label } = parseRoleArg(args.role);
    if (!(await deps.roles.removeReward(space.id, id))) throw new UserError("roles.noReward", { role: plainName(label ?? id) });
    return privateReply("Role reward removed", [text(`Nobody earns **${plainName(label ?? await nameOf(ctx, id, "reward"))}** from now on; members who hold it keep it.`)], "Role reward removed");
  }
  if (args.streak === undefined && args.level === undefined) throw new UserError("roles.thresholdRequired", { role: plainName(parseRoleArg(args.role).label ?? "that role") });
  if (args.streak !== undefined && args.level !== undefined) throw new UserError("roles.oneThreshold");
  if (args.level !== undefined && args.remove_on_break) throw new UserError("roles.removeOnBreakStreak");
  const role = await usable(ctx, args.role, "reward");
  const kind = args.streak !== undefined ? "streak" : "level";
  const saved = await deps.roles.setReward({
    spaceId: space.id, roleId: role.id, kind, threshold: args.streak ?? args.level!, removeOnBreak: args.remove_on_break ?? false, createdBy: event.user.id,
  }, deps.clock.now());
  return privateReply("Role reward set", [
    fields(["Role", role.name], ["Earned at", earnedAt(saved)], ["When the streak ends", kind === "level" ? "kept (levels are kept)" : saved.removeOnBreak ? "taken back" : "kept"]),
    text("_Members get it with their next activity that reaches it. If I can't give it later (a permission or the role changed), I'll tell you once by DM._"),
  ], `Role reward set: ${role.name} at ${earnedAt(saved)}`);
}

async function list(ctx: Context<unknown>): Promise<Reply> {
  const { deps, space } = ctx;
  const pingId = await deps.roles.ping(space.id);
  const rewards = await deps.roles.rewards(space.id);
  const rows: Array<[string, string]> = [["Daily post ping", pingId ? await nameOf(ctx, pingId, "ping") : "nobody"]];
  for (const r of rewards) {
    const c = await check(ctx, r.roleId, "reward");
    const name = plainName(c.name ?? r.roleId);
    const status = !c.ok ? `⚠️ ${roleProblemText(c, name)}` : r.problem ? "⚠️ the last grant failed; it is tried again with the next activity" : "ready";
    rows.push([`${name} — ${earnedAt(r)}${r.removeOnBreak ? ", taken back when the streak ends" : ""}`, status]);
  }
  const blocks = [fields(...rows)];
  if (!rewards.length) blocks.push(text(`No role rewards yet. Add one with ${cmd("config reward", { role: "<role>", streak: "7" })}.`));
  return privateReply("Roles", blocks, `Roles: ${rewards.length} reward${rewards.length === 1 ? "" : "s"}`);
}

const earnedAt = (r: Pick<RoleReward, "kind" | "threshold">) => (r.kind === "streak" ? `a ${r.threshold}-day streak` : `level ${r.threshold}`);

async function nameOf(ctx: Context<unknown>, roleId: string, use: RoleUse): Promise<string> {
  const c = await check(ctx, roleId, use);
  return plainName(c.name ?? roleId);
}
