import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/bot/reply.js";
import { capped, periodsOf, POINTS, quizAward } from "../../src/bot/services/points.js";
import { createTestCore, makeEvent } from "../fakes/core.js";

const choices = (r: Reply | undefined) => r?.blocks.flatMap((b) => (b.kind === "choices" ? b.options : [])) ?? [];
const RIGHT = "The data, across machines by a key";

async function answerSharding(core: ReturnType<typeof createTestCore>, label = RIGHT, key?: string) {
  const q = await core.dispatcher.handle(makeEvent({ kind: "command", name: "quiz", args: { topic: "sharding" } }));
  const click = makeEvent({ kind: "action", name: choices(q).find((o) => o.label === label)!.action, ...(key ? { idempotencyKey: key } : {}) });
  return { click, reply: await core.dispatcher.handle(click) };
}

describe("points can't be gamed", () => {
  it("the same question answered twice in a day counts once; the next day counts again", async () => {
    const core = createTestCore();
    await answerSharding(core);
    await answerSharding(core);
    expect(core.repos.ledger.map((l) => l.points)).toEqual([10]);
    core.clock.advance(86_400_000);
    await answerSharding(core);
    expect(core.repos.ledger.map((l) => l.points)).toEqual([10, 10]);
    expect(await core.repos.points.earned("console:s1", 1, "all")).toBe(20);
  });

  it("a first wrong answer uses up the day's chance", async () => {
    const core = createTestCore();
    await answerSharding(core, "The CPU cores of one machine");
    await answerSharding(core);
    expect(await core.repos.points.earned("console:s1", 1, "all")).toBe(0);
  });

  it("a redelivered interaction and a double click count once", async () => {
    const core = createTestCore();
    const { click } = await answerSharding(core, RIGHT, "interaction-9");
    await core.dispatcher.handle({ ...click });
    await core.dispatcher.handle({ ...click, idempotencyKey: "interaction-10" });
    expect(core.repos.ledger).toHaveLength(1);
    expect(await core.repos.points.earned("console:s1", 1, "all")).toBe(10);
  });

  it("the daily cap holds", () => {
    expect(capped({ ref: "x", points: 10, reason: "quiz" }, 95).points).toBe(5);
    expect(capped({ ref: "x", points: 10, reason: "quiz" }, POINTS.dailyCap).points).toBe(0);
  });

  it("free text earns by coverage; a recalled due review earns for retention once per due date", () => {
    expect(quizAward({ memberId: 3, questionId: "q", format: "free", score: 0.67, kind: "quiz", localDate: "2026-11-23" }))
      .toEqual({ ref: "quiz-3-q-2026-11-23", points: 7, reason: "quiz" });
    const due = new Date("2026-11-26T09:00:00Z");
    expect(quizAward({ memberId: 3, questionId: "q", format: "mcq", score: 1, kind: "review", localDate: "2026-11-26", reviewDue: due }))
      .toEqual({ ref: `review-3-q-${due.toISOString()}`, points: 5, reason: "review" });
  });

  it("shows the points earned with the grade", async () => {
    const core = createTestCore();
    const { reply } = await answerSharding(core);
    expect(JSON.stringify(reply)).toContain("+10 points.");
  });
});

describe("board periods in the space's time zone", () => {
  it.each([
    // Monday 00:30 in Kolkata is still Sunday in UTC.
    ["2026-11-22T19:00:00Z", "Asia/Kolkata", { day: "d2026-11-23", week: "w2026-11-23", month: "m2026-11", all: "all" }],
    ["2026-11-22T18:00:00Z", "Asia/Kolkata", { day: "d2026-11-22", week: "w2026-11-16", month: "m2026-11", all: "all" }],
    // 1 December 05:00 UTC is still 30 November in Los Angeles.
    ["2026-12-01T05:00:00Z", "America/Los_Angeles", { day: "d2026-11-30", week: "w2026-11-30", month: "m2026-11", all: "all" }],
    ["2026-12-01T08:30:00Z", "America/Los_Angeles", { day: "d2026-12-01", week: "w2026-11-30", month: "m2026-12", all: "all" }],
  ])("%s in %s", (at, tz, expected) => {
    expect(periodsOf(new Date(at), tz)).toEqual(expected);
  });
});
