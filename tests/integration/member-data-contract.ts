/**
 * QuizRepo.progressSince and MemberDataRepo cases of the repository contract (repo-contract.ts),
 * run against SQLite and the in-memory twin. The full every-table proof is member-data.test.ts.
 */
import { expect, it } from "vitest";
import type { AttemptInput, Member } from "../../src/bot/ports.js";
import type { Reply } from "../../src/bot/reply.js";
import type { Repos } from "../../src/storage/index.js";
import { KOLKATA_ANSWERS, KOLKATA_SERIES } from "../fakes/progress-answers.js";

let sessions = 0;
async function answer(r: Repos, m: Member, at: Date, topic: string, isCorrect: boolean, extra: Partial<AttemptInput> = {}) {
  const id = `cs${++sessions}`;
  const questionId = `q-${topic}-1-01`;
  await r.quizzes.open({ id, spaceId: m.spaceId, memberId: m.id, questionId, channelId: "c", kind: "quiz", cardBefore: null, createdAt: at });
  return r.quizzes.recordAnswer({
    spaceId: m.spaceId, memberId: m.id, sessionId: id, questionId, topic, level: 1, format: "mcq", answer: "A",
    score: isCorrect ? 1 : 0, isCorrect, at, ...extra,
  });
}

export function memberDataContractCases(repos: () => Repos, at: Date) {
  it("quizzes.progressSince: local weeks × topics and local days, the member's own answers since a date", async () => {
    const r = repos();
    await r.spaces.ensure({ id: "console:p", platform: "console" }, "UTC");
    const m = await r.members.ensure("console:p", { id: "u", name: "U" });
    const other = await r.members.ensure("console:p", { id: "o", name: "O" });
    for (const [iso, topic, ok] of KOLKATA_ANSWERS) await answer(r, m, new Date(iso), topic, ok);
    await answer(r, m, new Date("2026-10-01T10:00:00Z"), "caching", true); // before `since`
    await answer(r, other, new Date("2026-11-23T05:00:00Z"), "caching", true);
    expect(await r.quizzes.progressSince(m.id, new Date("2026-10-04T18:30:00Z"), "Asia/Kolkata")).toEqual(KOLKATA_SERIES);
    expect(await r.quizzes.progressSince(m.id, new Date("2026-11-30T00:00:00Z"), "Asia/Kolkata")).toEqual({ weeks: [], days: [] });
  });

  it("memberData: exports only the member's rows, erases them, and the same user comes back as a new member", async () => {
    const r = repos();
    for (const id of ["console:x", "console:y"]) await r.spaces.ensure({ id, platform: "console" }, "UTC");
    const a = await r.members.ensure("console:x", { id: "a", name: "Asha" });
    const b = await r.members.ensure("console:x", { id: "b", name: "Ravi" });
    const aElsewhere = await r.members.ensure("console:y", { id: "a", name: "Asha" });
    const card = { due: "2026-11-26T10:00:00.000Z", stability: 2.3, difficulty: 5, scheduled_days: 3, learning_steps: 0, reps: 1, lapses: 0, state: 2 };
    await answer(r, a, at, "caching", true, {
      review: { questionId: "q-caching-1-01", card, due: new Date(card.due), stability: 2.3 },
      award: { ref: "quiz-a", points: 10, reason: "quiz", periods: ["all", "w2026-11-23"] },
    });
    await answer(r, b, at, "caching", true, { award: { ref: "quiz-b", points: 7, reason: "quiz", periods: ["all"] } });
    await r.mocks.create({
      id: "mk1", spaceId: "console:x", memberId: a.id, partnerId: null, problemId: "p-url-shortener", framework: "radio", channelId: "c",
      threadId: "t1", phase: 0, minutes: 45, phaseStartedAt: at, startedAt: at, endedAt: null, transcript: [], ratings: {},
    });
    const sub = await r.subscriptions.upsert({
      spaceId: "console:x", channelId: "c", time: "09:00", timezone: "UTC", days: ["mon"], planId: null, startDate: "2026-11-23", createdBy: "a", updatedAt: at,
    });
    const reply: Reply = { visibility: "private", blocks: [], fallback: "hi" };
    await r.events.save("console:x", "ka", reply, "a");
    await r.events.save("console:x", "kb", reply, "b");
    await r.events.save("console:y", "ka", reply, "a");

    const data = await r.memberData.export(a);
    expect(Object.keys(data).sort()).toEqual(
      ["attempts", "members", "mock_sessions", "point_totals", "points", "processed_events", "quiz_sessions", "reviews", "subscriptions"]);
    expect(data.attempts).toHaveLength(1);
    expect(data.point_totals).toHaveLength(2);
    expect(data.processed_events).toHaveLength(1);
    expect(JSON.stringify(data)).not.toContain("Ravi");

    const counts = await r.memberData.erase(a);
    expect(counts).toMatchObject({ members: 1, attempts: 1, quiz_sessions: 1, reviews: 1, points: 1, point_totals: 2, mock_sessions: 1, subscriptions: 1, processed_events: 1 });
    expect(await r.memberData.export(a)).toEqual({});
    expect((await r.points.top("console:x", "all", 10)).map((x) => x.name)).toEqual(["Ravi"]);
    expect(await r.members.get(a.id)).toBeUndefined();
    // Shared rows stay: the channel's schedule (unlinked), the other member and the same person elsewhere.
    expect((await r.subscriptions.byId(sub.id))?.createdBy).toBe("deleted-member");
    expect(await r.members.get(b.id)).toMatchObject({ displayName: "Ravi" });
    expect(await r.members.get(aElsewhere.id)).toMatchObject({ spaceId: "console:y" });
    expect(await r.events.find("console:x", "kb")).toEqual(reply);
    expect(await r.events.find("console:y", "ka")).toEqual(reply);
    expect(await r.events.find("console:x", "ka")).toBeUndefined();
    expect(await r.quizzes.stats(b.id)).toHaveLength(1);

    const again = await r.members.ensure("console:x", { id: "a", name: "Asha" });
    expect(again.id).not.toBe(a.id);
    expect(await answer(r, again, at, "sharding", true)).toBe(true);
    expect(await r.quizzes.stats(again.id)).toEqual([{ topic: "sharding", level: 1, attempts: 1, correct: 1, averageScore: 1 }]);
  });
}
