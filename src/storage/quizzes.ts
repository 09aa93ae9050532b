import { and, desc, eq, gte, isNull, sql } from "drizzle-orm";
import type { QuizRepo, QuizSession } from "../bot/ports.js";
import type { StoredCard } from "../bot/services/spaced-repetition.js";
import type { Db } from "./db.js";
import { applyAward } from "./points.js";
import { saveReview } from "./reviews.js";
import { attempts, quizSessions } from "./schema.js";

export function createQuizRepo(db: Db): QuizRepo {
  const toSession = (r: typeof quizSessions.$inferSelect): QuizSession => ({
    id: r.id, spaceId: r.spaceId, memberId: r.memberId, questionId: r.questionId, channelId: r.channelId,
    kind: r.kind, createdAt: r.createdAt, answeredAt: r.answeredAt, cardBefore: (r.cardBefore as StoredCard | null) ?? null,
  });
  return {
    async open(s) {
      db.insert(quizSessions).values({ ...s, answeredAt: null }).run();
    },
    async get(spaceId, id) {
      const row = db.select().from(quizSessions).where(and(eq(quizSessions.spaceId, spaceId), eq(quizSessions.id, id))).get();
      return row && toSession(row);
    },
    async recordAnswer(a) {
      // Claiming the session and writing the attempt commit together, so a double click or a
      // redelivered interaction stores one attempt.
      return db.transaction((tx) => {
        const claimed = tx.update(quizSessions).set({ answeredAt: a.at })
          .where(and(eq(quizSessions.id, a.sessionId), isNull(quizSessions.answeredAt))).run();
        if (claimed.changes === 0) return false;
        tx.insert(attempts).values({
          spaceId: a.spaceId, memberId: a.memberId, sessionId: a.sessionId, questionId: a.questionId, topic: a.topic,
          level: a.level, format: a.format, answer: a.answer, score: a.score, isCorrect: a.isCorrect, createdAt: a.at,
        }).run();
        if (a.review) saveReview(tx, a.spaceId, a.memberId, a.review, a.at);
        if (a.award) applyAward(tx, a.spaceId, a.memberId, a.award, a.at);
        return true;
      });
    },
    async recentAttempts(memberId, limit) {
      return db.select({
        questionId: attempts.questionId, topic: attempts.topic, level: attempts.level, score: attempts.score, at: attempts.createdAt,
      }).from(attempts).where(eq(attempts.memberId, memberId)).orderBy(desc(attempts.createdAt), desc(attempts.id)).limit(limit).all();
    },
    async askedSince(memberId, since) {
      const rows = db.select({ q: quizSessions.questionId }).from(quizSessions)
        .where(and(eq(quizSessions.memberId, memberId), gte(quizSessions.createdAt, since))).all();
      return new Set(rows.map((r) => r.q));
    },
    async stats(memberId) {
      return db.select({
        topic: attempts.topic,
        level: attempts.level,
        attempts: sql<number>`count(*)`,
        correct: sql<number>`sum(${attempts.isCorrect})`,
        averageScore: sql<number>`avg(${attempts.score})`,
      }).from(attempts).where(eq(attempts.memberId, memberId))
        .groupBy(attempts.topic, attempts.level).orderBy(attempts.topic, attempts.level).all();
    },
  };
}
