/**
 * A timed channel round through the core: the public question, answers by button (first click
 * counts, nothing revealed), the close timer's handler posting results once and awarding points
 * by answer order, and every refusal with a clear message.
 */
import { describe, expect, it } from "vitest";
import type { Deps } from "../../src/bot/command.js";
import { type Reply, withoutUserMarks } from "../../src/bot/reply.js";
import { roundClose, type RoundClosePayload } from "../../src/bot/services/round.js";
import { createTestCore, makeEvent, type TestCore } from "../fakes/core.js";

const MIN = 60_000;
const RIGHT = "The application reads the database, then fills the cache";
const WRONG = "The cache loads from the database by itself";
/** The buttons that answer or move on; the Report button under every question has its own tests (report-flow). */
const choicesOf = (r: Reply | undefined) => r?.blocks.flatMap((b) => (b.kind === "choices" ? b.options : [])).filter((o) => !o.action.startsWith("report.")) ?? [];
// Member-written pieces carry userText marks in the core's data; the text reads without them.
const textOf = (r: Reply | undefined) => withoutUserMarks(r?.blocks.map((b) => (b.kind === "text" ? b.markdown : b.kind === "fields" ? b.fields.map((f) => `${f.label}: ${f.value}`).join("\n") : "")).join("\n") ?? "");
const user = (id: string, name: string) => ({ id, name, isAdmin: false });
const USERS = { asha: user("u1", "Asha"), ben: user("u2", "Ben"), chen: user("u3", "Chen"), dev: user("u4", "Dev"), eve: user("u5", "Eve") };

function startRound(core: TestCore, args: Record<string, string | number> = { action: "start", topic: "caching" }, channel = "c1") {
  return core.dispatcher.handle(makeEvent({ kind: "command", name: "round", args, channel: { id: channel } }));
}

/** Clicks the option with `label` on a round's question, as `who`. */
function click(core: TestCore, question: Reply | undefined, who: keyof typeof USERS, label: string) {
  const action = choicesOf(question).find((o) => o.label === label)!.action;
  return core.dispatcher.handle(makeEvent({ kind: "action", name: action, user: USERS[who] }));
}

const closeTimer = (core: TestCore) => [...core.timers.values()].find((t) => t.kind === "round-close")!;
const runClose = (core: TestCore) => roundClose(core.deps, closeTimer(core).payload as RoundClosePayload);
const ledgerOf = (core: TestCore) => core.repos.ledger.filter((l) => l.ref.startsWith("round-"));

