import { and, asc, count, eq, gt, lte, min } from "drizzle-orm";
import type { ReviewCard, ReviewRepo } from "../bot/ports.js";
import type { StoredCard } from "../bot/services/spaced-repetition.js";
import type { Db } from "./db.js";
import { reviews } from "./schema.js";

const toCard = (r: typeof reviews.$inferSelect): ReviewCard => ({
  questionId: r.questionId, card: r.card as StoredCard, due: r.due, stability: r.stability,
});

/** Upsert of one card; used inside the answer transaction too. */
export function saveReview(db: Pick<Db, "insert">, spaceId: string, memberId: number, c: ReviewCard, at: Date): void {
  const values = { card: c.card, due: c.due, stability: c.stability, updatedAt: at };
  db.insert(reviews).values({ spaceId, memberId, questionId: c.questionId, ...values })
    .onConflictDoUpdate({ target: [reviews.memberId, reviews.questionId], set: values }).run();
}

export function createReviewRepo(db: Db): ReviewRepo {
  return {
    async get(memberId, questionId) {
      const row = db.select().from(reviews).where(and(eq(reviews.memberId, memberId), eq(reviews.questionId, questionId))).get();
      return row && toCard(row);
    },
    async save(spaceId, memberId, card, at) {
      saveReview(db, spaceId, memberId, card, at);
    },
    async due(memberId, now, limit) {
      return db.select().from(reviews).where(and(eq(reviews.memberId, memberId), lte(reviews.due, now)))
        .orderBy(asc(reviews.due)).limit(limit).all().map(toCard);
    },
    async upcoming(memberId, now) {
      const next = db.select({ next: min(reviews.due) }).from(reviews).where(and(eq(reviews.memberId, memberId), gt(reviews.due, now))).get();
      const total = db.select({ n: count() }).from(reviews).where(eq(reviews.memberId, memberId)).get();
      return { next: next?.next ?? undefined, total: total?.n ?? 0 };
    },
  };
}
