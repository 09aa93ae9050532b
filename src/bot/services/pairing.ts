/**
 * The peer-mock queue (`/mock pair`). A member joins with a level; someone suitable already
 * waiting is matched at once: the closest level first, then whoever has waited longest, and not
 * the joiner's last partner while anyone else suitable waits. "Suitable" means levels at most
 * PAIR_MAX_LEVEL_GAP apart; a member still waiting when their timeout fires is matched with
 * anyone waiting, whatever the level, and otherwise offered a solo mock.
 *
 * A member's level is the highest level they have unlocked in any topic they practised
 * (services/progress.ts), so someone strong in one area is not paired as a beginner.
 * Roles: the higher level interviews first (they know what to listen for); at equal levels the
 * member who waited is the candidate. "Swap roles" after the interview gives the other turn.
 */
import type { Context, Deps } from "../command.js";
import { UserError } from "../errors.js";
import type { Member, PairTicket } from "../ports.js";
import type { Reply } from "../reply.js";
import { leftQueueReply, pairTimeoutReply, queuedReply } from "../views/pairing.js";
import { notifyMatched, matchedFor, startPeerMock, type PeerMock } from "./peer-mock.js";
import { overallLevel, RECENT_LIMIT } from "./progress.js";
import { userText } from "../reply.js";

export const PAIR_TIMEOUT_MINUTES = 10;
export const PAIR_MAX_LEVEL_GAP = 1;

/** The timer key: one per queue entry, so a member who queues again gets a fresh timer. */
export const pairTimerKey = (t: Pick<PairTicket, "memberId" | "queuedAt">) => `${t.memberId}-${t.queuedAt.getTime()}`;

export async function pairLevel(deps: Deps, memberId: number): Promise<number> {
  return overallLevel(await deps.quizzes.recentAttempts(memberId, RECENT_LIMIT));
}

/** Who `joiner` should be paired with among `waiting` (undefined: nobody suitable). */
export function pickPartner(
  joiner: Pick<PairTicket, "memberId" | "level">, waiting: readonly PairTicket[], lastPartner: number | undefined, maxGap: number,
): PairTicket | undefined {
  const suitable = waiting.filter((t) => t.memberId !== joiner.memberId && Math.abs(t.level - joiner.level) <= maxGap);
  const fresh = suitable.filter((t) => t.memberId !== lastPartner);
  const pool = fresh.length ? fresh : suitable;
  return [...pool].sort((a, b) => Math.abs(a.level - joiner.level) - Math.abs(b.level - joiner.level) || a.queuedAt.getTime() - b.queuedAt.getTime())[0];
}

/** Picks and claims a partner (taking them out of the queue); a member claimed by a racing matcher is skipped. */
async function claimPartner(deps: Deps, me: Pick<PairTicket, "memberId" | "level">, waiting: readonly PairTicket[], maxGap: number) {
  const last = await deps.pairs.lastPartner(me.memberId);
  let pool = [...waiting];
  for (;;) {
    const pick = pickPartner(me, pool, last, maxGap);
    if (!pick) return undefined;
    pool = pool.filter((t) => t !== pick);
    // Someone busy in another interview (they started a solo mock while queued) stays for their timeout.
    if (await deps.mocks.activeFor(pick.memberId)) continue;
    const member = await deps.members.get(pick.memberId);
    if (member && (await deps.pairs.remove(pick.memberId))) return { ticket: pick, member };
  }
}

/** Starts the matched pair's mock; if that fails, the claimed partner goes back in the queue (their timer still runs). */
async function startMatched(deps: Deps, partner: { ticket: PairTicket; member: Member }, o: Parameters<typeof startPeerMock>[1]): Promise<PeerMock> {
  try {
    const m = await startPeerMock(deps, o);
    await deps.scheduler.cancelTimer?.("pair-timeout", pairTimerKey(partner.ticket));
    return m;
  } catch (err) {
    await deps.pairs.enqueue(partner.ticket);
    throw err;
  }
}

/** Roles for a match: the higher level interviews; at equal levels the one who waited is the candidate. */
function roles(waiter: { member: Member; level: number }, joiner: { member: Member; level: number }) {
  return joiner.level >= waiter.level
    ? { candidate: waiter.member, interviewer: joiner.member }
    : { candidate: joiner.member, interviewer: waiter.member };
}

