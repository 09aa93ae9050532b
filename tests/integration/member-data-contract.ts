/**
 * QuizRepo.progressSince and MemberDataRepo cases of the repository contract (repo-contract.ts),
 * run against every store. member-data.test.ts adds SQLite's own proof: no identifying column left in any table.
 */
import { expect, it } from "vitest";
import type { AttemptInput, Member } from "../../src/bot/ports.js";
import type { Reply } from "../../src/bot/reply.js";
import type { Repos } from "../../src/storage/index.js";
import { KOLKATA_ANSWERS, KOLKATA_SERIES } from "../fakes/progress-answers.js";

let sessions = 0;
async function answer(r: Repos, m: Member, at: Date, topic: string, isCorrect: boolean, extra: Partial<AttemptInput> = {}) {
  const id = extra.sessionId ?? `cs${++sessions}`;
  const questionId = `q-${topic}-1-01`;
  await r.quizzes.open({ id, spaceId: m.spaceId, memberId: m.id, questionId, channelId: "c", kind: "quiz", cardBefore: null, createdAt: at });
  return r.quizzes.recordAnswer({
    spaceId: m.spaceId, memberId: m.id, sessionId: id, questionId, topic, level: 1, format: "mcq", answer: "A",
    score: isCorrect ? 1 : 0, isCorrect, at, ...extra,
  });
}

/** A review card as ts-fsrs stores it (the reviews table's JSON). */
const card = { due: "2026-11-26T10:00:00.000Z", stability: 2.3, difficulty: 5, scheduled_days: 3, learning_steps: 0, reps: 1, lapses: 0, state: 2 };

