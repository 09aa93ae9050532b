import { and, asc, count, desc, eq, gte, max, sql } from "drizzle-orm";
import { bucketProgress, type AttemptInput, type QuizRepo, type QuizSession, type StoredCard } from "../bot/ports.js";
import type { Db } from "./db.js";
import { applyAward } from "./points.js";
import { saveReview } from "./reviews.js";
import { statementsFor } from "./statements.js";
import { attempts, gradeDisputes, quizSessions } from "./schema.js";

const SLOT_MS = 15 * 60_000;

export function createQuizRepo(db: Db): QuizRepo {
  const toSession = (r: typeof quizSessions.$inferSelect): QuizSession => ({
    id: r.id, spaceId: r.spaceId, memberId: r.memberId, questionId: r.questionId, channelId: r.channelId,
    kind: r.kind, createdAt: r.createdAt, answeredAt: r.answeredAt, cardBefore: (r.cardBefore as StoredCard | null) ?? null,
  });
  const st = statementsFor(db);
  const answer = db.$client.transaction((a: AttemptInput): boolean => {
    if (st.sessionClaim.run({ id: a.sessionId, atMs: a.at.getTime() }).changes === 0) return false;
    st.attemptInsert.run({ ...a });
    if (a.review) saveReview(st, a.spaceId, a.memberId, a.review, a.at);
    if (a.award) applyAward(st, a.spaceId, a.memberId, a.award, a.at);
    return true;
  });
  return {
    async open(s) {
      st.sessionInsert.run({ ...s });
    },
    async get(spaceId, id) {
      const row = st.sessionGet.get({ spaceId, id });
      return row && toSession(row);
    },
    async recordAnswer(a) {
      // Claiming the session and writing the attempt commit together, so a double click or a
      // redelivered interaction stores one attempt.
      return answer.immediate(a);
    },
    async recentAttempts(memberId, limit) {
      return db.select({
        questionId: attempts.questionId, topic: attempts.topic, level: attempts.level, score: attempts.score, at: attempts.createdAt,
      }).from(attempts).where(eq(attempts.memberId, memberId)).orderBy(desc(attempts.createdAt), desc(attempts.id)).limit(limit).all();
    },
    async askedSince(memberId, since) {
      const rows = db.select({ q: quizSessions.questionId, at: max(quizSessions.createdAt) }).from(quizSessions)
        .where(and(eq(quizSessions.memberId, memberId), gte(quizSessions.createdAt, since))).groupBy(quizSessions.questionId).all();
      return new Map(rows.map((r) => [r.q, r.at!]));
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
    async progressSince(memberId, since, timezone) {
      // SQLite has no time zones: group by (15-minute slot, topic) here and map slots to local
      // weeks and days in JS. Zone offsets and DST changes fall on whole quarter hours, so a slot
      // never straddles a local midnight; eight weeks is at most a few thousand rows.
      const slot = sql<number>`${attempts.createdAt} / ${sql.raw(String(SLOT_MS))}`;
      const rows = db.select({ slot, topic: attempts.topic, attempts: count(), correct: sql<number>`sum(${attempts.isCorrect})` })
        .from(attempts).where(and(eq(attempts.memberId, memberId), gte(attempts.createdAt, since)))
        .groupBy(slot, attempts.topic).all();
      return bucketProgress(rows.map((r) => ({ at: new Date(r.slot * SLOT_MS), topic: r.topic, attempts: r.attempts, correct: r.correct })), timezone);
    },
    async dispute(d) {
      const answered = db.select({ answer: attempts.answer }).from(attempts)
        .where(and(eq(attempts.sessionId, d.sessionId), eq(attempts.spaceId, d.spaceId))).get();
      if (!answered) return false;
      // The unique (session, key point) index makes a double click or a redelivery one dispute.
      const r = db.insert(gradeDisputes).values({
        spaceId: d.spaceId, memberId: d.memberId, sessionId: d.sessionId, questionId: d.questionId,
        keyPoint: d.keyPoint, point: d.point, answer: answered.answer, createdAt: d.at,
      }).onConflictDoNothing().run();
      return r.changes > 0;
    },
    async disputes() {
      const rows = db.select().from(gradeDisputes).orderBy(asc(gradeDisputes.questionId), asc(gradeDisputes.keyPoint), asc(gradeDisputes.createdAt), asc(gradeDisputes.sessionId)).all();
      return rows.map((r) => ({
        spaceId: r.spaceId, memberId: r.memberId, sessionId: r.sessionId, questionId: r.questionId,
        keyPoint: r.keyPoint, point: r.point, answer: r.answer, at: r.createdAt,
      }));
    },
  };
}
