/**
 * A scored activity in one transaction on PostgreSQL (../activities.ts is the SQLite twin): the
 * claim, attempt, card, ledger row clipped to the daily cap, period totals (the rank_nodes trigger
 * rides on them), streak and the event's reply commit together or not at all.
 *
 * Across processes, at READ COMMITTED:
 * - the member's row is locked first (tx.ts lockMember), so one member's activities run one at a
 *   time whichever host takes them: the cap and the streak are read by one writer at a time, as
 *   BEGIN IMMEDIATE gives on SQLite. Different members never wait for each other here;
 * - a redelivered event waits behind that lock and then finds the first reply (replayed);
 * - the session claim (UPDATE … WHERE answered_at IS NULL), the round answer and the ledger ref
 *   (ON CONFLICT DO NOTHING on their unique keys) are exactly-once by constraint, lock or not.
 * SERIALIZABLE with retry was the alternative; a retry would re-run the caller's `streak` and
 * `reply` callbacks and abort under ordinary load on hot boards, where the lock just queues.
 */
import type { ActivityOutcome, ActivityRepo, ScoredActivity } from "../../bot/ports.js";
import type { PgDb } from "./db.js";
import { findEvent, insertEvent } from "./events.js";
import { awardPoints } from "./points.js";
import { claimSession, insertAttempt } from "./quizzes.js";
import { saveReview } from "./reviews.js";
import { insertRoundAnswer } from "./rounds.js";
import { getStreak, saveStreak } from "./streaks.js";
import { lockMember } from "./tx.js";

export function createPgActivityRepo(db: PgDb): ActivityRepo {
  return {
    record: (a: ScoredActivity) => db.transaction(async (tx): Promise<ActivityOutcome> => {
      const { spaceId, memberId, at } = a;
      await lockMember(tx, memberId);
      const earlier = a.event && (await findEvent(tx, spaceId, a.event.key));
      if (earlier) return { status: "replayed", reply: earlier };
      if (a.attempt && !(await claimSession(tx, a.attempt.sessionId, at))) return { status: "claimed" };
      if (a.roundAnswer && !(await insertRoundAnswer(tx, spaceId, a.roundAnswer.roundId, { memberId, answeredAt: at, ...a.roundAnswer }))) {
        return { status: "claimed" };
      }
      if (a.attempt) await insertAttempt(tx, a.attempt);
      if (a.review) await saveReview(tx, spaceId, memberId, a.review, at);
      const award = a.award && (await awardPoints(tx, spaceId, memberId, a.award, at, { memberLocked: true }));
      if (a.streak) {
        const next = a.streak(await getStreak(tx, memberId));
        if (next) await saveStreak(tx, next);
      }
      const reply = a.reply?.(award?.isNew ? award.points : 0);
      if (reply && a.event) await insertEvent(tx, spaceId, a.event.key, reply, a.event.userId);
      return { status: "recorded", ...(award ? { award } : {}), ...(reply ? { reply } : {}) };
    }),
  };
}