describe("a timed round in a channel", () => {
  it("posts the question publicly with a button per option, says when it closes, and schedules the close", async () => {
    const core = createTestCore({ defaultTimezone: "Asia/Kolkata" });
    const q = await startRound(core, { action: "start", topic: "caching", minutes: "3" });
    expect(q?.visibility).toBe("channel");
    expect(choicesOf(q).map((o) => o.label).sort()).toEqual([
      RIGHT, "The cache loads from the database by itself", "The database pushes the row into the cache", "The request fails until the cache is warmed",
    ]);
    // 09:00 UTC is 14:30 in Kolkata; three minutes later is 14:33 there.
    expect(textOf(q)).toContain("Closes in 3 minutes, at Mon 23 Nov, 14:33 Asia/Kolkata");
    const timer = closeTimer(core);
    const round = (await core.repos.rounds.openIn("console:s1", "c1"))!;
    expect(timer).toMatchObject({ key: round.id, runAt: new Date(core.clock.now().getTime() + 3 * MIN), payload: { roundId: round.id, spaceId: "console:s1" } });
    expect(round.questionId).toBe("q-caching-1-01");
  });

  it("takes one answer per member, privately and without saying if it is right; the close posts results and awards by answer order", async () => {
    const core = createTestCore();
    const q = await startRound(core);
    const at = (s: number) => { core.clock.current = new Date(Date.parse("2026-11-23T09:00:00Z") + s * 1_000); };
    at(10);
    const asha = await click(core, q, "asha", RIGHT);
    at(20);
    const ben = await click(core, q, "ben", WRONG);
    at(25);
    const benAgain = await click(core, q, "ben", RIGHT);
    at(30);
    await click(core, q, "chen", RIGHT);
    at(40);
    await click(core, q, "dev", RIGHT);

    for (const r of [asha, ben]) {
      expect(r?.visibility).toBe("private");
      expect(r?.fallback).toMatch(/^Your answer is in: \*\*.+\*\*\. The right answer and the results come when the round closes at Mon 23 Nov, 09:05 UTC\.$/);
      expect(textOf(r)).not.toMatch(/correct|right answer:|wrong|not quite|✅|❌/i);
    }
    // A round answer counts for the member's streak.
    expect(textOf(asha)).toContain("🔥 1-day streak");
    expect((await core.repos.streaks.get((await core.repos.members.ensure("console:s1", USERS.asha)).id))?.current).toBe(1);
    expect(textOf(ben)).toContain(WRONG);
    expect(benAgain?.visibility).toBe("private");
    expect(textOf(benAgain)).toBe(`You already answered this round ("${WRONG}"); your first answer counts.`);
    expect(core.outbox.posts).toHaveLength(0);

    core.clock.advance(5 * MIN);
    await runClose(core);
    expect(core.outbox.posts).toHaveLength(1);
    const post = core.outbox.posts[0]!;
    const round = (await core.repos.rounds.get("console:s1", closeTimer(core).key))!;
    expect(post.target).toEqual({ spaceId: "console:s1", channelId: "c1" });
    expect(post.key).toBe(`round-close-${round.id}`);
    expect(post.reply.visibility).toBe("channel");
    const results = textOf(post.reply);
    expect(results).toContain(`**Right answer:** ${RIGHT}`);
    expect(results).toContain("In cache-aside the application owns both the lookup and the fill.");
    expect(results).toContain("**Got it right** (in answer order):\n1. Asha (+15)\n2. Chen (+13)\n3. Dev (+11)");
    expect(results).toContain("Answered: 4\nRight: 3");
    expect(results).not.toContain("Ben");

    const ids = Object.fromEntries(await Promise.all(Object.entries(USERS).map(async ([k, u]) => [k, (await core.repos.members.ensure("console:s1", u)).id])));
    expect(ledgerOf(core)).toEqual([
      { spaceId: "console:s1", memberId: ids.asha, ref: `round-${round.id}-${ids.asha}`, points: 15 },
      { spaceId: "console:s1", memberId: ids.chen, ref: `round-${round.id}-${ids.chen}`, points: 13 },
      { spaceId: "console:s1", memberId: ids.dev, ref: `round-${round.id}-${ids.dev}`, points: 11 },
    ]);
    expect(await core.repos.points.earned("console:s1", ids.ben!, "d2026-11-23")).toBe(0);
    expect(await core.repos.points.earned("console:s1", ids.asha!, "all")).toBe(15);
    expect(round.closedAt).toEqual(core.clock.now());

    // The close job running again (a redelivery) posts nothing and awards nothing.
    await runClose(core);
    expect(core.outbox.posts).toHaveLength(1);
    expect(ledgerOf(core)).toHaveLength(3);
    expect(await core.repos.points.earned("console:s1", ids.asha!, "all")).toBe(15);

    const late = await click(core, q, "eve", RIGHT);
    expect(late?.visibility).toBe("private");
    expect(textOf(late)).toContain("This round has closed.");
    expect(await core.repos.rounds.answers(round.id)).toHaveLength(4);
  });

  it("refuses an answer after the closing time even before the close job has run", async () => {
    const core = createTestCore();
    const q = await startRound(core);
    core.clock.advance(5 * MIN);
    expect(textOf(await click(core, q, "asha", RIGHT))).toContain("This round has closed.");
  });

  it("allows one open round per channel; another channel, or the same one after the close, may start one", async () => {
    const core = createTestCore();
    await startRound(core);
    const second = await startRound(core, { action: "start", topic: "sharding" });
    expect(second?.visibility).toBe("private");
    expect(textOf(second)).toBe("A round is already running in this channel; it closes at Mon 23 Nov, 09:05 UTC. Answer it, or start a new one after it closes.");
    expect((await startRound(core, { action: "start" }, "c2"))?.visibility).toBe("channel");
    core.clock.advance(5 * MIN);
    await runClose(core);
    expect((await startRound(core))?.visibility).toBe("channel");
  });

  it("closes a round whose timer was lost when a new one starts after its closing time", async () => {
    const core = createTestCore();
    const q = await startRound(core);
    await click(core, q, "asha", RIGHT);
    const stale = closeTimer(core).key;
    core.timers.clear(); // Redis lost the job
    core.clock.advance(6 * MIN);
    expect((await startRound(core))?.visibility).toBe("channel");
    expect(core.outbox.posts).toHaveLength(1);
    expect(core.outbox.posts[0]!.key).toBe(`round-close-${stale}`);
    expect((await core.repos.rounds.get("console:s1", stale))?.closedAt).not.toBeNull();
  });

  it("a close whose post failed is retried: it posts then, and awards only once", async () => {
    const core = createTestCore();
    const q = await startRound(core);
    await click(core, q, "asha", RIGHT);
    core.clock.advance(5 * MIN);
    const post = core.outbox.post.bind(core.outbox);
    core.outbox.post = async () => { throw new Error("platform down"); };
    await expect(runClose(core)).rejects.toThrow("platform down");
    expect(ledgerOf(core)).toHaveLength(1);
    core.outbox.post = post;
    await runClose(core);
    await runClose(core);
    expect(core.outbox.posts).toHaveLength(1);
    expect(ledgerOf(core)).toEqual([expect.objectContaining({ points: 15 })]);
  });

  it("caps round points by the daily cap and counts them on the day of the answer", async () => {
    const core = createTestCore();
    core.clock.current = new Date("2026-11-23T23:57:00Z");
    const asha = await core.repos.members.ensure("console:s1", USERS.asha);
    await core.repos.spaces.ensure({ id: "console:s1", platform: "console" }, "UTC");
    await core.repos.points.award("console:s1", asha.id, { ref: "seed", points: 92, reason: "quiz", periods: ["d2026-11-23", "all"] }, core.clock.now());
    const q = await startRound(core);
    core.clock.advance(MIN);
    await click(core, q, "asha", RIGHT);
    core.clock.advance(5 * MIN); // closes after midnight
    await runClose(core);
    expect(await core.repos.points.earned("console:s1", asha.id, "d2026-11-23")).toBe(100);
    expect(await core.repos.points.earned("console:s1", asha.id, "d2026-11-24")).toBe(0);
    expect(textOf(core.outbox.posts[0]!.reply)).toContain("1. Asha (+8)");
  });

  it("says who got nothing when nobody answered", async () => {
    const core = createTestCore();
    await startRound(core);
    core.clock.advance(5 * MIN);
    await runClose(core);
    expect(textOf(core.outbox.posts[0]!.reply)).toContain("Nobody answered this round.");
    expect(ledgerOf(core)).toEqual([]);
  });
});

