import { afterEach, describe, expect, it } from "vitest";
import { PermanentDeliveryError } from "../../src/bot/errors.js";
import type { JobsDeps } from "../../src/jobs/index.js";
import { timerJobId, type TimerData } from "../../src/jobs/timers.js";
import { createHarness, type Harness } from "./helpers/jobs-harness.js";

let h: Harness | undefined;
afterEach(async () => { await h?.close(); h = undefined; });

/** A harness whose jobs run only these timer handlers (the daily path skips), workers started. */
async function harnessWithTimers(timerHandlers: NonNullable<JobsDeps["timerHandlers"]>): Promise<Harness> {
  const harness = await createHarness();
  const { createJobs } = await import("../../src/jobs/index.js");
  await harness.jobs.close();
  harness.jobs = createJobs({ redisUrl: harness.redisUrl, prefix: harness.prefix }, {
    subscriptions: harness.repos.subscriptions, deliveries: harness.repos.deliveries, clock: { now: () => new Date() },
    logger: { info() {}, warn() {}, error() {} }, maxLatenessMs: 1, deliver: async () => ({ kind: "skipped" }),
    timerHandlers,
  });
  harness.jobs.startWorkers();
  return harness;
}

describe("delayed jobs for later features", () => {
  it("scheduling the same timer twice keeps one job; it fires once, after its delay", async () => {
    const fired: Array<{ data: TimerData; at: number }> = [];
    h = await harnessWithTimers({ "round-close": async (data) => { fired.push({ data, at: Date.now() }); } });
    const start = Date.now();
    const runAt = new Date(start + 800);
    const id1 = await h.jobs.scheduler.scheduleTimer("round-close", "discord:g1:r42", runAt, { roundId: "r42" });
    const id2 = await h.jobs.scheduler.scheduleTimer("round-close", "discord:g1:r42", runAt, { roundId: "r42" });
    expect(id1).toBe(id2);
    expect(id1).toBe(timerJobId("round-close", "discord:g1:r42"));
    expect(id1).not.toContain(":");
    await h.waitFor(() => fired.length === 1);
    // Nothing is left that could fire again: the one job finished and the queue holds no other.
    await h.waitFor(async () => (await h!.jobs.timerQueue.getJob(id1))?.finishedOn !== undefined);
    expect(await h.jobs.timerQueue.getJobCounts("waiting", "active", "delayed", "prioritized")).toEqual({ waiting: 0, active: 0, delayed: 0, prioritized: 0 });
    expect(fired).toHaveLength(1);
    expect(fired[0]!.data).toEqual({ kind: "round-close", key: "discord:g1:r42", payload: { roundId: "r42" } });
    expect(fired[0]!.at - start).toBeGreaterThanOrEqual(750);
  });

  it("a timer whose post fails for good (a deleted thread) is not retried", async () => {
    let calls = 0;
    h = await harnessWithTimers({ "mock-nudge": async () => { calls++; throw new PermanentDeliveryError("thread not found (Discord 10003)"); } });
    // Timers get 5 attempts with backoff: a failure that retrying cannot help must use one.
    const id = await h.jobs.scheduler.scheduleTimer("mock-nudge", "m7-phase2", new Date(), { phase: 2 });
    await h.waitFor(async () => (await h!.jobs.timerQueue.getJobCounts("failed")).failed === 1);
    const job = await h.jobs.timerQueue.getJob(id);
    expect(job).toMatchObject({ attemptsMade: 1, failedReason: "thread not found (Discord 10003)" });
    expect(await h.jobs.timerQueue.getJobCounts("waiting", "delayed")).toEqual({ waiting: 0, delayed: 0 });
    expect(calls).toBe(1);
  });

  it("a cancelled timer never fires", async () => {
    h = await createHarness();
    const id = await h.jobs.scheduler.scheduleTimer("mock-nudge", "m1-phase2", new Date(Date.now() + 60_000), { phase: 2 });
    expect(await h.jobs.timerQueue.getJob(id)).toBeDefined();
    expect(await h.jobs.scheduler.cancelTimer("mock-nudge", "m1-phase2")).toBe(true);
    expect(await h.jobs.timerQueue.getJob(id)).toBeUndefined();
    expect(await h.jobs.scheduler.cancelTimer("mock-nudge", "m1-phase2")).toBe(false);
  });

  it("the weekly digest: from the Monday daily post, or a scheduler of its own when a schedule skips Mondays", async () => {
    h = await createHarness();
    h.clock.current = new Date("2026-11-23T09:01:00Z"); // a Monday
    const monday = await h.addSubscription({});
    const weekend = await h.addSubscription({ days: ["sat", "sun"], time: "10:30", timezone: "Asia/Kolkata" });
    h.jobs.startWorkers();
    expect((await h.jobs.reconcile()).catchUps).toBe(1);
    await h.waitFor(async () => (await h!.jobs.timerQueue.getJob(`weekly-digest-${monday}-2026-11-23`)) !== undefined);
    expect(await h.jobs.timerQueue.getJobScheduler(`weekly-digest-${weekend}`)).toMatchObject({ pattern: "30 10 * * 1", tz: "Asia/Kolkata" });
    expect(await h.jobs.timerQueue.getJobScheduler(`weekly-digest-${monday}`)).toBeUndefined();
    // Changing the weekend schedule to weekdays drops its own digest scheduler.
    const sub = await h.repos.subscriptions.upsert({ ...(await h.repos.subscriptions.byId(weekend))!, days: ["mon", "tue"] });
    await h.jobs.scheduler.subscriptionChanged(sub);
    expect(await h.jobs.timerQueue.getJobScheduler(`weekly-digest-${weekend}`)).toBeUndefined();
  });

  it("close() lets a post in flight finish before it returns (graceful shutdown)", async () => {
    h = await createHarness();
    h.clock.current = new Date("2026-11-23T09:01:00Z");
    await h.addSubscription({});
    const slow = h.outbox.post.bind(h.outbox);
    h.outbox.post = async (...args) => { await new Promise((r) => setTimeout(r, 500)); return slow(...args); };
    h.jobs.startWorkers();
    await h.jobs.catchUp();
    await h.waitFor(async () => (await h!.jobs.dailyQueue.getJobCounts("active")).active === 1);
    await h.jobs.close();
    expect(h.outbox.posts).toHaveLength(1);
    expect(h.db.$client.prepare("select status from deliveries").get()).toEqual({ status: "posted" });
  });
});
