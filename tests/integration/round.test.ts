/**
 * A timed round end to end on a real SQLite file and the machine's Redis: the command schedules
 * a real BullMQ delayed job, members answer, the job fires `roundClose`, the results are posted
 * once and the points ledger holds one row per right answer.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Deps } from "../../src/bot/command.js";
import { commands } from "../../src/bot/commands/index.js";
import { actions } from "../../src/bot/actions/index.js";
import { createDispatcher } from "../../src/bot/dispatcher.js";
import { type Reply, withoutUserMarks } from "../../src/bot/reply.js";
import { roundClose, type RoundClosePayload } from "../../src/bot/services/round.js";
import { createJobs } from "../../src/jobs/index.js";
import { timerJobId } from "../../src/jobs/timers.js";
import { makeEvent, miniCurriculum, seededRandom } from "../fakes/core.js";
import { createHarness, type Harness } from "./helpers/jobs-harness.js";

const RIGHT = "The application reads the database, then fills the cache";
const WRONG = "The cache loads from the database by itself";
const choicesOf = (r: Reply | undefined) => r?.blocks.flatMap((b) => (b.kind === "choices" ? b.options : [])) ?? [];
// Member-written pieces carry userText marks in the core's data; the text reads without them.
const textOf = (r: Reply | undefined) => withoutUserMarks(r?.blocks.map((b) => (b.kind === "text" ? b.markdown : "")).join("\n") ?? "");
const logger = { info() {}, warn() {}, error() {} };

let h: Harness | undefined;
afterEach(async () => { await h?.close(); h = undefined; });

describe("a timed round closed by a real delayed job", () => {
  it("fires the close after the round's minutes, posts the results once and writes the ledger", async () => {
    h = await createHarness();
    // The core's clock runs 59 s behind the real one, so a 1-minute round closes about 1 s from now
    // in real time, while the jobs layer measures the delay with the real clock.
    const coreClock = { now: () => new Date(Date.now() - 59_000) };
    let deps: Deps | undefined;
    await h.jobs.close();
    h.jobs = createJobs({ redisUrl: h.redisUrl, prefix: h.prefix }, {
      subscriptions: h.repos.subscriptions, deliveries: h.repos.deliveries, clock: { now: () => new Date() }, logger,
      maxLatenessMs: 1, deliver: async () => ({ kind: "skipped" }),
      timerHandlers: { "round-close": (data) => roundClose(deps!, data.payload as RoundClosePayload) },
    });
    deps = {
      curriculum: miniCurriculum(), ...h.repos, scheduler: h.jobs.scheduler, clock: coreClock, random: seededRandom(),
      logger, defaultTimezone: "UTC", outbox: h.outbox,
    };
    const dispatcher = createDispatcher(deps, commands, actions);
    h.jobs.startWorkers();

    const q = await dispatcher.handle(makeEvent({ kind: "command", name: "round", args: { action: "start", topic: "caching", minutes: "1" } }));
    expect(q?.visibility).toBe("channel");
    const round = (await h.repos.rounds.openIn("console:s1", "c1"))!;
    const job = await h.jobs.timerQueue.getJob(timerJobId("round-close", round.id));
    expect(await job?.getState()).toBe("delayed");
    expect(job?.data.payload).toEqual({ roundId: round.id, spaceId: "console:s1" });

    const click = (userId: string, name: string, label: string) => dispatcher.handle(makeEvent({
      kind: "action", name: choicesOf(q).find((o) => o.label === label)!.action, user: { id: userId, name, isAdmin: false },
    }));
    await click("u1", "Asha", RIGHT);
    await click("u2", "Ben", WRONG);
    expect(textOf(await click("u2", "Ben", RIGHT))).toContain("your first answer counts");
    await click("u3", "Chen", RIGHT);

    await h.waitFor(async () => (await job!.getState()) === "completed");
    expect(h.outbox.posts).toHaveLength(1);
    const post = h.outbox.posts[0]!;
    expect(post.key).toBe(`round-close-${round.id}`);
    expect(post.target).toEqual({ spaceId: "console:s1", channelId: "c1" });
    expect(textOf(post.reply)).toContain(`**Right answer:** ${RIGHT}`);
    expect(textOf(post.reply)).toContain("1. Asha (+15)\n2. Chen (+13)");

    const ids = await Promise.all(["u1", "u2", "u3"].map(async (u) => (await h!.repos.members.ensure("console:s1", { id: u, name: u })).id));
    const ledger = h.db.$client.prepare("select member_id as memberId, ref, points from points where ref like 'round-%' order by id").all();
    expect(ledger).toEqual([
      { memberId: ids[0], ref: `round-${round.id}-${ids[0]}`, points: 15 },
      { memberId: ids[2], ref: `round-${round.id}-${ids[2]}`, points: 13 },
    ]);
    const stored = h.db.$client.prepare("select closed_at, message_ref from rounds where id = ?").get(round.id) as { closed_at: number | null; message_ref: string };
    expect(stored.closed_at).not.toBeNull();
    expect(stored.message_ref).toBe("results:c1:m1");
    expect(await h.repos.points.earned("console:s1", ids[0]!, "all")).toBe(15);

    // A redelivered close job changes nothing.
    await roundClose(deps, { roundId: round.id, spaceId: "console:s1" });
    expect(h.outbox.posts).toHaveLength(1);
    expect(h.db.$client.prepare("select count(*) as n from points where ref like 'round-%'").get()).toEqual({ n: 2 });
  });
});

describe("two /round start in one channel at the same moment", () => {
  it("opens one round: the database's one-open-round index decides, the other start is told a round is running", async () => {
    h = await createHarness();
    const deps: Deps = {
      curriculum: miniCurriculum(), ...h.repos, scheduler: h.jobs.scheduler, clock: { now: () => new Date() }, random: seededRandom(),
      logger, defaultTimezone: "UTC", outbox: h.outbox,
    };
    const dispatcher = createDispatcher(deps, commands, actions);
    const start = (userId: string, name: string) => dispatcher.handle(makeEvent({
      kind: "command", name: "round", args: { action: "start", topic: "caching", minutes: "5" }, user: { id: userId, name, isAdmin: false },
    }));
    // Both pass the "is one open?" read before either writes: only the index can refuse the second.
    const replies = await Promise.all([start("u1", "Asha"), start("u2", "Ben")]);
    expect(replies.map((r) => r?.visibility).sort()).toEqual(["channel", "private"]);
    expect(textOf(replies.find((r) => r?.visibility === "private"))).toContain("A round is already running in this channel");
    expect(h.db.$client.prepare("select count(*) n from rounds where closed_at is null").get()).toEqual({ n: 1 });
    const round = (await h.repos.rounds.openIn("console:s1", "c1"))!;
    expect(await h.jobs.timerQueue.getJob(timerJobId("round-close", round.id))).toBeDefined();
  });
});
