/** Quiz sessions, attempts and disputes on PostgreSQL (../quizzes.ts is the SQLite twin). */
import { and, asc, count, desc, eq, gte, isNull, max, sql } from "drizzle-orm";
import type { AttemptInput, QuizRepo, QuizSession } from "../../bot/ports.js";
import { bucketProgress } from "../../bot/ports.js";
import type { StoredCard } from "../../bot/ports.js";
import type { PgDb } from "./db.js";
import { awardPoints } from "./points.js";
import { saveReview } from "./reviews.js";
import { attempts, gradeDisputes, quizSessions } from "./schema.js";
import type { Q } from "./tx.js";

const SLOT_MS = 15 * 60_000;

const toSession = (r: typeof quizSessions.$inferSelect): QuizSession => ({
  id: r.id, spaceId: r.spaceId, memberId: r.memberId, questionId: r.questionId, channelId: r.channelId,
  kind: r.kind, createdAt: r.createdAt, answeredAt: r.answeredAt, cardBefore: (r.cardBefore as StoredCard | null) ?? null,
});

/**
 * Takes the session for this answer: one UPDATE … WHERE answered_at IS NULL. A second answer
 * (another process, a double click) waits on the row lock, re-reads the row and updates nothing.
 */
export async function claimSession(q: Q, sessionId: string, at: Date): Promise<boolean> {
  const r = await q.update(quizSessions).set({ answeredAt: at }).where(and(eq(quizSessions.id, sessionId), isNull(quizSessions.answeredAt)));
  return (r.rowCount ?? 0) > 0;
}

export async function insertAttempt(q: Q, a: Omit<AttemptInput, "review" | "award">): Promise<void> {
  const { spaceId, memberId, sessionId, questionId, topic, level, format, answer, score, isCorrect, at } = a;
  await q.insert(attempts).values({ spaceId, memberId, sessionId, questionId, topic, level, format, answer, score, isCorrect, createdAt: at });
}

export function createPgQuizRepo(db: PgDb): QuizRepo {
  return {
    async open(s) {
      const { id, spaceId, memberId, questionId, channelId, kind, cardBefore, createdAt } = s;
      await db.insert(quizSessions).values({ id, spaceId, memberId, questionId, channelId, kind, cardBefore, createdAt });
    },
    async get(spaceId, id) {
      const [row] = await db.select().from(quizSessions).where(and(eq(quizSessions.spaceId, spaceId), eq(quizSessions.id, id)));
      return row && toSession(row);
    },
    async recordAnswer(a) {
      return db.transaction(async (tx) => {
        if (!(await claimSession(tx, a.sessionId, a.at))) return false;
        await insertAttempt(tx, a);
        if (a.review) await saveReview(tx, a.spaceId, a.memberId, a.review, a.at);
        if (a.award) await awardPoints(tx, a.spaceId, a.memberId, a.award, a.at);
        return true;
      });
    },
    async recentAttempts(memberId, limit) {
      return db.select({ questionId: attempts.questionId, topic: attempts.topic, level: attempts.level, score: attempts.score, at: attempts.createdAt })
        .from(attempts).where(eq(attempts.memberId, memberId)).orderBy(desc(attempts.createdAt), desc(attempts.id)).limit(limit);
    },
    async askedSince(memberId, since) {
      const rows = await db.select({ q: quizSessions.questionId, at: max(quizSessions.createdAt) }).from(quizSessions)
        .where(and(eq(quizSessions.memberId, memberId), gte(quizSessions.createdAt, since))).groupBy(quizSessions.questionId);
      return new Map(rows.map((r) => [r.q, r.at!]));
    },
    async stats(memberId) {
      return db.select({
        topic: attempts.topic,
        level: attempts.level,
        attempts: sql<number>`count(*)::integer`,
        correct: sql<number>`count(*) filter (where ${attempts.isCorrect})::integer`,
        averageScore: sql<number>`avg(${attempts.score})::double precision`,
      }).from(attempts).where(eq(attempts.memberId, memberId))
        .groupBy(attempts.topic, attempts.level).orderBy(attempts.topic, attempts.level);
    },
    async progressSince(memberId, since, timezone) {
      // Grouped by (15-minute slot, topic) and mapped to local weeks in JS, as on SQLite, so both
      // stores bucket the same way (see ../quizzes.ts).
      const slot = sql<number>`floor(extract(epoch from ${attempts.createdAt}) * 1000 / ${sql.raw(String(SLOT_MS))})::bigint`.mapWith(Number);
      const rows = await db.select({ slot, topic: attempts.topic, attempts: count(), correct: sql<number>`count(*) filter (where ${attempts.isCorrect})::integer` })
        .from(attempts).where(and(eq(attempts.memberId, memberId), gte(attempts.createdAt, since)))
        .groupBy(sql`1`, attempts.topic);
      return bucketProgress(rows.map((r) => ({ at: new Date(r.slot * SLOT_MS), topic: r.topic, attempts: r.attempts, correct: r.correct })), timezone);
    },
    async dispute(d) {
      const [answered] = await db.select({ answer: attempts.answer }).from(attempts)
        .where(and(eq(attempts.sessionId, d.sessionId), eq(attempts.spaceId, d.spaceId)));
      if (!answered) return false;
      const r = await db.insert(gradeDisputes).values({
        spaceId: d.spaceId, memberId: d.memberId, sessionId: d.sessionId, questionId: d.questionId,
        keyPoint: d.keyPoint, point: d.point, answer: answered.answer, createdAt: d.at,
      }).onConflictDoNothing();
      return (r.rowCount ?? 0) > 0;
    },
    async disputes() {
      const rows = await db.select().from(gradeDisputes).orderBy(asc(gradeDisputes.questionId), asc(gradeDisputes.keyPoint), asc(gradeDisputes.id));
      return rows.map((r) => ({
        spaceId: r.spaceId, memberId: r.memberId, sessionId: r.sessionId, questionId: r.questionId,
        keyPoint: r.keyPoint, point: r.point, answer: r.answer, at: r.createdAt,
      }));
    },
  };
}
