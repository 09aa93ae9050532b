/**
 * Timed channel rounds on PostgreSQL (../rounds.ts is the SQLite twin). The partial unique index
 * keeps one open round per channel; the (round, member) key makes the first answer count.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Round, RoundRepo } from "../../bot/ports.js";
import type { PgDb } from "./db.js";
import { members, roundAnswers, rounds } from "./schema.js";
import type { Q } from "./tx.js";

const toRound = (r: typeof rounds.$inferSelect): Round => ({
  id: r.id, spaceId: r.spaceId, channelId: r.channelId, questionId: r.questionId, startedBy: r.startedBy,
  createdAt: r.createdAt, closesAt: r.closesAt, closedAt: r.closedAt, messageRef: r.messageRef,
});

type Answer = { memberId: number; choice: number; isCorrect: boolean; answeredAt: Date };

/** First answer per (round, member): ON CONFLICT DO NOTHING waits for a racing insert to commit, then skips. */
export async function insertRoundAnswer(q: Q, spaceId: string, roundId: string, a: Answer): Promise<boolean> {
  const r = await q.insert(roundAnswers).values({ spaceId, roundId, memberId: a.memberId, choice: a.choice, isCorrect: a.isCorrect, answeredAt: a.answeredAt })
    .onConflictDoNothing();
  return (r.rowCount ?? 0) > 0;
}

export function createPgRoundRepo(db: PgDb): RoundRepo {
  return {
    async create(round) {
      const { id, spaceId, channelId, questionId, startedBy, createdAt, closesAt } = round;
      // No conflict target: a repeated id and a second open round in the channel both mean "not created".
      const r = await db.insert(rounds).values({ id, spaceId, channelId, questionId, startedBy, createdAt, closesAt }).onConflictDoNothing();
      return (r.rowCount ?? 0) === 1;
    },
    async get(spaceId, id) {
      const [row] = await db.select().from(rounds).where(and(eq(rounds.spaceId, spaceId), eq(rounds.id, id)));
      return row && toRound(row);
    },
    async openIn(spaceId, channelId) {
      const [row] = await db.select().from(rounds).where(and(eq(rounds.spaceId, spaceId), eq(rounds.channelId, channelId), isNull(rounds.closedAt)));
      return row && toRound(row);
    },
    answer: (spaceId, roundId, a) => insertRoundAnswer(db, spaceId, roundId, a),
    async answers(roundId) {
      return db.select({
        memberId: roundAnswers.memberId, name: members.displayName, choice: roundAnswers.choice,
        isCorrect: roundAnswers.isCorrect, answeredAt: roundAnswers.answeredAt,
      }).from(roundAnswers).innerJoin(members, eq(members.id, roundAnswers.memberId))
        .where(eq(roundAnswers.roundId, roundId)).orderBy(asc(roundAnswers.answeredAt), asc(roundAnswers.seq));
    },
    async close(roundId, at) {
      const r = await db.update(rounds).set({ closedAt: at }).where(and(eq(rounds.id, roundId), isNull(rounds.closedAt)));
      return (r.rowCount ?? 0) > 0;
    },
    async setMessageRef(roundId, ref) {
      await db.update(rounds).set({ messageRef: ref }).where(eq(rounds.id, roundId));
    },
    async unclosed() {
      return (await db.select().from(rounds).where(isNull(rounds.closedAt)).orderBy(asc(rounds.closesAt))).map(toRound);
    },
  };
}
