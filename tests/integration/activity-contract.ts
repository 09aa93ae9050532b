/** ActivityRepo cases of the repository contract (repo-contract.ts), run against SQLite and the twin. */
import { expect, it } from "vitest";
import type { ScoredActivity, Streak } from "../../src/bot/ports.js";
import { privateReply, text } from "../../src/bot/reply.js";
import type { Repos } from "../../src/storage/index.js";

export function activityContractCases(repos: () => Repos, at: Date) {
  const SPACE = "discord:A1";
  const setup = async () => {
    const r = repos();
    await r.spaces.ensure({ id: SPACE, platform: "discord" }, "UTC");
    const [a, b] = await Promise.all(["a", "b"].map((id) => r.members.ensure(SPACE, { id, name: id.toUpperCase() })));
    return { r, a: a!.id, b: b!.id };
  };
  const open = (r: Repos, id: string, memberId: number) =>
    r.quizzes.open({ id, spaceId: SPACE, memberId, questionId: "q1", channelId: "c1", kind: "quiz", cardBefore: null, createdAt: at });
  const nextStreak = (memberId: number) => (s: Streak | undefined): Streak => ({
    memberId, spaceId: SPACE, current: (s?.current ?? 0) + 1, best: (s?.current ?? 0) + 1, freezes: 0, lastDate: "2026-11-23", remindersOn: true, remindedOn: null,
  });
  const answer = (memberId: number, sessionId: string, extra: Partial<ScoredActivity> = {}): ScoredActivity => ({
    spaceId: SPACE, memberId, at,
    attempt: { spaceId: SPACE, memberId, sessionId, questionId: "q1", topic: "caching", level: 1, format: "mcq", answer: "A", score: 1, isCorrect: true, at },
    review: { questionId: "q1", card: { due: at.toISOString() } as never, due: new Date(at.getTime() + 86_400_000), stability: 2 },
    award: { ref: `quiz-${memberId}-${sessionId}`, points: 10, reason: "quiz", periods: ["d2026-11-23", "all"], cap: { period: "d2026-11-23", limit: 100 } },
    streak: nextStreak(memberId),
    event: { key: `evt-${sessionId}`, userId: String(memberId) },
    reply: (points) => privateReply(undefined, [text(`+${points}`)], `+${points}`),
    ...extra,
  });

  it("activities: one record writes the attempt, card, ledger, totals, streak and the event's reply together", async () => {
    const { r, a } = await setup();
    await open(r, "s1", a);
    const out = await r.activities.record(answer(a, "s1"));
    expect(out).toMatchObject({ status: "recorded", award: { points: 10, isNew: true }, reply: { fallback: "+10" } });
    expect((await r.quizzes.get(SPACE, "s1"))?.answeredAt).toEqual(at);
    expect((await r.quizzes.recentAttempts(a, 5)).map((x) => x.questionId)).toEqual(["q1"]);
    expect((await r.reviews.get(a, "q1"))?.stability).toBe(2);
    expect(await r.points.earned(SPACE, a, "all")).toBe(10);
    expect((await r.streaks.get(a))?.current).toBe(1);
    expect((await r.events.find(SPACE, "evt-s1"))?.fallback).toBe("+10");
  });

  it("activities: exactly once: a redelivered event gets its stored reply, a double click writes nothing, two members both count", async () => {
    const { r, a, b } = await setup();
    await open(r, "s1", a);
    await open(r, "s2", a);
    await r.activities.record(answer(a, "s1"));
    expect(await r.activities.record(answer(a, "s1"))).toEqual({ status: "replayed", reply: expect.objectContaining({ fallback: "+10" }) });
    // The same session from another event (a double click): claimed, and the streak is not called.
    let streakCalls = 0;
    const again = answer(a, "s1", { event: { key: "evt-other", userId: "a" }, streak: (s) => { streakCalls++; return s; } });
    expect(await r.activities.record(again)).toEqual({ status: "claimed" });
    expect(streakCalls).toBe(0);
    expect(await r.events.find(SPACE, "evt-other")).toBeUndefined();
    // A repeated ref (the same question again that day) records the answer and awards nothing more.
    const repeat = await r.activities.record(answer(a, "s2", { award: { ...answer(a, "s1").award! } }));
    expect(repeat).toMatchObject({ status: "recorded", award: { points: 10, isNew: false }, reply: { fallback: "+0" } });
    expect(await r.points.earned(SPACE, a, "all")).toBe(10);
    // A round: first answer per member; two members on one question both count.
    await r.rounds.create({ id: "r1", spaceId: SPACE, channelId: "c1", questionId: "q1", startedBy: a, createdAt: at, closesAt: new Date(at.getTime() + 60_000) });
    const round = (memberId: number, key: string): ScoredActivity => ({
      spaceId: SPACE, memberId, at, roundAnswer: { roundId: "r1", choice: 1, isCorrect: true }, streak: nextStreak(memberId),
      event: { key, userId: String(memberId) }, reply: () => privateReply(undefined, [text("in")], "in"),
    });
    const both = await Promise.all([r.activities.record(round(a, "ra")), r.activities.record(round(b, "rb")), r.activities.record(round(a, "ra2"))]);
    // Which of a's two answers wins is a race across a connection pool (PostgreSQL); that one does is not.
    expect(both[1]!.status).toBe("recorded");
    expect([both[0]!.status, both[2]!.status].sort()).toEqual(["claimed", "recorded"]);
    expect((await r.rounds.answers("r1")).map((x) => x.memberId).sort()).toEqual([a, b].sort());
  });

  it("activities: the daily cap clips inside the record, also for answers at once; a failing reply leaves nothing written", async () => {
    const { r, a } = await setup();
    await r.points.award(SPACE, a, { ref: "seed", points: 85, reason: "t", periods: ["d2026-11-23", "all"] }, at);
    for (const s of ["s1", "s2", "s3"]) await open(r, s, a);
    const outs = await Promise.all(["s1", "s2", "s3"].map((s) => r.activities.record(answer(a, s))));
    // In some order (a race across a pool): one full award, one clipped to what is left, one nothing.
    expect(outs.map((o) => (o.status === "recorded" ? o.award?.points : -1)).sort((x, y) => y! - x!)).toEqual([10, 5, 0]);
    expect(await r.points.earned(SPACE, a, "d2026-11-23")).toBe(100);
    // A deferred award (a round's at its close) is capped the same way.
    const late = await r.activities.record({ spaceId: SPACE, memberId: a, at, award: { ref: "round-x", points: 15, reason: "round", periods: ["d2026-11-23"], cap: { period: "d2026-11-23", limit: 100 } } });
    expect(late).toEqual({ status: "recorded", award: { points: 0, isNew: true } });
    await open(r, "s4", a);
    const failing = answer(a, "s4", { award: { ...answer(a, "s4").award!, periods: ["d2026-11-24"], cap: { period: "d2026-11-24", limit: 100 } }, reply: () => { throw new Error("view broke"); } });
    await expect(r.activities.record(failing)).rejects.toThrow("view broke");
    expect((await r.quizzes.get(SPACE, "s4"))?.answeredAt).toBeNull();
    expect(await r.points.earned(SPACE, a, "d2026-11-24")).toBe(0);
    expect(await r.events.find(SPACE, "evt-s4")).toBeUndefined();
  });
}
