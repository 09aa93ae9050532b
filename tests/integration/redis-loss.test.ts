/**
 * Redis loses its data while the bot runs (FLUSHALL; a restart without persistence): the watchdog
 * notices (a missing marker, checked every interval and on each reconnect) and rebuilds from the
 * database without a restart; the overdue sweep closes what fell due. A throwaway redis-server of
 * this file's own, on a free port.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import type { Deps } from "../../src/bot/command.js";
import { commands } from "../../src/bot/commands/index.js";
import { actions } from "../../src/bot/actions/index.js";
import { createDispatcher } from "../../src/bot/dispatcher.js";
import type { Reply } from "../../src/bot/reply.js";
import { OVERDUE_GRACE_MS } from "../../src/bot/services/overdue.js";
import { roundClose, type RoundClosePayload } from "../../src/bot/services/round.js";
import { deliverDaily } from "../../src/bot/services/daily-delivery.js";
import { dailySchedulerId } from "../../src/jobs/daily-post.js";
import { createJobs } from "../../src/jobs/index.js";
import { startRecovery } from "../../src/jobs/recovery.js";
import { timerJobId } from "../../src/jobs/timers.js";
import type { Watchdog } from "../../src/jobs/watchdog.js";
import { makeEvent, miniCurriculum, seededRandom } from "../fakes/core.js";
import { TEST_REDIS_URL } from "../redis-setup.js";
import { startThrowawayRedis, type ThrowawayRedis } from "../throwaway-redis.js";
import { createHarness, type Harness } from "./helpers/jobs-harness.js";

const RIGHT = "The application reads the database, then fills the cache";
const choicesOf = (r: Reply | undefined) => r?.blocks.flatMap((b) => (b.kind === "choices" ? b.options : [])) ?? [];
const logger = { info() {}, warn() {}, error() {} };

let h: Harness | undefined;
let redis: ThrowawayRedis | undefined;
let watchdog: Watchdog | undefined;
let probe: Redis | undefined;
afterEach(async () => {
  probe?.disconnect();
  await watchdog?.stop();
  await h?.close().catch(() => undefined);
  await redis?.stop();
  h = undefined; redis = undefined; watchdog = undefined; probe = undefined;
});

/** The harness's jobs with a round-close handler, core deps over the same clock, and a dispatcher. */
async function setUp(redisUrl: string) {
  h = await createHarness({ redisUrl });
  const harness = h;
  harness.clock.current = new Date();
  let deps: Deps | undefined;
  await harness.jobs.close();
  harness.jobs = createJobs({ redisUrl, prefix: harness.prefix, busyRecheckMs: 100 }, {
    subscriptions: harness.repos.subscriptions, deliveries: harness.repos.deliveries, clock: harness.clock, logger, maxLatenessMs: 6 * 3_600_000,
    deliver: (id, slotAt) => deliverDaily({
      curriculum: miniCurriculum(), subscriptions: harness.repos.subscriptions, deliveries: harness.repos.deliveries, outbox: harness.outbox,
      clock: harness.clock, logger, maxLatenessMs: 6 * 3_600_000, leaseMs: 60_000,
    }, id, slotAt),
    timerHandlers: { "round-close": (data) => roundClose(deps!, data.payload as RoundClosePayload) },
  });
  deps = {
    curriculum: miniCurriculum(), ...harness.repos, scheduler: harness.jobs.scheduler, clock: harness.clock, random: seededRandom(),
    logger, defaultTimezone: "UTC", outbox: harness.outbox,
  };
  harness.jobs.startWorkers();
  return { harness, deps, dispatcher: createDispatcher(deps, commands, actions) };
}

/** A 5-minute round in which Asha answers right and Ben wrong. */
async function roundWithAnswers(harness: Harness, dispatcher: ReturnType<typeof createDispatcher>) {
  const q = await dispatcher.handle(makeEvent({ kind: "command", name: "round", args: { action: "start", topic: "caching", minutes: "5" } }));
  const click = (id: string, name: string, label: string) => dispatcher.handle(makeEvent({
    kind: "action", name: choicesOf(q).find((o) => o.label === label)!.action, user: { id, name, isAdmin: false },
  }));
  await click("u1", "Asha", RIGHT);
  await click("u2", "Ben", choicesOf(q).find((o) => o.label !== RIGHT)!.label);
  return (await harness.repos.rounds.openIn("console:s1", "c1"))!;
}

const roundPosts = (harness: Harness, roundId: string) => harness.outbox.posts.filter((p) => p.key === `round-close-${roundId}`);
const ledger = (harness: Harness, roundId: string) =>
  harness.db.$client.prepare("select ref, points from points where ref like ?").all(`round-${roundId}-%`);

