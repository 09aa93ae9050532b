/**
 * The overdue sweep (services/overdue.ts) over the in-memory twins: what Redis lost is read back
 * from the database; past due (by the grace) is run now, once; in the future is scheduled again.
 */
import { describe, expect, it } from "vitest";
import { OVERDUE_GRACE_MS, sweepTimers } from "../../src/bot/services/overdue.js";
import { PAIR_TIMEOUT_MINUTES } from "../../src/bot/services/pairing.js";
import { withoutUserMarks, type Reply } from "../../src/bot/reply.js";
import { loadCurriculum } from "../../src/curriculum/loader.js";
import { createTestCore, makeEvent } from "../fakes/core.js";

const curriculum = loadCurriculum();
const MIN = 60_000;
const textOf = (r: Reply) => withoutUserMarks(r.blocks.map((b) => (b.kind === "text" ? b.markdown : "")).join("\n"));

describe("the overdue sweep", () => {
  it("a mock whose timers were lost: rescheduled from the database; once past due, nudged once; past the end, only wrapped up", async () => {
    const core = createTestCore({ curriculum });
    await core.dispatcher.handle(makeEvent({ kind: "command", name: "mock", args: { problem: "p-url-shortener" } }));
    const scheduled = new Map(core.timers);
    core.timers.clear(); // Redis lost them

    expect(await sweepTimers(core.deps, "reschedule")).toEqual({ rescheduled: 3, caughtUp: 0, failed: 0 });
    expect([...core.timers.entries()].map(([k, t]) => [k, t.runAt.getTime()])).toEqual([...scheduled.entries()].map(([k, t]) => [k, t.runAt.getTime()]));

    // The first phase ends (8 minutes) and a grace passes with no job firing: the sweep nudges, once.
    core.clock.advance(8 * MIN + OVERDUE_GRACE_MS);
    expect(await sweepTimers(core.deps, "overdue")).toMatchObject({ caughtUp: 1, failed: 0 });
    expect(await sweepTimers(core.deps, "overdue")).toMatchObject({ caughtUp: 1, failed: 0 }); // run again: its claim holds
    expect(core.outbox.posts.map((p) => p.key)).toEqual([expect.stringMatching(/-over-0$/)]);

    // Long past the end: the wrap-up only (no "five minutes left" after "time is up"), once.
    core.clock.advance(60 * MIN);
    await sweepTimers(core.deps, "overdue");
    await sweepTimers(core.deps, "overdue");
    expect(core.outbox.posts.map((p) => p.key)).toEqual([expect.stringMatching(/-over-0$/), expect.stringMatching(/-wrap--1$/)]);
    expect(textOf(core.outbox.posts[1]!.reply)).toMatch(/Time is up/);
    expect(await core.repos.mocks.running()).toEqual([]);
  });

  it("a member left waiting in the pairing queue: timed out by the sweep, once", async () => {
    const core = createTestCore({ curriculum });
    await core.dispatcher.handle(makeEvent({ kind: "command", name: "mock", args: { action: "pair" } }));
    core.timers.clear();
    expect(await sweepTimers(core.deps, "reschedule")).toMatchObject({ rescheduled: 1 });
    expect([...core.timers.values()].map((t) => t.kind)).toEqual(["pair-timeout"]);
    core.clock.advance(PAIR_TIMEOUT_MINUTES * MIN + OVERDUE_GRACE_MS - 1);
    expect(await sweepTimers(core.deps, "overdue")).toMatchObject({ caughtUp: 0 }); // within the grace: its job's turn
    core.clock.advance(1);
    expect(await sweepTimers(core.deps, "overdue")).toMatchObject({ caughtUp: 1 });
    expect(await sweepTimers(core.deps, "overdue")).toMatchObject({ caughtUp: 0 });
    expect(core.outbox.posts.map((p) => p.reply.title)).toEqual(["No partner this time"]);
  });
});
