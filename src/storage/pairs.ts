/** The peer-mock queue and the scores peers give each other (PairRepo). */
import { and, asc, desc, eq, isNotNull, or } from "drizzle-orm";
import type { PairRepo } from "../bot/ports.js";
import type { Db } from "./db.js";
import { mockSessions, pairQueue, peerScores } from "./schema.js";

export function createPairRepo(db: Db): PairRepo {
  return {
    async enqueue(t) {
      return db.insert(pairQueue).values({ ...t }).onConflictDoNothing().run().changes === 1;
    },
    async waiting(spaceId) {
      return db.select().from(pairQueue).where(eq(pairQueue.spaceId, spaceId)).orderBy(asc(pairQueue.queuedAt), asc(pairQueue.memberId)).all();
    },
    async allWaiting() {
      return db.select().from(pairQueue).orderBy(asc(pairQueue.queuedAt), asc(pairQueue.memberId)).all();
    },
    async remove(memberId) {
      // The delete is the claim: of two matchers racing for one member, only one sees a change.
      return db.delete(pairQueue).where(eq(pairQueue.memberId, memberId)).run().changes === 1;
    },
    async lastPartner(memberId) {
      const row = db.select({ memberId: mockSessions.memberId, partnerId: mockSessions.partnerId }).from(mockSessions)
        .where(and(isNotNull(mockSessions.partnerId), or(eq(mockSessions.memberId, memberId), eq(mockSessions.partnerId, memberId))))
        .orderBy(desc(mockSessions.startedAt), desc(mockSessions.id)).get();
      if (!row) return undefined;
      return row.memberId === memberId ? (row.partnerId ?? undefined) : row.memberId;
    },
    async saveScore(s) {
      const row = { spaceId: s.spaceId, mockId: s.mockId, raterId: s.raterId, rateeId: s.rateeId, ratings: s.ratings, total: s.total, createdAt: s.at };
      return db.transaction((tx) => {
        const existed = tx.select({ n: peerScores.total }).from(peerScores)
          .where(and(eq(peerScores.mockId, s.mockId), eq(peerScores.raterId, s.raterId))).get() !== undefined;
        tx.insert(peerScores).values(row).onConflictDoUpdate({
          target: [peerScores.mockId, peerScores.raterId],
          set: { rateeId: row.rateeId, ratings: row.ratings, total: row.total, createdAt: row.createdAt },
        }).run();
        return !existed;
      }, { behavior: "immediate" });
    },
    async scoresFor(mockId) {
      return db.select({ raterId: peerScores.raterId, rateeId: peerScores.rateeId, ratings: peerScores.ratings, total: peerScores.total })
        .from(peerScores).where(eq(peerScores.mockId, mockId)).orderBy(asc(peerScores.raterId)).all()
        .map((r) => ({ ...r, ratings: r.ratings as Record<string, number> }));
    },
  };
}
