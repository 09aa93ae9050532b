import { and, asc, count, desc, eq, gt, gte, lte, min } from "drizzle-orm";
import type { ReviewCard, ReviewRepo, StoredCard } from "../bot/ports.js";
import type { Db } from "./db.js";
import { members, reviews } from "./schema.js";
import { statementsFor, type Statements } from "./statements.js";

const toCard = (r: typeof reviews.$inferSelect): ReviewCard => ({
  questionId: r.questionId, card: r.card as StoredCard, due: r.due, stability: r.stability,
});

/** Upsert of one card; used inside the answer transaction too. */
export function saveReview(st: Statements, spaceId: string, memberId: number, c: ReviewCard, at: Date): void {
  st.reviewUpsert.run({ spaceId, memberId, questionId: c.questionId, card: c.card, due: c.due, stability: c.stability, at });
}

export function createReviewRepo(db: Db): ReviewRepo {
  const st = statementsFor(db);
  return {
    async get(memberId, questionId) {
      const row = st.reviewGet.get({ memberId, questionId });
      return row && toCard(row);
    },
    async save(spaceId, memberId, card, at) {
      saveReview(st, spaceId, memberId, card, at);
    },
    async due(memberId, now, limit) {
      return db.select().from(reviews).where(and(eq(reviews.memberId, memberId), lte(reviews.due, now)))
        .orderBy(asc(reviews.due), asc(reviews.questionId)).limit(limit).all().map(toCard);
    },
    async retentionTop(spaceId, minStability, limit) {
      const kept = count().as("kept");
      const rows = db.select({ memberId: reviews.memberId, name: members.displayName, points: kept }).from(reviews)
        .innerJoin(members, eq(members.id, reviews.memberId))
        .where(and(eq(reviews.spaceId, spaceId), gte(reviews.stability, minStability)))
        .groupBy(reviews.memberId).orderBy(desc(kept), asc(members.displayName), asc(reviews.memberId)).limit(limit).all();
      return rows.map((r) => ({ ...r, rank: rows.findIndex((x) => x.points === r.points) + 1 }));
    },
    async retentionOf(spaceId, memberId, minStability) {
      const keptBy = db.select({ memberId: reviews.memberId, kept: count().as("kept") }).from(reviews)
        .where(and(eq(reviews.spaceId, spaceId), gte(reviews.stability, minStability))).groupBy(reviews.memberId).as("kept_by");
      const mine = db.select({ kept: keptBy.kept }).from(keptBy).where(eq(keptBy.memberId, memberId)).get();
      if (!mine) return undefined;
      const above = db.select({ n: count() }).from(keptBy).where(gt(keptBy.kept, mine.kept)).get();
      const name = db.select({ n: members.displayName }).from(members).where(eq(members.id, memberId)).get()?.n ?? "";
      return { memberId, name, points: mine.kept, rank: (above?.n ?? 0) + 1 };
    },
    async upcoming(memberId, now) {
      const next = db.select({ next: min(reviews.due) }).from(reviews).where(and(eq(reviews.memberId, memberId), gt(reviews.due, now))).get();
      const total = db.select({ n: count() }).from(reviews).where(eq(reviews.memberId, memberId)).get();
      return { next: next?.next ?? undefined, total: total?.n ?? 0 };
    },
  };
}