describe("Redis emptied while the bot runs", () => {
  it("FLUSHALL: the schedule and the round's timer come back; the next post arrives at its slot once; the round closes once", async () => {
    redis = await startThrowawayRedis();
    const { harness, dispatcher, deps } = await setUp(redis.url);
    const every = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
    const subId = await harness.addSubscription({ time: "09:00", days: [...every] });
    const round = await roundWithAnswers(harness, dispatcher);
    // Checks run when the test says (the minute's timer never comes): each step is deterministic.
    watchdog = await startRecovery(harness.jobs, deps, { redisUrl: redis.url, prefix: harness.prefix, intervalMs: 3_600_000 });
    const nextBefore = (await harness.jobs.dailyQueue.getJobScheduler(dailySchedulerId(subId)))?.next;
    expect(nextBefore).toBeTypeOf("number");

    probe = new Redis(redis.url);
    await probe.flushall();
    expect(await probe.dbsize()).toBe(0);
    // The next check notices: the scheduler and the round's close timer are back, as they were.
    expect(await watchdog.check()).toBe("rebuilt");
    expect(await harness.jobs.timerQueue.getJob(timerJobId("round-close", round.id))).toBeDefined();
    expect((await harness.jobs.dailyQueue.getJobScheduler(dailySchedulerId(subId)))?.next).toBe(nextBefore);
    expect(await watchdog.check()).toBe("ok");
    const closeJob = (await harness.jobs.timerQueue.getJob(timerJobId("round-close", round.id)))!;
    expect(await closeJob.getState()).toBe("delayed");
    expect(closeJob.timestamp + closeJob.delay).toBeGreaterThanOrEqual(round.closesAt.getTime() - 1_000);

    // A partial loss (one scheduler evicted, the marker still there) is seen by counting schedulers.
    await harness.jobs.dailyQueue.removeJobScheduler(dailySchedulerId(subId));
    expect(await watchdog.check()).toBe("rebuilt");
    expect((await harness.jobs.dailyQueue.getJobScheduler(dailySchedulerId(subId)))?.next).toBe(nextBefore);

    // The slot arrives (the clock moves to it and the scheduler's delayed job is due): one post.
    const dailyPosts = () => harness.outbox.posts.filter((p) => p.key?.startsWith("daily-"));
    // Today's slot, if it fell due this morning, was caught up at start: let that settle first.
    await harness.waitFor(async () => {
      const counts = await harness.jobs.dailyQueue.getJobCounts("waiting", "active", "prioritized");
      return Object.values(counts).every((n) => n === 0);
    });
    const before = dailyPosts().length;
    harness.clock.current = new Date(nextBefore!);
    const [slotJob] = await harness.jobs.dailyQueue.getDelayed();
    await slotJob!.promote();
    await harness.waitFor(() => dailyPosts().length === before + 1);
    // Another flush and rebuild: the catch-up sees the slot posted, so nothing is queued to post again.
    await probe.flushall();
    expect(await watchdog.check()).toBe("rebuilt");
    expect(await harness.jobs.dailyQueue.getJobCounts("waiting", "active", "prioritized")).toEqual({ waiting: 0, active: 0, prioritized: 0 });
    expect(dailyPosts()).toHaveLength(before + 1);

    // The clock is past the round's close now, so its rebuilt timer ran at once; the sweep then finds it closed.
    await harness.waitFor(async () => (await harness.jobs.timerQueue.getJob(timerJobId("round-close", round.id)))?.finishedOn !== undefined);
    expect(await watchdog.check()).toBe("ok");
    expect(roundPosts(harness, round.id)).toHaveLength(1);
    expect(ledger(harness, round.id)).toEqual([expect.objectContaining({ points: 15 })]);
  });

  it("a Redis restarted empty: the reconnect alone (no periodic check due) triggers the rebuild", async () => {
    redis = await startThrowawayRedis();
    const { harness, deps } = await setUp(redis.url);
    const subId = await harness.addSubscription({});
    watchdog = await startRecovery(harness.jobs, deps, { redisUrl: redis.url, prefix: harness.prefix, intervalMs: 3_600_000 });
    await redis.stop();
    await redis.start();
    await harness.waitFor(async () => (await harness.jobs.dailyQueue.getJobScheduler(dailySchedulerId(subId))) !== undefined);
  });

  it("a round whose close job was lost before a restart closes at the next start, with its points, once", async () => {
    const { harness, dispatcher, deps } = await setUp(TEST_REDIS_URL);
    const round = await roundWithAnswers(harness, dispatcher);
    await (await harness.jobs.timerQueue.getJob(timerJobId("round-close", round.id)))!.remove();
    harness.clock.current = new Date(round.closesAt.getTime() + OVERDUE_GRACE_MS);
    watchdog = await startRecovery(harness.jobs, deps, { redisUrl: harness.redisUrl, prefix: harness.prefix, intervalMs: 3_600_000 });
    expect(roundPosts(harness, round.id)).toHaveLength(1);
    expect((await harness.repos.rounds.get("console:s1", round.id))?.closedAt).not.toBeNull();
    expect(ledger(harness, round.id)).toEqual([expect.objectContaining({ points: 15 })]);
    // A second sweep (the next minute) and the rescheduled job both find it closed.
    await watchdog.check();
    expect(roundPosts(harness, round.id)).toHaveLength(1);
    expect(ledger(harness, round.id)).toHaveLength(1);
  });
});
