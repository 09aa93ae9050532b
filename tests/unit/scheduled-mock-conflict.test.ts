/**
 * A scheduled peer mock whose reminder finds a member still in another running mock: the peer mock
 * does not open (nobody runs two interviews at once), the busy member is told privately, the free
 * partner is offered a solo mock in the channel, and the match is closed as a conflict: checked,
 * no mock, no no-shows, nothing left pending.
 */
import { describe, expect, it } from "vitest";
import type { BotEvent } from "../../src/bot/event.js";
import { type Reply, withoutUserMarks } from "../../src/bot/reply.js";
import { pendingScheduled, scheduledMockTimer } from "../../src/bot/services/scheduled-pairing.js";
import { loadCurriculum } from "../../src/curriculum/loader.js";
import { createTestCore, makeEvent } from "../fakes/core.js";

const curriculum = loadCurriculum();
const SPACE = "console:s1";
const MIN = 60_000;
const textOf = (r: Reply | undefined) => withoutUserMarks(r?.blocks.map((b) => (b.kind === "text" ? b.markdown : "")).join("\n") ?? "");
const options = (r: Reply | undefined) => r?.blocks.flatMap((b) => (b.kind === "choices" ? b.options : [])) ?? [];

interface Person { id: string; name: string }
const asha: Person = { id: "uA", name: "Asha" };
const bilal: Person = { id: "uB", name: "Bilal" };
const chen: Person = { id: "uC", name: "Chen" };

/** Asha books 19:00 tomorrow, Bilal 19:30: matched at 19:30 (2026-11-24), its reminder at 19:20. */
async function matched() {
  const core = createTestCore({ curriculum });
  const ev = (who: Person, e: Partial<BotEvent> & Pick<BotEvent, "kind" | "name">) => core.dispatcher.handle(makeEvent({ ...e, user: { ...who, isAdmin: false } }));
  const mock = (who: Person, args: Record<string, string>) => ev(who, { kind: "command", name: "mock", args });
  await mock(asha, { action: "pair", when: "tomorrow 19:00" });
  expect((await mock(bilal, { action: "pair", when: "tomorrow 19:30" }))?.title).toBe("Scheduled mock matched");
  const remind = [...core.timers.values()].find((t) => t.kind === "scheduled-mock" && t.payload.step === "remind")!;
  const matchId = String(remind.payload.id);
  const [a, b] = await Promise.all([asha, bilal].map((p) => core.repos.members.ensure(SPACE, p)));
  const fire = (step: string) => scheduledMockTimer(core.deps, { step, id: matchId });
  return { core, mock, click: (who: Person, action: string) => ev(who, { kind: "action", name: action }), remind, matchId, a: a!, b: b!, fire };
}

describe("a scheduled mock's reminder while a member is in another mock", () => {
  it("does not open a second interview: the busy member is told, the partner gets a solo offer, the match closes as a conflict", async () => {
    const t = await matched();
    t.core.clock.current = new Date("2026-11-24T19:05:00Z");
    expect((await t.mock(asha, { action: "start" }))?.title).toBe("Mock interview started"); // her own solo mock, still running
    const solo = (await t.core.repos.mocks.activeFor(t.a.id))!;
    const threads = t.core.outbox.threads.length;
    const posts = t.core.outbox.posts.length;
    t.core.clock.current = t.remind.runAt;
    await t.fire("remind");

    // No peer thread; Asha keeps the one she is in, Bilal is in none.
    expect(t.core.outbox.threads).toHaveLength(threads);
    expect((await t.core.repos.mocks.activeFor(t.a.id))?.id).toBe(solo.id);
    expect(await t.core.repos.mocks.activeFor(t.b.id)).toBeUndefined();
    const told = t.core.outbox.posts.slice(posts);
    expect(told.map((p) => p.target)).toEqual([
      { spaceId: SPACE, channelId: "c1", userId: "uA" }, // privately, to the busy one
      { spaceId: SPACE, channelId: "c1" }, // in the channel, where the solo button works for Bilal
    ]);
    expect(textOf(told[0]!.reply)).toContain(
      "Your scheduled mock with **Bilal** at **Tue 24 Nov, 19:30 UTC** can't open: you're still in another mock interview. " +
      "I've told **Bilal** and offered them a solo mock; neither of you is recorded as a no-show. Finish that one with ");
    expect(textOf(told[1]!.reply)).toContain("**Bilal**, **Asha** is still in another mock interview, so your scheduled peer mock at **Tue 24 Nov, 19:30 UTC** can't open.");

    // Recorded as a conflict: checked without a mock or a reminder, nobody a no-show; nothing pending.
    expect(await t.core.repos.bookings.ofMatch(t.matchId)).toEqual([expect.anything(), expect.anything()].map(() => expect.objectContaining({
      status: "matched", mockId: null, remindedAt: null, noShowAt: null, checkedAt: t.remind.runAt,
    })));
    expect(await t.core.repos.bookings.noShowCount(t.a.id)).toBe(0);
    // The check timer is cancelled (the reminder's own is the job running now).
    expect([...t.core.timers.values()].filter((x) => x.kind === "scheduled-mock").map((x) => x.key)).toEqual([`${t.matchId}-remind`]);
    expect(await pendingScheduled(t.core.deps)).toEqual([]);
    // Late runs (a job retried, the sweep) change nothing.
    await t.fire("remind");
    await t.fire("check");
    expect(t.core.outbox.posts).toHaveLength(posts + 2);
    expect(t.core.outbox.threads).toHaveLength(threads);

    // The solo offer is Bilal's, and it works.
    const offer = options(told[1]!.reply).find((o) => o.label === "Start a solo mock")!;
    expect(textOf(await t.click(chen, offer.action))).toContain("That offer was for someone else");
    expect((await t.click(bilal, offer.action))?.title).toBe("Mock interview started");
    expect(await t.core.repos.mocks.activeFor(t.b.id)).toMatchObject({ partnerId: null });
  });

  it("both members busy: each is told privately, no solo offer, nothing opens", async () => {
    const t = await matched();
    t.core.clock.current = new Date("2026-11-24T19:05:00Z");
    for (const p of [asha, bilal]) expect((await t.mock(p, { action: "start" }))?.title).toBe("Mock interview started");
    const [threads, posts] = [t.core.outbox.threads.length, t.core.outbox.posts.length];
    t.core.clock.current = t.remind.runAt;
    await t.fire("check"); // the reminder's job lost: the check runs it first
    expect(t.core.outbox.threads).toHaveLength(threads);
    const told = t.core.outbox.posts.slice(posts);
    expect(told.map((p) => p.target.userId)).toEqual(["uA", "uB"]);
    for (const p of told) {
      expect(textOf(p.reply)).toMatch(/can't open: you're still in another mock interview\. \*\*\w+\*\* is in another one too, so neither of you is recorded as a no-show\./);
      expect(options(p.reply)).toEqual([]);
    }
    expect((await t.core.repos.bookings.ofMatch(t.matchId)).map((b) => [b.mockId, b.noShowAt, b.checkedAt !== null])).toEqual([[null, null, true], [null, null, true]]);
  });

  it("neither busy: the peer mock opens as before", async () => {
    const t = await matched();
    t.core.clock.current = t.remind.runAt;
    const threads = t.core.outbox.threads.length;
    await t.fire("remind");
    expect(t.core.outbox.threads).toHaveLength(threads + 1);
    expect(await t.core.repos.mocks.activeFor(t.b.id)).toMatchObject({ memberId: t.a.id, partnerId: t.b.id });
  });
});