/** Asha (`a`) and Ravi (`b`) in console:x, and Asha again in console:y: another member, whose data stays. */
async function threeMembers(r: Repos): Promise<{ a: Member; b: Member; aElsewhere: Member }> {
  for (const id of ["console:x", "console:y"]) await r.spaces.ensure({ id, platform: "console" }, "UTC");
  const a = await r.members.ensure("console:x", { id: "a", name: "Asha" });
  const b = await r.members.ensure("console:x", { id: "b", name: "Ravi" });
  const aElsewhere = await r.members.ensure("console:y", { id: "a", name: "Asha" });
  return { a, b, aElsewhere };
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
    const { a, b, aElsewhere } = await threeMembers(r);
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

  it("memberData: export and erase reach every table that names the member; shared rows lose only the reference", async () => {
    const r = repos();
    const { a, b, aElsewhere } = await threeMembers(r);
    const review = { questionId: "q-caching-1-01", card, due: new Date(card.due), stability: 2.3 };
    const seed = async (m: Member, tag: string) => {
      // quiz_sessions, attempts, reviews, points, point_totals (two periods), grade_disputes
      await answer(r, m, at, "caching", false, {
        sessionId: `s-${tag}`, format: "free", answer: `answer of ${tag}`, review, award: { ref: `quiz-${tag}`, points: 10, reason: "quiz", periods: ["all", "w1"] },
      });
      expect(await r.quizzes.dispute({ spaceId: m.spaceId, memberId: m.id, sessionId: `s-${tag}`, questionId: "q-caching-1-01", keyPoint: 0, point: "p", at })).toBe(true);
      await r.streaks.save({ memberId: m.id, spaceId: m.spaceId, current: 2, best: 2, freezes: 0, lastDate: "2026-11-23", remindersOn: true, remindedOn: null });
      await r.memberPlans.save({ memberId: m.id, spaceId: m.spaceId, planId: "tiny", startDate: "2026-11-23", skipped: 0, pausedOn: null, pausedDays: 0 });
      await r.reports.record({ spaceId: m.spaceId, memberId: m.id, itemId: "d-01", kind: "typo", at });
      await r.events.save(m.spaceId, `evt-${tag}`, { visibility: "private", blocks: [], fallback: tag }, m.platformUserId);
      expect(await r.pairs.enqueue({ memberId: m.id, spaceId: m.spaceId, channelId: "c", level: 1, queuedAt: at })).toBe(true);
    };
    await seed(a, "a");
    await seed(b, "b");
    await seed(aElsewhere, "ay");
    const mock = (id: string, memberId: number, partnerId: number | null) => ({
      id, spaceId: "console:x", memberId, partnerId, problemId: "p-url-shortener", framework: "radio", channelId: "c", threadId: null,
      phase: 0, minutes: 45, phaseStartedAt: at, startedAt: at, endedAt: null, transcript: [], ratings: {},
    });
    await r.mocks.create(mock("mk-a", a.id, null));
    await r.mocks.create(mock("mk-b", b.id, a.id)); // Ravi's peer mock, Asha interviewing: it stays Ravi's
    await r.pairs.saveScore({ spaceId: "console:x", mockId: "mk-b", raterId: a.id, rateeId: b.id, ratings: { scope: 1 }, total: 5, at });
    await r.pairs.saveScore({ spaceId: "console:x", mockId: "mk-b", raterId: b.id, rateeId: a.id, ratings: { scope: 1 }, total: 5, at });
    const sub = await r.subscriptions.upsert({
      spaceId: "console:x", channelId: "c", time: "09:00", timezone: "UTC", days: ["mon"], planId: null, startDate: "2026-11-23", createdBy: "a", updatedAt: at,
    });
    await r.rounds.create({ id: "rd", spaceId: "console:x", channelId: "c", questionId: "q-caching-1-01", startedBy: a.id, createdAt: at, closesAt: at });
    await r.rounds.answer("console:x", "rd", { memberId: a.id, choice: 0, isCorrect: true, answeredAt: at });
    await r.rounds.answer("console:x", "rd", { memberId: b.id, choice: 1, isCorrect: false, answeredAt: at });
    const shared = (await r.groups.create("console:x", "shared", a.id, at))!;
    const solo = (await r.groups.create("console:x", "solo", a.id, at))!;
    await r.groups.join("console:x", shared.id, a.id, at);
    await r.groups.join("console:x", shared.id, b.id, new Date(at.getTime() + 1_000));
    await r.groups.join("console:x", solo.id, a.id, at);
    // A scheduled mock matched between Asha and Ravi: each booking names the other as partner.
    const book = (id: string, m: Member) => r.bookings.create({ id, spaceId: m.spaceId, channelId: "c", memberId: m.id, level: 1, startsAt: at, createdAt: at });
    for (const [id, m] of [["bk-a", a], ["bk-b", b], ["bk-ay", aElsewhere]] as const) await book(id, m);
    expect(await r.bookings.match({ matchId: "bm", matchAt: at, whiteboard: "https://excalidraw.com/#room=a,b", candidate: "bk-a", interviewer: "bk-b" })).toBe(true);
    // Roles: a reward Asha set as an admin (the space's), reward roles Asha, Ravi and Asha elsewhere hold.
    const reward = { kind: "streak" as const, threshold: 7, removeOnBreak: false, createdBy: "a" };
    await r.roles.setReward({ spaceId: "console:x", roleId: "role-7", ...reward }, at);
    await r.roles.setReward({ spaceId: "console:y", roleId: "role-y", ...reward }, at);
    await r.roles.granted("console:x", a.id, "role-7", at);
    await r.roles.granted("console:x", b.id, "role-7", at);
    await r.roles.granted("console:y", aElsewhere.id, "role-y", at);
    // The app installations Asha made (Slack OAuth): here and in the other space; Ravi installed none.
    const install = (spaceId: string, botToken: string) => r.installations.save({
      spaceId, workspaceId: spaceId, workspaceName: null, enterpriseId: null, appId: "A1", botToken, botUserId: "UBOT", botId: null,
      scopes: ["commands"], installedBy: "a", installedAt: at, updatedAt: at,
    });
    await install("console:x", "xoxb-secret-x");
    await install("console:y", "xoxb-secret-y");

    const everyTable = ["attempts", "grade_disputes", "group_members", "groups", "item_reports", "member_plans", "members", "mock_bookings", "mock_sessions",
      "pair_queue", "peer_scores", "point_totals", "points", "processed_events", "quiz_sessions", "reviews", "role_grants", "role_rewards",
      "round_answers", "rounds", "slack_installations", "streaks", "subscriptions"];
    const data = await r.memberData.export(a);
    expect(Object.keys(data).sort()).toEqual(everyTable);
    expect(JSON.stringify(data)).not.toContain("answer of b");
    expect(data.mock_sessions).toHaveLength(2);
    expect(data.mock_bookings).toHaveLength(2); // hers, and Ravi's naming her as partner
    expect(data.role_grants).toHaveLength(1);
    expect(data.role_rewards).toHaveLength(1); // the one she set here, not the one in the other space
    expect(data.peer_scores).toHaveLength(2);
    expect(data.group_members).toHaveLength(2);
    // Who installed the app is hers to see; the workspace's bot token is never exported.
    expect(data.slack_installations).toEqual([expect.objectContaining({ botToken: "(redacted)", installedBy: "a" })]);
    expect(JSON.stringify(data)).not.toContain("xoxb-secret");

    expect(await r.memberData.erase(a)).toEqual({
      attempts: 1, grade_disputes: 1, group_members: 2, groups: 2, item_reports: 1, member_plans: 1, members: 1, mock_bookings: 2, mock_sessions: 2,
      pair_queue: 1, peer_scores: 2, point_totals: 2, points: 1, processed_events: 1, quiz_sessions: 1, reviews: 1, role_grants: 1, role_rewards: 1,
      round_answers: 1, rounds: 1, slack_installations: 1, streaks: 1, subscriptions: 1,
    });
    expect(await r.memberData.export(a)).toEqual({});
    // Gone, read through every repository.
    expect(await r.members.get(a.id)).toBeUndefined();
    expect(await r.members.find("console:x", "a")).toBeUndefined();
    expect(await r.quizzes.get("console:x", "s-a")).toBeUndefined();
    expect(await r.quizzes.recentAttempts(a.id, 5)).toEqual([]);
    expect(await r.reviews.get(a.id, "q-caching-1-01")).toBeUndefined();
    expect(await r.streaks.get(a.id)).toBeUndefined();
    expect(await r.memberPlans.get(a.id)).toBeUndefined();
    expect(await r.events.find("console:x", "evt-a")).toBeUndefined();
    expect((await r.quizzes.disputes()).map((d) => d.sessionId).sort()).toEqual(["s-ay", "s-b"]);
    expect((await r.reports.all()).map((x) => x.memberId).sort((x, y) => x - y)).toEqual([b.id, aElsewhere.id].sort((x, y) => x - y));
    expect((await r.pairs.allWaiting()).map((t) => t.memberId).sort((x, y) => x - y)).toEqual([b.id, aElsewhere.id].sort((x, y) => x - y));
    expect(await r.pairs.scoresFor("mk-b")).toEqual([]);
    expect((await r.points.top("console:x", "all", 10)).map((x) => x.memberId)).toEqual([b.id]);
    // Shared rows stay with the reference gone.
    expect(await r.mocks.get("console:x", "mk-a")).toBeUndefined();
    expect(await r.mocks.get("console:x", "mk-b")).toMatchObject({ memberId: b.id, partnerId: null });
    expect((await r.subscriptions.byId(sub.id))?.createdBy).toBe("deleted-member");
    expect(await r.rounds.get("console:x", "rd")).toMatchObject({ startedBy: 0 });
    expect((await r.rounds.answers("rd")).map((x) => x.memberId)).toEqual([b.id]);
    expect(await r.groups.byId("console:x", shared.id)).toMatchObject({ createdBy: b.id, memberCount: 1 });
    expect(await r.groups.byId("console:x", solo.id)).toBeUndefined();
    expect(await r.bookings.get("bk-a")).toBeUndefined();
    expect(await r.bookings.get("bk-b")).toMatchObject({ memberId: b.id, partnerId: null, status: "matched", matchId: "bm" });
    expect(await r.bookings.upcoming(a.id)).toEqual([]);
    expect(await r.roles.held(a.id)).toEqual([]);
    expect(await r.roles.held(b.id)).toEqual(["role-7"]);
    expect((await r.roles.rewards("console:x")).map((x) => [x.roleId, x.createdBy])).toEqual([["role-7", "deleted-member"]]);
    // The workspace keeps its installation (and token); only who installed it is forgotten, here only.
    expect(await r.installations.find("console:x")).toMatchObject({ installedBy: null, botToken: "xoxb-secret-x" });
    expect(await r.installations.find("console:y")).toMatchObject({ installedBy: "a", botToken: "xoxb-secret-y" });
    // Ravi's rows and Asha's in the other space are still there (both peer scores named Asha: gone; he set no reward).
    expect(Object.keys(await r.memberData.export(b)).sort()).toEqual(everyTable.filter((t) => !["rounds", "subscriptions", "peer_scores", "role_rewards", "slack_installations"].includes(t)));
    expect(Object.keys(await r.memberData.export(aElsewhere)).sort()).toEqual(
      ["attempts", "grade_disputes", "item_reports", "member_plans", "members", "mock_bookings", "pair_queue", "point_totals", "points", "processed_events",
        "quiz_sessions", "reviews", "role_grants", "role_rewards", "slack_installations", "streaks"]);
    expect(await r.roles.held(aElsewhere.id)).toEqual(["role-y"]);
    expect((await r.roles.rewards("console:y")).map((x) => x.createdBy)).toEqual(["a"]);
  });
}