describe("refusals with a clear message", () => {
  it.each(["0", "31", "abc", "2.5", "-3"])("minutes %s", async (minutes) => {
    const core = createTestCore();
    const r = await startRound(core, { action: "start", minutes });
    expect(r?.visibility).toBe("private");
    expect(textOf(r)).toContain("minutes must be a whole number from 1 to 30");
    expect(core.timers.size).toBe(0);
  });

  it("an unknown topic lists the topics", async () => {
    const core = createTestCore();
    expect(textOf(await startRound(core, { action: "start", topic: "nosuch" }))).toBe("There is no topic `nosuch`. Topics: caching, sharding.");
  });

  it("without a scheduler (no Redis) no round starts, and the reply says rounds need Redis", async () => {
    const scheduler: Deps["scheduler"] = { isEnabled: false, subscriptionChanged: async () => undefined };
    const core = createTestCore({ scheduler });
    const r = await startRound(core);
    expect(textOf(r)).toContain("Timed rounds need the scheduler (Redis), which is off here");
    expect(await core.repos.rounds.openIn("console:s1", "c1")).toBeUndefined();
  });

  it("a forged or stale round button says the round is gone", async () => {
    const core = createTestCore();
    const r = await core.dispatcher.handle(makeEvent({ kind: "action", name: "round.answer:nope:1" }));
    expect(textOf(r)).toContain("I can't find that round any more.");
  });
});
