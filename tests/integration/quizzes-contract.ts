/** QuizRepo cases of the repository contract (repo-contract.ts); progressSince is in member-data-contract.ts. */
import { expect, it } from "vitest";
import type { AttemptInput, Member, QuizSession } from "../../src/bot/ports.js";
import type { Repos } from "../../src/storage/index.js";
import { ABSENT_ID } from "./spaces-contract.js";

export function quizContractCases(repos: () => Repos, at: Date) {
  const setup = async () => {
    const r = repos();
    for (const id of ["console:x", "console:y"]) await r.spaces.ensure({ id, platform: "console" }, "UTC");
    const m = await r.members.ensure("console:x", { id: "u", name: "U" });
    const o = await r.members.ensure("console:x", { id: "o", name: "O" });
    return { r, m, o };
  };
  const secs = (s: number) => new Date(at.getTime() + s * 1_000);
  const session = (m: Member, id: string, questionId: string, createdAt: Date, extra: Partial<QuizSession> = {}) => ({
    id, spaceId: m.spaceId, memberId: m.id, questionId, channelId: "c", kind: "quiz" as const, cardBefore: null, createdAt, ...extra,
  });
  const attempt = (m: Member, sessionId: string, questionId: string, when: Date, extra: Partial<AttemptInput> = {}): AttemptInput => ({
    spaceId: m.spaceId, memberId: m.id, sessionId, questionId, topic: questionId.split("-")[1]!, level: Number(questionId.split("-")[2]),
    format: "mcq", answer: "A", score: 1, isCorrect: true, at: when, ...extra,
  });
  /** Opens a session and answers it. */
  const answered = async (r: Repos, m: Member, id: string, questionId: string, when: Date, extra: Partial<AttemptInput> = {}) => {
    await r.quizzes.open(session(m, id, questionId, when));
    return r.quizzes.recordAnswer(attempt(m, id, questionId, when, extra));
  };

  it("quizzes: a session is stored whole and found only in its space; one answer per session, with its card in the same write", async () => {
    const { r, m } = await setup();
    const cardBefore = { due: "2026-11-20T10:00:00.000Z", stability: 1.1, difficulty: 5, scheduled_days: 1, learning_steps: 0, reps: 1, lapses: 0, state: 2 };
    await r.quizzes.open(session(m, "s1", "q-caching-1-01", at, { kind: "review", cardBefore }));
    expect(await r.quizzes.get("console:x", "s1")).toEqual({ ...session(m, "s1", "q-caching-1-01", at, { kind: "review", cardBefore }), answeredAt: null });
    expect(await r.quizzes.get("console:y", "s1")).toBeUndefined();
    expect(await r.quizzes.get("console:x", "nope")).toBeUndefined();
    const card = { due: "2026-11-26T10:00:00.000Z", stability: 2.3, difficulty: 5, scheduled_days: 3, learning_steps: 0, reps: 2, lapses: 0, state: 2 };
    const review = { questionId: "q-caching-1-01", card, due: new Date(card.due), stability: 2.3 };
    expect(await r.quizzes.recordAnswer({ ...attempt(m, "s1", "q-caching-1-01", secs(5)), review })).toBe(true);
    expect(await r.reviews.get(m.id, "q-caching-1-01")).toEqual(review);
    expect((await r.quizzes.get("console:x", "s1"))?.answeredAt).toEqual(secs(5));
    // The second answer (a double click) writes nothing: no attempt, no card, no award.
    expect(await r.quizzes.recordAnswer({ ...attempt(m, "s1", "q-caching-1-01", secs(9)), review: { ...review, stability: 9 }, award: { ref: "x", points: 5, reason: "t", periods: ["all"] } })).toBe(false);
    expect((await r.quizzes.get("console:x", "s1"))?.answeredAt).toEqual(secs(5));
    expect((await r.reviews.get(m.id, "q-caching-1-01"))?.stability).toBe(2.3);
    expect(await r.points.earned("console:x", m.id, "all")).toBe(0);
    expect(await r.quizzes.recentAttempts(m.id, 5)).toEqual([{ questionId: "q-caching-1-01", topic: "caching", level: 1, score: 1, at: secs(5) }]);
    // No session, no answer.
    expect(await r.quizzes.recordAnswer(attempt(m, "never-opened", "q-caching-1-01", at))).toBe(false);
  });

  it("quizzes: an answer's award lands in the same write", async () => {
    const { r, m } = await setup();
    expect(await answered(r, m, "s1", "q-caching-1-01", at, { award: { ref: "quiz-s1", points: 7, reason: "quiz", periods: ["all", "d2026-11-23"] } })).toBe(true);
    expect(await r.points.earned("console:x", m.id, "all")).toBe(7);
    expect(await r.points.earned("console:x", m.id, "d2026-11-23")).toBe(7);
  });

  it("quizzes: recent attempts newest first whatever the recording order, the member's own, at most `limit`", async () => {
    const { r, m, o } = await setup();
    await answered(r, m, "s1", "q-caching-1-01", secs(20), { score: 0.5, isCorrect: false });
    await answered(r, m, "s2", "q-sharding-2-01", secs(10));
    await answered(r, m, "s3", "q-queues-3-01", secs(30), { score: 0.25, isCorrect: false });
    await answered(r, o, "s4", "q-caching-1-02", secs(40));
    expect(await r.quizzes.recentAttempts(m.id, 10)).toEqual([
      { questionId: "q-queues-3-01", topic: "queues", level: 3, score: 0.25, at: secs(30) },
      { questionId: "q-caching-1-01", topic: "caching", level: 1, score: 0.5, at: secs(20) },
      { questionId: "q-sharding-2-01", topic: "sharding", level: 2, score: 1, at: secs(10) },
    ]);
    expect((await r.quizzes.recentAttempts(m.id, 2)).map((a) => a.questionId)).toEqual(["q-queues-3-01", "q-caching-1-01"]);
    // Two answers at the same instant: the later recorded first.
    await answered(r, m, "s5", "q-caching-1-03", secs(50));
    await answered(r, m, "s6", "q-caching-1-02", secs(50));
    expect((await r.quizzes.recentAttempts(m.id, 2)).map((a) => a.questionId)).toEqual(["q-caching-1-02", "q-caching-1-03"]);
    expect(await r.quizzes.recentAttempts(ABSENT_ID, 5)).toEqual([]);
  });

  it("quizzes: asked since a time (inclusive), each question with its latest asking, answered or not", async () => {
    const { r, m, o } = await setup();
    await r.quizzes.open(session(m, "s1", "q-caching-1-01", secs(10)));
    await r.quizzes.open(session(m, "s2", "q-caching-1-01", secs(30)));
    await r.quizzes.open(session(m, "s3", "q-caching-1-01", secs(20)));
    await answered(r, m, "s4", "q-sharding-1-01", secs(5));
    await r.quizzes.open(session(o, "s5", "q-queues-1-01", secs(40)));
    const since = await r.quizzes.askedSince(m.id, secs(5));
    expect(new Map(since)).toEqual(new Map([["q-caching-1-01", secs(30)], ["q-sharding-1-01", secs(5)]]));
    expect(new Map(await r.quizzes.askedSince(m.id, secs(11)))).toEqual(new Map([["q-caching-1-01", secs(30)]]));
    expect((await r.quizzes.askedSince(m.id, secs(31))).size).toBe(0);
  });

  it("quizzes: stats per (topic, level) in that order, with attempts, correct answers and the mean score", async () => {
    const { r, m, o } = await setup();
    expect(await r.quizzes.stats(m.id)).toEqual([]);
    await answered(r, m, "s1", "q-sharding-1-01", secs(1), { score: 1, isCorrect: true });
    await answered(r, m, "s2", "q-caching-2-01", secs(2), { score: 0.5, isCorrect: false });
    await answered(r, m, "s3", "q-caching-1-01", secs(3), { score: 1, isCorrect: true });
    await answered(r, m, "s4", "q-caching-2-02", secs(4), { score: 0, isCorrect: false });
    await answered(r, m, "s5", "q-caching-2-03", secs(5), { score: 1, isCorrect: true });
    await answered(r, o, "s6", "q-caching-1-02", secs(6), { score: 0, isCorrect: false });
    expect(await r.quizzes.stats(m.id)).toEqual([
      { topic: "caching", level: 1, attempts: 1, correct: 1, averageScore: 1 },
      { topic: "caching", level: 2, attempts: 3, correct: 1, averageScore: 0.5 },
      { topic: "sharding", level: 1, attempts: 1, correct: 1, averageScore: 1 },
    ]);
  });

  it("quizzes: one dispute per (answer, key point) with the stored answer; listed by question, key point, time", async () => {
    const { r, m, o } = await setup();
    const d = { spaceId: "console:x", memberId: m.id, sessionId: "s2", questionId: "q-caching-2-01", keyPoint: 1, point: "The risk is losing writes", at };
    expect(await r.quizzes.dispute(d)).toBe(false); // nothing answered yet
    await answered(r, m, "s2", "q-caching-2-01", at, { format: "free", answer: "if the cache dies before flushing we lose writes", score: 0.2, isCorrect: false });
    expect(await r.quizzes.dispute(d)).toBe(true);
    expect(await r.quizzes.dispute({ ...d, at: secs(1) })).toBe(false);
    expect(await r.quizzes.dispute({ ...d, spaceId: "console:y" })).toBe(false);
    expect(await r.quizzes.disputes()).toEqual([{ ...d, answer: "if the cache dies before flushing we lose writes" }]);
    // More disputes, recorded out of the listed order.
    await answered(r, o, "s3", "q-caching-2-01", at, { format: "free", answer: "write-behind", score: 0, isCorrect: false });
    await answered(r, m, "s4", "q-alpha-1-01", at, { format: "free", answer: "alpha", score: 0, isCorrect: false });
    expect(await r.quizzes.dispute({ ...d, keyPoint: 0, point: "p0", at: secs(3) })).toBe(true);
    expect(await r.quizzes.dispute({ ...d, memberId: o.id, sessionId: "s3", keyPoint: 1, point: "p1", at: secs(-5) })).toBe(true);
    expect(await r.quizzes.dispute({ ...d, sessionId: "s4", questionId: "q-alpha-1-01", keyPoint: 2, point: "p2", at: secs(9) })).toBe(true);
    expect((await r.quizzes.disputes()).map((x) => [x.questionId, x.keyPoint, x.sessionId, x.answer])).toEqual([
      ["q-alpha-1-01", 2, "s4", "alpha"],
      ["q-caching-2-01", 0, "s2", "if the cache dies before flushing we lose writes"],
      ["q-caching-2-01", 1, "s3", "write-behind"],
      ["q-caching-2-01", 1, "s2", "if the cache dies before flushing we lose writes"],
    ]);
  });
}
