/** The peer-mock queue and peer scores on PostgreSQL (../pairs.ts is the SQLite twin). */
import { and, asc, desc, eq, isNotNull, or, sql } from "drizzle-orm";
import type { PairRepo } from "../../bot/ports.js";
import type { PgDb } from "./db.js";
import { mockSessions, pairQueue, peerScores } from "./schema.js";

export function createPgPairRepo(db: PgDb): PairRepo {
  return {
    async enqueue(t) {
      return ((await db.insert(pairQueue).values({ ...t }).onConflictDoNothing()).rowCount ?? 0) === 1;
    },
    async waiting(spaceId) {
      return db.select().from(pairQueue).where(eq(pairQueue.spaceId, spaceId)).orderBy(asc(pairQueue.queuedAt), asc(pairQueue.memberId));
    },
    async allWaiting() {
      return db.select().from(pairQueue).orderBy(asc(pairQueue.queuedAt), asc(pairQueue.memberId));
    },
    async remove(memberId) {
      // The delete is the claim: of two matchers racing for one member (on any host), only one deletes the row.
      return ((await db.delete(pairQueue).where(eq(pairQueue.memberId, memberId))).rowCount ?? 0) === 1;
    },
    async lastPartner(memberId) {
      // SQLite breaks a tie on start time by rowid; here by the session id (a tie in the same millisecond is not expected).
      const [row] = await db.select({ memberId: mockSessions.memberId, partnerId: mockSessions.partnerId }).from(mockSessions)
        .where(and(isNotNull(mockSessions.partnerId), or(eq(mockSessions.memberId, memberId), eq(mockSessions.partnerId, memberId))))
        .orderBy(desc(mockSessions.startedAt), desc(mockSessions.id)).limit(1);
      if (!row) return undefined;
      return row.memberId === memberId ? (row.partnerId ?? undefined) : row.memberId;
    },
    async saveScore(s) {
      const row = { spaceId: s.spaceId, mockId: s.mockId, raterId: s.raterId, rateeId: s.rateeId, ratings: s.ratings, total: s.total, createdAt: s.at };
      // xmax = 0 only on a freshly inserted row: one statement tells "new" from "replaced", race-free.
      const [r] = await db.insert(peerScores).values(row).onConflictDoUpdate({
        target: [peerScores.mockId, peerScores.raterId],
        set: { rateeId: row.rateeId, ratings: row.ratings, total: row.total, createdAt: row.createdAt },
      }).returning({ isNew: sql<boolean>`(xmax = 0)` });
      return r?.isNew ?? false;
    },
    async scoresFor(mockId) {
      const rows = await db.select({ raterId: peerScores.raterId, rateeId: peerScores.rateeId, ratings: peerScores.ratings, total: peerScores.total })
        .from(peerScores).where(eq(peerScores.mockId, mockId)).orderBy(asc(peerScores.raterId));
      return rows.map((r) => ({ ...r, ratings: r.ratings as Record<string, number> }));
    },
  };
}
