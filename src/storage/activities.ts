/**
 * A scored activity in one transaction (issue 19): the claim (quiz session or round answer), the
 * attempt, the card, the ledger row clipped to the daily cap, the period totals (the rank_nodes
 * triggers ride on them), the streak and the event's stored reply commit together or not at all.
 * BEGIN IMMEDIATE takes the write lock before the first read, so the cap and the streak are read
 * by one writer at a time even across processes sharing the file; better-sqlite3's own transaction,
 * as deliveries.ts: drizzle's wrapper costs more than these statements.
 */
import type { ActivityOutcome, ActivityRepo, Reply, ScoredActivity } from "../bot/ports.js";
import type { Db } from "./db.js";
import { awardPoints } from "./points.js";
import { saveReview } from "./reviews.js";
import { statementsFor } from "./statements.js";
import { toStreak } from "./streaks.js";

export function createActivityRepo(db: Db): ActivityRepo {
  const st = statementsFor(db);
  const record = db.$client.transaction((a: ScoredActivity): ActivityOutcome => {
    const { spaceId, memberId, at } = a;
    // A redelivery that raced past the dispatcher's check (another process, say) gets the first reply.
    const earlier = a.event && st.eventGet.get({ spaceId, key: a.event.key });
    if (earlier) return { status: "replayed", reply: earlier.reply as Reply };
    if (a.attempt && st.sessionClaim.run({ id: a.attempt.sessionId, atMs: at.getTime() }).changes === 0) return { status: "claimed" };
    if (a.roundAnswer && st.roundAnswerInsert.run({ spaceId, memberId, answeredAt: at, ...a.roundAnswer }).changes === 0) return { status: "claimed" };
    if (a.attempt) st.attemptInsert.run({ ...a.attempt });
    if (a.review) saveReview(st, spaceId, memberId, a.review, at);
    const award = a.award && awardPoints(st, spaceId, memberId, a.award, at);
    if (a.streak) {
      const row = st.streakGet.get({ memberId });
      const next = a.streak(row && toStreak(row));
      if (next) st.streakUpsert.run({ ...next });
    }
    const reply = a.reply?.(award?.isNew ? award.points : 0);
    if (reply && a.event) st.eventInsert.run({ spaceId, key: a.event.key, userId: a.event.userId, reply });
    return { status: "recorded", ...(award ? { award } : {}), ...(reply ? { reply } : {}) };
  });
  return {
    async record(activity) {
      return record.immediate(activity);
    },
  };
}