export async function joinQueue(ctx: Context<unknown>): Promise<Reply> {
  const { deps, member, space, event } = ctx;
  if (!deps.outbox?.openThread) throw new UserError("mock.noThreads");
  const running = await deps.mocks.activeFor(member.id);
  if (running) throw new UserError("mock.alreadyRunning", { problem: running.problemId });
  const waiting = await deps.pairs.waiting(space.id);
  if (waiting.some((t) => t.memberId === member.id)) throw new UserError("pair.alreadyQueued");
  const level = await pairLevel(deps, member.id);
  const found = await claimPartner(deps, { memberId: member.id, level }, waiting, PAIR_MAX_LEVEL_GAP);
  if (found) {
    const m = await startMatched(deps, found, { spaceId: space.id, channelId: event.channel.id, ...roles({ member: found.member, level: found.ticket.level }, { member, level }) });
    await notifyMatched(deps, found.member, found.ticket.channelId, m, member);
    return matchedFor(member, m, found.member);
  }
  const ticket: PairTicket = { memberId: member.id, spaceId: space.id, channelId: event.channel.id, level, queuedAt: deps.clock.now() };
  if (!(await deps.pairs.enqueue(ticket))) throw new UserError("pair.alreadyQueued");
  const schedule = deps.scheduler.scheduleTimer?.bind(deps.scheduler);
  await schedule?.("pair-timeout", pairTimerKey(ticket), new Date(ticket.queuedAt.getTime() + PAIR_TIMEOUT_MINUTES * 60_000), {
    memberId: member.id, spaceId: space.id, queuedAt: ticket.queuedAt.getTime(),
  });
  return queuedReply({ level, minutes: PAIR_TIMEOUT_MINUTES, hasTimer: Boolean(schedule) });
}

export async function leaveQueue(ctx: Context<unknown>): Promise<Reply> {
  const { deps, member, space } = ctx;
  const ticket = (await deps.pairs.waiting(space.id)).find((t) => t.memberId === member.id);
  if (!ticket || !(await deps.pairs.remove(member.id))) throw new UserError("pair.notQueued");
  await deps.scheduler.cancelTimer?.("pair-timeout", pairTimerKey(ticket));
  return leftQueueReply();
}

/**
 * The pair-timeout timer: a member still waiting is matched with anyone left in the queue, else
 * taken out and offered a solo mock. Matched, left or queued again since: nothing to do.
 */
export async function pairTimeout(deps: Deps, payload: { memberId: number; spaceId: string; queuedAt: number }): Promise<void> {
  const waiting = await deps.pairs.waiting(payload.spaceId);
  const mine = waiting.find((t) => t.memberId === payload.memberId);
  if (!mine || mine.queuedAt.getTime() !== Number(payload.queuedAt)) return;
  // Taking ourselves out first is the claim: a member joining right now can no longer pick us.
  if (!(await deps.pairs.remove(mine.memberId))) return;
  try {
    await lastCall(deps, mine, waiting);
  } catch (err) {
    await deps.pairs.enqueue(mine); // back in line, so the job's retry finds the member again
    throw err;
  }
}

async function lastCall(deps: Deps, mine: PairTicket, waiting: readonly PairTicket[]): Promise<void> {
  const member = await deps.members.get(mine.memberId);
  if (!member || !deps.outbox || (await deps.mocks.activeFor(member.id))) return;
  const found = deps.outbox.openThread ? await claimPartner(deps, mine, waiting, Number.POSITIVE_INFINITY) : undefined;
  if (found) {
    const m = await startMatched(deps, found, {
      spaceId: mine.spaceId, channelId: mine.channelId, ...roles({ member, level: mine.level }, { member: found.member, level: found.ticket.level }),
    });
    await notifyMatched(deps, member, mine.channelId, m, found.member);
    await notifyMatched(deps, found.member, found.ticket.channelId, m, member);
    return;
  }
  // In the channel they queued in, not a DM: Discord answers button clicks in DMs with "use a server".
  await deps.outbox.post({ spaceId: mine.spaceId, channelId: mine.channelId },
    pairTimeoutReply({ channelId: mine.channelId, memberId: member.id, name: userText(member.displayName), minutes: PAIR_TIMEOUT_MINUTES }),
    { idempotencyKey: `pair-timeout-${pairTimerKey(mine)}` });
}
