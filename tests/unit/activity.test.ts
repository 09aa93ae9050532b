/** services/activity.ts through the dispatcher: an answer is one record holding its reply, capped inside it. */
import { describe, expect, it } from "vitest";
import { commands } from "../../src/bot/commands/index.js";
import { actions } from "../../src/bot/actions/index.js";
import { createDispatcher } from "../../src/bot/dispatcher.js";
import type { Reply } from "../../src/bot/reply.js";
import { createTestCore, makeEvent, type TestCore } from "../fakes/core.js";

const choices = (r: Reply | undefined) => r?.blocks.flatMap((b) => (b.kind === "choices" ? b.options : [])) ?? [];
const RIGHT = "The data, across machines by a key";

async function clickFor(core: TestCore, key?: string) {
  const q = await core.dispatcher.handle(makeEvent({ kind: "command", name: "quiz", args: { topic: "sharding" } }));
  return makeEvent({ kind: "action", name: choices(q).find((o) => o.label === RIGHT)!.action, ...(key ? { idempotencyKey: key } : {}) });
}

/** Counts the activity records and the dispatcher's own event saves (the twin does the work). */
function counting(core: TestCore) {
  const n = { records: 0, saves: 0 };
  const { activities, events } = core.deps;
  const record = activities.record.bind(activities);
  const save = events.save.bind(events);
  core.deps.activities = { record: (a) => { n.records++; return record(a); } };
  core.deps.events = { ...events, save: (...args) => { n.saves++; return save(...args); } };
  return n;
}

describe("a scored activity", () => {
  it("is one record: the reply is stored with the answer and the dispatcher saves nothing more", async () => {
    const core = createTestCore();
    const click = await clickFor(core, "click-1");
    const n = counting(core);
    const reply = await core.dispatcher.handle(click);
    expect(n).toEqual({ records: 1, saves: 0 });
    expect(JSON.stringify(reply)).toContain("+10 points.");
    expect(JSON.stringify(reply)).toContain("1-day streak");
    const stored = await core.repos.events.find("console:s1", "click-1");
    expect(stored?.fallback).toBe(reply?.fallback);
    expect((await core.repos.streaks.get(1))?.current).toBe(1);
  });

  it("is capped inside the record: 95 earned today leaves 5, and two answers at once leave 5 between them", async () => {
    const core = createTestCore();
    await core.repos.points.award("console:s1", 1, { ref: "seed", points: 95, reason: "t", periods: ["d2026-11-23", "all"] }, core.clock.now());
    const [a, b] = [await clickFor(core), await clickFor(core)];
    // The second quiz asks another question (the first is in the repeat window), so both may earn.
    const replies = await Promise.all([core.dispatcher.handle(a!), core.dispatcher.handle(b!)]);
    expect(await core.repos.points.earned("console:s1", 1, "d2026-11-23")).toBe(100);
    expect(replies.map((r) => JSON.stringify(r).includes("+5 points."))).toContain(true);
  });

  it("a redelivery racing the first in another process gets the first reply and awards once", async () => {
    const core = createTestCore();
    const click = await clickFor(core, "click-7");
    const other = createDispatcher(core.deps, commands, actions); // a second process on the same storage
    const [first, second] = await Promise.all([core.dispatcher.handle(click), other.handle({ ...click })]);
    expect(second?.fallback).toBe(first?.fallback);
    expect(core.repos.ledger).toHaveLength(1);
    expect(core.repos.attempts).toHaveLength(1);
  });
});
