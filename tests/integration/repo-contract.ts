/** One contract for the repositories, run against SQLite and the in-memory twins. */
import { beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/bot/reply.js";
import type { Repos } from "../../src/storage/index.js";
import { groupContractCases } from "./group-contract.js";
import { pairContractCases } from "./pair-contract.js";
import { pointsContractCases } from "./points-contract.js";
import { streakContractCases } from "./streak-contract.js";
import { memberDataContractCases } from "./member-data-contract.js";
import { memberPlanContractCases } from "./member-plan-contract.js";
import { reportContractCases } from "./report-contract.js";
import { activityContractCases } from "./activity-contract.js";
import { installationContractCases } from "./installation-contract.js";

export function repoContract(name: string, make: () => Repos) {
  describe(`repository contract: ${name}`, () => {
    let repos: Repos;
    beforeEach(() => { repos = make(); });

    const at = new Date("2026-11-23T10:00:00Z");
    groupContractCases(() => repos, at);
    pairContractCases(() => repos, at);
    pointsContractCases(() => repos, at);
    streakContractCases(() => repos, at);
    memberDataContractCases(() => repos, at);
    memberPlanContractCases(() => repos);
    reportContractCases(() => repos, at);
    activityContractCases(() => repos, at);
    installationContractCases(() => repos, at);

    it("rounds: one open per channel, first answer counts, answers in time order, closed once", async () => {
      await repos.spaces.ensure({ id: "discord:r", platform: "discord" }, "UTC");
      const [a, b, c] = await Promise.all(["A", "B", "C"].map((n) => repos.members.ensure("discord:r", { id: n, name: n })));
      const closesAt = new Date(at.getTime() + 300_000);
      await repos.rounds.create({ id: "r1", spaceId: "discord:r", channelId: "c1", questionId: "q-caching-1-01", startedBy: a!.id, createdAt: at, closesAt });
      const round = { id: "r1", spaceId: "discord:r", channelId: "c1", questionId: "q-caching-1-01", startedBy: a!.id, createdAt: at, closesAt, closedAt: null, messageRef: null };
      expect(await repos.rounds.get("discord:r", "r1")).toEqual(round);
      expect(await repos.rounds.get("discord:other", "r1")).toBeUndefined();
      expect(await repos.rounds.openIn("discord:r", "c1")).toEqual(round);
      expect(await repos.rounds.openIn("discord:r", "c2")).toBeUndefined();
      const t = (s: number) => new Date(at.getTime() + s * 1_000);
      expect(await repos.rounds.answer("discord:r", "r1", { memberId: b!.id, choice: 2, isCorrect: false, answeredAt: t(2) })).toBe(true);
      expect(await repos.rounds.answer("discord:r", "r1", { memberId: a!.id, choice: 0, isCorrect: true, answeredAt: t(1) })).toBe(true);
      expect(await repos.rounds.answer("discord:r", "r1", { memberId: c!.id, choice: 0, isCorrect: true, answeredAt: t(1) })).toBe(true);
      expect(await repos.rounds.answer("discord:r", "r1", { memberId: a!.id, choice: 1, isCorrect: false, answeredAt: t(3) })).toBe(false);
      expect(await repos.rounds.answers("r1")).toEqual([
        { memberId: a!.id, name: "A", choice: 0, isCorrect: true, answeredAt: t(1) },
        { memberId: c!.id, name: "C", choice: 0, isCorrect: true, answeredAt: t(1) },
        { memberId: b!.id, name: "B", choice: 2, isCorrect: false, answeredAt: t(2) },
      ]);
      expect(await repos.rounds.answers("nope")).toEqual([]);
      expect(await repos.rounds.close("r1", t(300))).toBe(true);
      expect(await repos.rounds.close("r1", t(301))).toBe(false);
      expect(await repos.rounds.openIn("discord:r", "c1")).toBeUndefined();
      await repos.rounds.setMessageRef("r1", "results:c1:m9");
      expect(await repos.rounds.get("discord:r", "r1")).toEqual({ ...round, closedAt: t(300), messageRef: "results:c1:m9" });
    });

    it("ensures spaces and members idempotently, keeping members per space", async () => {
      const a = await repos.spaces.ensure({ id: "discord:1", platform: "discord", name: "A" }, "Asia/Kolkata");
      const again = await repos.spaces.ensure({ id: "discord:1", platform: "discord" }, "UTC");
      expect(again).toEqual(a);
      expect(a.timezone).toBe("Asia/Kolkata");
      await repos.spaces.ensure({ id: "discord:2", platform: "discord" }, "UTC");
      const m1 = await repos.members.ensure("discord:1", { id: "u", name: "Asha" });
      const m1b = await repos.members.ensure("discord:1", { id: "u", name: "Asha K" });
      const m2 = await repos.members.ensure("discord:2", { id: "u", name: "Asha" });
      expect(m1b.id).toBe(m1.id);
      expect(m1b.displayName).toBe("Asha K");
      expect(m2.id).not.toBe(m1.id);
      await repos.members.setTimezone(m1.id, "America/Los_Angeles");
      expect(await repos.members.get(m1.id)).toMatchObject({ id: m1.id, timezone: "America/Los_Angeles", displayName: "Asha K" });
      expect((await repos.members.ensure("discord:1", { id: "u", name: "Asha K" })).timezone).toBe("America/Los_Angeles");
      expect(await repos.members.get(9_999)).toBeUndefined();
    });

    it("sets a space's own time zone, which the next ensure returns (no stale cached zone)", async () => {
      await repos.spaces.ensure({ id: "slack:TZ", platform: "slack" }, "UTC");
      expect(await repos.spaces.setTimezone("slack:TZ", "Asia/Kolkata")).toMatchObject({ id: "slack:TZ", timezone: "Asia/Kolkata" });
      expect((await repos.spaces.ensure({ id: "slack:TZ", platform: "slack" }, "UTC")).timezone).toBe("Asia/Kolkata");
      expect((await repos.spaces.get("slack:TZ"))?.timezone).toBe("Asia/Kolkata");
      expect(await repos.spaces.setTimezone("slack:none", "UTC")).toBeUndefined();
    });

    it("records one attempt per session and scopes sessions by space", async () => {
      await repos.spaces.ensure({ id: "console:x", platform: "console" }, "UTC");
      const m = await repos.members.ensure("console:x", { id: "u", name: "U" });
      await repos.quizzes.open({ id: "s1", spaceId: "console:x", memberId: m.id, questionId: "q-caching-1-01", channelId: "c", kind: "quiz", cardBefore: null, createdAt: at });
      expect(await repos.quizzes.get("console:other", "s1")).toBeUndefined();
      const attempt = {
        spaceId: "console:x", memberId: m.id, sessionId: "s1", questionId: "q-caching-1-01", topic: "caching",
        level: 1, format: "mcq" as const, answer: "A", score: 1, isCorrect: true, at,
      };
      const card = { due: "2026-11-26T10:00:00.000Z", stability: 2.3, difficulty: 5, scheduled_days: 3, learning_steps: 0, reps: 1, lapses: 0, state: 2 };
      const review = { questionId: "q-caching-1-01", card, due: new Date(card.due), stability: 2.3 };
      expect(await repos.quizzes.recordAnswer({ ...attempt, review })).toBe(true);
      expect(await repos.reviews.get(m.id, "q-caching-1-01")).toEqual(review);
      expect(await repos.reviews.due(m.id, at, 10)).toEqual([]);
      expect(await repos.reviews.due(m.id, new Date("2026-11-27T00:00:00Z"), 10)).toEqual([review]);
      expect(await repos.reviews.upcoming(m.id, at)).toEqual({ next: review.due, total: 1 });
      expect(await repos.quizzes.recentAttempts(m.id, 5)).toEqual([{ questionId: "q-caching-1-01", topic: "caching", level: 1, score: 1, at }]);
      expect((await repos.quizzes.get("console:x", "s1"))?.kind).toBe("quiz");
      expect(await repos.quizzes.recordAnswer(attempt)).toBe(false);
      expect((await repos.quizzes.get("console:x", "s1"))?.answeredAt?.getTime()).toBe(at.getTime());
      expect(await repos.quizzes.stats(m.id)).toEqual([{ topic: "caching", level: 1, attempts: 1, correct: 1, averageScore: 1 }]);
      expect([...(await repos.quizzes.askedSince(m.id, new Date(at.getTime() - 1)))]).toEqual([["q-caching-1-01", at]]);
      expect((await repos.quizzes.askedSince(m.id, new Date(at.getTime() + 1))).size).toBe(0);
    });

    it("records one dispute per (answer, key point) with the stored answer, and lists them for authors", async () => {
      await repos.spaces.ensure({ id: "console:x", platform: "console" }, "UTC");
      const m = await repos.members.ensure("console:x", { id: "u", name: "U" });
      const d = { spaceId: "console:x", memberId: m.id, sessionId: "s2", questionId: "q-caching-2-01", keyPoint: 1, point: "The risk is losing writes", at };
      expect(await repos.quizzes.dispute(d)).toBe(false); // nothing answered yet
      await repos.quizzes.open({ id: "s2", spaceId: "console:x", memberId: m.id, questionId: "q-caching-2-01", channelId: "c", kind: "quiz", cardBefore: null, createdAt: at });
      await repos.quizzes.recordAnswer({
        spaceId: "console:x", memberId: m.id, sessionId: "s2", questionId: "q-caching-2-01", topic: "caching",
        level: 2, format: "free", answer: "if the cache dies before flushing we lose writes", score: 0.2, isCorrect: false, at,
      });
      expect(await repos.quizzes.dispute(d)).toBe(true);
      expect(await repos.quizzes.dispute(d)).toBe(false);
      expect(await repos.quizzes.dispute({ ...d, spaceId: "console:other" })).toBe(false);
      expect(await repos.quizzes.disputes()).toEqual([{ ...d, answer: "if the cache dies before flushing we lose writes" }]);
    });

    it("upserts a subscription per (space, channel) and pauses it", async () => {
      await repos.spaces.ensure({ id: "slack:T1", platform: "slack" }, "UTC");
      const input = {
        spaceId: "slack:T1", channelId: "C1", time: "09:00", timezone: "Europe/London", days: ["mon", "wed"] as ("mon" | "wed")[],
        planId: null, startDate: "2026-11-23", createdBy: "U1", updatedAt: at,
      };
      const a = await repos.subscriptions.upsert(input);
      const b = await repos.subscriptions.upsert({ ...input, time: "10:15" });
      expect(b.id).toBe(a.id);
      expect(b).toMatchObject({ time: "10:15", days: ["mon", "wed"], isPaused: false });
      const paused = await repos.subscriptions.setPaused(a.id, true, "channel deleted", at);
      expect(paused).toMatchObject({ isPaused: true, pausedReason: "channel deleted" });
      expect(await repos.subscriptions.get("slack:T1", "C1")).toEqual(paused);
      expect(await repos.subscriptions.get("slack:T2", "C1")).toBeUndefined();
    });

    it("keeps the first reply saved for an event key", async () => {
      const first: Reply = { visibility: "private", blocks: [{ kind: "text", markdown: "one" }], fallback: "one" };
      const second: Reply = { ...first, fallback: "two" };
      expect(await repos.events.find("s", "k")).toBeUndefined();
      expect(await repos.events.save("s", "k", first)).toEqual(first);
      expect(await repos.events.save("s", "k", second)).toEqual(first);
      expect(await repos.events.find("s", "k")).toEqual(first);
      expect(await repos.events.find("other", "k")).toBeUndefined();
    });

    it("forgets events saved before a time, and only those", async () => {
      const reply: Reply = { visibility: "private", blocks: [], fallback: "x" };
      await repos.events.save("s", "k1", reply);
      await repos.events.save("s", "k2", reply, "u1");
      expect(await repos.events.pruneBefore(new Date(Date.now() - 60_000))).toBe(0);
      expect(await repos.events.find("s", "k1")).toEqual(reply);
      expect(await repos.events.pruneBefore(new Date(Date.now() + 2_000))).toBe(2);
      expect(await repos.events.find("s", "k1")).toBeUndefined();
      expect(await repos.events.find("s", "k2")).toBeUndefined();
    });
  });
}
