/**
 * Role rewards (issue 22): the core decides who should hold which reward role; the platform's
 * outbox gives or takes it (`setMemberRole`). A streak reward is held from a streak of `threshold`
 * days on and, with `removeOnBreak`, taken back when the streak ends (the hourly sweep) or starts
 * again below the threshold. A level reward is given when the member's level (the highest level
 * unlocked in any topic, services/progress.ts) reaches `threshold`, and kept.
 *
 * Grants are made once (role_grants); a failure never breaks the answer that earned it: it is
 * logged, and a refusal for good (permission, role deleted) is recorded on the reward and told
 * to the admin who set it, once, until a grant succeeds or the reward is set again.
 */
import type { Deps } from "../command.js";
import { PermanentDeliveryError } from "../errors.js";
import { formatUserMessage, type UserErrorId } from "../messages.js";
import type { Member, RoleCheck, RoleProblem, RoleReward, Space } from "../ports.js";
import { privateReply, text } from "../reply.js";
import { overallLevel, RECENT_LIMIT } from "./progress.js";

export type RewardDeps = Pick<Deps, "roles" | "outbox" | "logger" | "quizzes" | "clock">;

/** A member's standing after what just happened; a field left out is not judged. */
export interface Standing { streak?: number; level?: number }

/** The rewards to give and to take back (pure). */
export function rewardChanges(rewards: readonly RoleReward[], held: ReadonlySet<string>, s: Standing): { grant: RoleReward[]; revoke: RoleReward[] } {
  const earned = (r: RoleReward) => (r.kind === "streak" ? s.streak : s.level);
  const grant = rewards.filter((r) => {
    const value = earned(r);
    return !held.has(r.roleId) && value !== undefined && value >= r.threshold;
  });
  const revoke = rewards.filter((r) => held.has(r.roleId) && r.kind === "streak" && r.removeOnBreak && s.streak !== undefined && s.streak < r.threshold);
  return { grant, revoke };
}

/**
 * Gives and takes the member's reward roles for their new standing: `streak` after a day counted
 * (0 when it ended), `checkLevel` after a scored answer. Never throws: the answer stands.
 */
export async function applyRewards(
  deps: RewardDeps, spaceId: Space["id"], member: Pick<Member, "id" | "platformUserId">, o: { streak?: number; checkLevel?: boolean },
): Promise<void> {
  try {
    if (!deps.outbox?.setMemberRole) return;
    const rewards = await deps.roles.rewards(spaceId);
    if (!rewards.length) return;
    const held = new Set(await deps.roles.held(member.id));
    const wantsLevel = o.checkLevel && rewards.some((r) => r.kind === "level" && !held.has(r.roleId));
    const level = wantsLevel ? overallLevel(await deps.quizzes.recentAttempts(member.id, RECENT_LIMIT)) : undefined;
    const { grant, revoke } = rewardChanges(rewards, held, { ...(o.streak === undefined ? {} : { streak: o.streak }), ...(level === undefined ? {} : { level }) });
    for (const r of grant) await change(deps, member, r, true);
    for (const r of revoke) await change(deps, member, r, false);
  } catch (err) {
    deps.logger.warn({ spaceId, memberId: member.id, err: err instanceof Error ? err.message : String(err) }, "role rewards not applied");
  }
}

async function change(deps: RewardDeps, member: Pick<Member, "id" | "platformUserId">, r: RoleReward, hold: boolean): Promise<void> {
  try {
    await deps.outbox!.setMemberRole!(r.spaceId, member.platformUserId, r.roleId, hold);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    deps.logger.warn({ spaceId: r.spaceId, memberId: member.id, roleId: r.roleId, hold, reason }, hold ? "reward role not given" : "reward role not taken back");
    // A 5xx or a 429: the next activity tries again. A refusal for good: the admin is told once.
    if (err instanceof PermanentDeliveryError && (await deps.roles.setProblem(r.id, reason))) await tellAdmin(deps, r, hold);
    return;
  }
  if (hold) await deps.roles.granted(r.spaceId, member.id, r.roleId, deps.clock.now());
  else await deps.roles.revoked(member.id, r.roleId);
  if (r.problem !== null) await deps.roles.setProblem(r.id, null);
}

/** The user error that explains each problem (the same text `/config` and the admin's DM show). */
export const ROLE_PROBLEM_MESSAGES: Readonly<Record<RoleProblem, UserErrorId>> = {
  unsupported: "roles.unsupported", rewardsUnsupported: "roles.rewardsUnsupported", unknownRole: "roles.unknownRole",
  everyone: "roles.everyone", managed: "roles.managed", missingManageRoles: "roles.missingManageRoles", roleTooHigh: "roles.roleTooHigh",
};

/** What is wrong with a role, as words. */
export function roleProblemText(check: Extract<RoleCheck, { ok: false }>, role: string): string {
  return formatUserMessage(ROLE_PROBLEM_MESSAGES[check.problem], problemParams(check, role));
}

export const problemParams = (check: Extract<RoleCheck, { ok: false }>, role: string) =>
  ({ role: plainName(check.name ?? role), botRole: plainName(check.botRole ?? "my role") });

/** A role's name for a sentence: without the markup characters an admin's name could carry. */
export const plainName = (name: string) => name.replace(/[*_`~|<>\\]/g, "").trim() || "that role";

/** The set-by admin, in a DM: which reward failed and what to change (checked again now). */
async function tellAdmin(deps: RewardDeps, r: RoleReward, hold: boolean): Promise<void> {
  if (!deps.outbox || r.createdBy === "deleted-member") return;
  const check = deps.outbox.checkRole ? await deps.outbox.checkRole(r.spaceId, r.roleId, "reward") : undefined;
  const what = r.kind === "streak" ? `a ${r.threshold}-day streak` : `level ${r.threshold}`;
  const name = plainName(check?.name ?? r.roleId);
  const why = check && !check.ok ? roleProblemText(check, name) : "The server refused the change; check that the role still exists and that my role is above it.";
  const reply = privateReply("A role reward didn't work", [
    text(`I couldn't ${hold ? "give" : "take back"} **${name}** (the reward for ${what}) for a member. ${why}`),
    text("_I'll tell you once; members keep earning it, and I try again with their next activity._"),
  ]);
  try {
    await deps.outbox.post({ spaceId: r.spaceId, channelId: "", userId: r.createdBy }, reply, { idempotencyKey: `role-problem-${r.id}` });
  } catch (err) {
    deps.logger.warn({ rewardId: r.id, err: err instanceof Error ? err.message : String(err) }, "could not tell the admin about a role reward");
  }
}
