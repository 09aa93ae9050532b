/**
 * Redis is only the queue: when it restarts empty, the next start rebuilds every schedule from
 * the database and posts nothing that was already delivered. Uses a throwaway redis-server.
 */
import { afterAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { startThrowawayRedis, type ThrowawayRedis } from "../throwaway-redis.js";
import { createHarness, type Harness } from "./helpers/jobs-harness.js";

let redis: ThrowawayRedis | undefined;
const harnesses: Harness[] = [];

afterAll(async () => {
  for (const h of harnesses) await h.close().catch(() => undefined);
  await redis?.stop();
});

describe("Redis emptied or restarted", () => {
  it("rebuilds schedulers from the database and does not post a delivered day again", async () => {
    redis = await startThrowawayRedis();
    const URL = redis.url;
    const h = await createHarness({ redisUrl: URL });
    harnesses.push(h);
    h.clock.current = new Date("2026-11-23T09:01:00Z");
    const posted = await h.addSubscription({});
    const other = await h.addSubscription({ time: "18:00", timezone: "Asia/Kolkata" });
    await h.addSubscription({ time: "07:00" }).then((id) => h.repos.subscriptions.setPaused(id, true, "paused by an admin", h.clock.now()));
    h.jobs.startWorkers();
    expect(await h.jobs.reconcile()).toEqual({ schedulers: 2, removed: 0, catchUps: 1 });
    await h.waitFor(() => h.outbox.posts.length === 1);
    await h.jobs.close();

    // Redis dies and comes back empty.
    await redis.stop();
    await redis.start();
    const probe = new Redis(URL);
    expect(await probe.dbsize()).toBe(0);

    // A new process (same database) starts: schedules are back, the posted day is not re-posted.
    const { createJobs } = await import("../../src/jobs/index.js");
    const jobs = createJobs({ redisUrl: URL, prefix: h.prefix, busyRecheckMs: 100 }, {
      subscriptions: h.repos.subscriptions, deliveries: h.repos.deliveries, clock: h.clock,
      logger: { info() {}, warn() {}, error() {} }, maxLatenessMs: 6 * 3_600_000,
      deliver: async () => { throw new Error("nothing should be delivered"); },
    });
    h.jobs = jobs;
    expect(await jobs.reconcile()).toEqual({ schedulers: 2, removed: 0, catchUps: 0 });
    const schedulers = (await jobs.dailyQueue.getJobSchedulers(0, -1)).map((s) => [s.key, s.pattern, s.tz]).sort();
    expect(schedulers).toEqual([[`daily-${posted}`, "0 9 * * 1,2,3,4,5", "UTC"], [`daily-${other}`, "0 18 * * 1,2,3,4,5", "Asia/Kolkata"]]);
    // A Monday-posting subscription gets its digest from the Monday daily job, so no scheduler of its own.
    expect(await jobs.timerQueue.getJobScheduler(`weekly-digest-${posted}`)).toBeUndefined();
    // Reconciling again changes nothing (idempotent), and stale schedulers are removed.
    await jobs.dailyQueue.upsertJobScheduler("daily-999", { pattern: "0 9 * * *" }, { name: "daily-post", data: { subscriptionId: 999 } });
    expect(await jobs.reconcile()).toEqual({ schedulers: 2, removed: 1, catchUps: 0 });
    expect(await jobs.dailyQueue.getJobSchedulersCount()).toBe(2);
    probe.disconnect();
  });
});
