/**
 * Recording a scored activity (issue 19): a quiz or review answer, a drill answer, a round answer.
 * The service works out what it is worth and how the streak moves; the ActivityRepo writes all of
 * it — cap check, claim, attempt, card, ledger, period totals, streak and the event's stored
 * reply — in one transaction, so a crash or a second process never sees half an answer, and the
 * cap is checked by the writer that spends it.
 */
import type { Context, Deps } from "../command.js";
import type { ReviewCard, ScoredActivity } from "../ports.js";
import type { Reply } from "../reply.js";
import { localDate } from "../time.js";
import { periodsOf, POINTS, type Award } from "./points.js";
import { applyRewards } from "./role-rewards.js";
import { advance, freshStreak, streakLine, zoneOf } from "./streaks.js";

/** What the reply may show: the points awarded now (after the cap; 0 for a repeat) and the streak line. */
export interface Scored { points: number; streak?: string }

export interface ScoredInput {
  at: Date;
  attempt?: ScoredActivity["attempt"];
  roundAnswer?: ScoredActivity["roundAnswer"];
  review?: ReviewCard;
  /** Before the cap; it counts in the periods of `at` in the space's zone. */
  award?: Award;
  /** Built inside the transaction from what was recorded: synchronous (a view). */
  reply(scored: Scored): Reply;
}

/** The award as stored: filed under the periods of `at`, clipped to the daily cap of that day. */
export function cappedAward(award: Award, at: Date, timezone: string): NonNullable<ScoredActivity["award"]> {
  const periods = periodsOf(at, timezone);
  return { ...award, periods: Object.values(periods), cap: { period: periods.day, limit: POINTS.dailyCap } };
}

/**
 * Records the activity and returns its reply; undefined when its session or round answer was taken
 * already (a double click). Through the dispatcher the reply is stored with it (ctx.recorded), and a
 * redelivery that raced the first gets the first reply.
 */
export async function recordScored(ctx: Context<unknown>, input: ScoredInput): Promise<Reply | undefined> {
  const { deps, space, member, event } = ctx;
  const today = localDate(input.at, zoneOf(member, space));
  let line: string | undefined;
  let streak: number | undefined;
  const outcome = await deps.activities.record({
    spaceId: space.id, memberId: member.id, at: input.at,
    ...(input.attempt ? { attempt: input.attempt } : {}),
    ...(input.roundAnswer ? { roundAnswer: input.roundAnswer } : {}),
    ...(input.review ? { review: input.review } : {}),
    ...(input.award ? { award: cappedAward(input.award, input.at, space.timezone) } : {}),
    streak(stored) {
      const step = advance(stored ?? freshStreak(member.id, member.spaceId), today);
      line = streakLine(step?.change);
      streak = step?.next.current;
      return step?.next;
    },
    ...(ctx.recorded ? { event: { key: event.idempotencyKey, userId: event.user.id } } : {}),
    reply: (points) => input.reply({ points, ...(line ? { streak: line } : {}) }),
  });
  if (outcome.status === "claimed") return undefined;
  // After the commit: a role the day's streak or a new level earns (never fails the answer).
  if (outcome.status === "recorded") await applyRewards(deps, space.id, member, { ...(streak === undefined ? {} : { streak }), checkLevel: input.attempt !== undefined });
  if (ctx.recorded) ctx.recorded.reply = outcome.reply;
  return outcome.reply;
}

/** A deferred award (a round's, at its close): capped on the day of `at`; returns the ref's points. */
export async function recordAward(deps: Pick<Deps, "activities">, spaceId: string, memberId: number, award: Award, at: Date, timezone: string, now: Date): Promise<number> {
  const outcome = await deps.activities.record({ spaceId, memberId, at: now, award: cappedAward(award, at, timezone) });
  return outcome.status === "recorded" ? (outcome.award?.points ?? 0) : 0;
}
