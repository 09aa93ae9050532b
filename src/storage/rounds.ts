/**
 * Timed channel rounds and their answers. The (round, member) primary key of `round_answers`
 * makes "the first answer counts" hold even when two clicks race.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Round, RoundRepo } from "../bot/ports.js";
import type { Db } from "./db.js";
import { members, roundAnswers, rounds } from "./schema.js";

const toRound = (r: typeof rounds.$inferSelect): Round => ({
  id: r.id, spaceId: r.spaceId, channelId: r.channelId, questionId: r.questionId, startedBy: r.startedBy,
  createdAt: r.createdAt, closesAt: r.closesAt, closedAt: r.closedAt, messageRef: r.messageRef,
});

export function createRoundRepo(db: Db): RoundRepo {
  return {
    async create(round) {
      return db.insert(rounds).values({ ...round }).onConflictDoNothing().run().changes === 1;
    },
    async get(spaceId, id) {
      const row = db.select().from(rounds).where(and(eq(rounds.spaceId, spaceId), eq(rounds.id, id))).get();
      return row && toRound(row);
    },
    async openIn(spaceId, channelId) {
      const row = db.select().from(rounds)
        .where(and(eq(rounds.spaceId, spaceId), eq(rounds.channelId, channelId), isNull(rounds.closedAt))).get();
      return row && toRound(row);
    },
    async answer(spaceId, roundId, a) {
      const result = db.insert(roundAnswers).values({ spaceId, roundId, ...a }).onConflictDoNothing().run();
      return result.changes > 0;
    },
    async answers(roundId) {
      // Same millisecond: by member id (RoundRepo.answers), the same on every engine and every retried close.
      return db.select({
        memberId: roundAnswers.memberId, name: members.displayName, choice: roundAnswers.choice,
        isCorrect: roundAnswers.isCorrect, answeredAt: roundAnswers.answeredAt,
      }).from(roundAnswers).innerJoin(members, eq(members.id, roundAnswers.memberId))
        .where(eq(roundAnswers.roundId, roundId)).orderBy(asc(roundAnswers.answeredAt), asc(roundAnswers.memberId)).all();
    },
    async close(roundId, at) {
      return db.update(rounds).set({ closedAt: at }).where(and(eq(rounds.id, roundId), isNull(rounds.closedAt))).run().changes > 0;
    },
    async setMessageRef(roundId, ref) {
      db.update(rounds).set({ messageRef: ref }).where(eq(rounds.id, roundId)).run();
    },
    async unclosed() {
      return db.select().from(rounds).where(isNull(rounds.closedAt)).orderBy(asc(rounds.closesAt), asc(rounds.id)).all().map(toRound);
    },
  };
}
