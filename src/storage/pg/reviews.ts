/** FSRS cards on PostgreSQL (../reviews.ts is the SQLite twin). */
import { and, asc, count, desc, eq, gt, gte, lte, min, sql } from "drizzle-orm";
import type { ReviewCard, ReviewRepo } from "../../bot/ports.js";
import type { StoredCard } from "../../bot/ports.js";
import type { PgDb } from "./db.js";
import { members, reviews } from "./schema.js";
import { byName, type Q } from "./tx.js";

const toCard = (r: typeof reviews.$inferSelect): ReviewCard => ({
  questionId: r.questionId, card: r.card as StoredCard, due: r.due, stability: r.stability,
});

/** Upsert of one card; used inside the answer transaction too. */
export async function saveReview(q: Q, spaceId: string, memberId: number, c: ReviewCard, at: Date): Promise<void> {
  await q.insert(reviews).values({ spaceId, memberId, questionId: c.questionId, card: c.card, due: c.due, stability: c.stability, updatedAt: at })
    .onConflictDoUpdate({
      target: [reviews.memberId, reviews.questionId],
      set: { card: sql`excluded.card`, due: sql`excluded.due`, stability: sql`excluded.stability`, updatedAt: sql`excluded.updated_at` },
    });
}

export function createPgReviewRepo(db: PgDb): ReviewRepo {
  const keptBy = (spaceId: string, minStability: number) =>
    db.select({ memberId: reviews.memberId, kept: count().as("kept") }).from(reviews)
      .where(and(eq(reviews.spaceId, spaceId), gte(reviews.stability, minStability))).groupBy(reviews.memberId).as("kept_by");
  return {
    async get(memberId, questionId) {
      const [row] = await db.select().from(reviews).where(and(eq(reviews.memberId, memberId), eq(reviews.questionId, questionId)));
      return row && toCard(row);
    },
    async save(spaceId, memberId, card, at) {
      await saveReview(db, spaceId, memberId, card, at);
    },
    async due(memberId, now, limit) {
      const rows = await db.select().from(reviews).where(and(eq(reviews.memberId, memberId), lte(reviews.due, now)))
        .orderBy(asc(reviews.due)).limit(limit);
      return rows.map(toCard);
    },
    async retentionTop(spaceId, minStability, limit) {
      const kept = count().as("kept");
      const rows = await db.select({ memberId: reviews.memberId, name: members.displayName, points: kept }).from(reviews)
        .innerJoin(members, eq(members.id, reviews.memberId))
        .where(and(eq(reviews.spaceId, spaceId), gte(reviews.stability, minStability)))
        .groupBy(reviews.memberId, members.displayName).orderBy(desc(kept), byName(members.displayName)).limit(limit);
      return rows.map((r) => ({ ...r, rank: rows.findIndex((x) => x.points === r.points) + 1 }));
    },
    async retentionOf(spaceId, memberId, minStability) {
      const k = keptBy(spaceId, minStability);
      const [mine] = await db.select({ kept: k.kept }).from(k).where(eq(k.memberId, memberId));
      if (!mine) return undefined;
      const k2 = keptBy(spaceId, minStability);
      const [above] = await db.select({ n: count() }).from(k2).where(gt(k2.kept, mine.kept));
      const [name] = await db.select({ n: members.displayName }).from(members).where(eq(members.id, memberId));
      return { memberId, name: name?.n ?? "", points: Number(mine.kept), rank: (above?.n ?? 0) + 1 };
    },
    async upcoming(memberId, now) {
      const [next] = await db.select({ next: min(reviews.due) }).from(reviews).where(and(eq(reviews.memberId, memberId), gt(reviews.due, now)));
      const [total] = await db.select({ n: count() }).from(reviews).where(eq(reviews.memberId, memberId));
      return { next: next?.next ?? undefined, total: total?.n ?? 0 };
    },
  };
}
