/**
 * The hourly streak sweep on real Redis and a real SQLite file: reconcile creates its job
 * scheduler, a second reconcile keeps it (not stale), its job runs the core's sweep, and the sweep
 * queues each reminder as a job of its own (one per member and local day).
 */
import { afterEach, describe, expect, it } from "vitest";
import { sendStreakReminder, streakReminderSweep, type StreakReminderPayload } from "../../src/bot/services/streaks.js";
import { createJobs } from "../../src/jobs/index.js";
import { EVENT_RETENTION_SCHEDULER_ID, STREAK_SWEEP_SCHEDULER_ID } from "../../src/jobs/housekeeping.js";
import { createHarness, type Harness } from "./helpers/jobs-harness.js";

let h: Harness | undefined;
afterEach(async () => { await h?.close(); h = undefined; });

describe("the hourly streak-reminder scheduler", () => {
  it("exists after reconcile, survives a second reconcile, and removes only stale schedulers", async () => {
    h = await createHarness();
    await h.jobs.reconcile();
    const expected = { key: STREAK_SWEEP_SCHEDULER_ID, pattern: "0 * * * *", template: { data: { kind: "streak-reminders", key: "sweep", payload: {} } } };
    expect(await h.jobs.timerQueue.getJobScheduler(STREAK_SWEEP_SCHEDULER_ID)).toMatchObject(expected);
    // A leftover digest scheduler with no subscription behind it is stale; the sweep is not.
    await h.jobs.timerQueue.upsertJobScheduler("weekly-digest-999", { pattern: "0 9 * * 1" }, { name: "weekly-digest" });
    const second = await h.jobs.reconcile();
    expect(second.removed).toBe(1);
    expect(await h.jobs.timerQueue.getJobScheduler("weekly-digest-999")).toBeUndefined();
    expect(await h.jobs.timerQueue.getJobScheduler(STREAK_SWEEP_SCHEDULER_ID)).toMatchObject(expected);
    // The sweep and the daily event clean-up: the two housekeeping schedulers, nothing else.
    expect(await h.jobs.timerQueue.getJobScheduler(EVENT_RETENTION_SCHEDULER_ID)).toMatchObject({ pattern: "17 3 * * *", template: { data: { kind: "event-retention" } } });
    expect(await h.jobs.timerQueue.getJobSchedulersCount()).toBe(2);
  });

  it("its job runs the sweep: one DM to a member at risk at 20:00 local, stored in SQLite", async () => {
    h = await createHarness();
    const { repos, clock, outbox } = h;
    const m = await repos.members.ensure("discord:g1", { id: "asha", name: "Asha" });
    await repos.members.setTimezone(m.id, "Asia/Kolkata");
    await repos.streaks.save({ memberId: m.id, spaceId: "discord:g1", current: 4, best: 4, freezes: 0, lastDate: "2026-11-23", remindersOn: true, remindedOn: null });
    clock.current = new Date("2026-11-24T15:00:00Z"); // 20:30 in Kolkata
    const deps = await withSweepJobs(h);
    await h.jobs.reconcile();
    // The scheduler's next run is at the top of the hour; promote it instead of waiting.
    const [next] = await h.jobs.timerQueue.getDelayed();
    expect(next?.name).toBe("streak-reminders");
    await next!.promote();
    h.jobs.startWorkers();
    await h.waitFor(() => outbox.posts.length === 1);
    expect(outbox.posts[0]).toMatchObject({ target: { spaceId: "discord:g1", channelId: "", userId: "asha" }, key: `streak-remind-${m.id}-2026-11-24` });
    await h.waitFor(async () => (await repos.streaks.get(m.id))?.remindedOn === "2026-11-24");
    // A second run in the same hour (a duplicate or a retry) queues and sends nothing more.
    expect(await streakReminderSweep(deps, clock.now())).toEqual({ queued: 0, ended: 0 });
    expect(outbox.posts).toHaveLength(1);
  });

  it("2,500 members at risk: the sweep only queues, two sweeps remind each once, and a failing DM retries alone", async () => {
    h = await createHarness();
    const { repos, clock, outbox } = h;
    const ids: number[] = [];
    for (let i = 0; i < 2_500; i++) {
      const m = await repos.members.ensure("discord:g1", { id: `u${i}`, name: `member ${i}` });
      await repos.streaks.save({ memberId: m.id, spaceId: "discord:g1", current: 3, best: 3, freezes: 0, lastDate: "2026-11-23", remindersOn: true, remindedOn: null });
      ids.push(m.id);
    }
    clock.current = new Date("2026-11-24T20:05:00Z"); // 20:05 in the space's zone (UTC)
    const deps = await withSweepJobs(h);
    const failing = `streak-remind-${ids[7]}-2026-11-24`;
    outbox.failWith = (attempt, key) => (key === failing && attempt === 1 ? new Error("gateway timeout") : undefined);

    // The sweep sends nothing itself (no worker runs yet): it pages through and queues one job per member.
    expect(await streakReminderSweep(deps, clock.now())).toEqual({ queued: 2_500, ended: 0 });
    // Run again before any reminder went out, it finds the same members; their job ids are taken.
    expect(await streakReminderSweep(deps, clock.now())).toEqual({ queued: 2_500, ended: 0 });
    expect(outbox.attempts).toHaveLength(0);
    expect(await h.jobs.timerQueue.count()).toBe(2_500);

    h.jobs.startWorkers();
    await h.waitFor(() => outbox.posts.length === 2_500, 60_000);
    expect(new Set(outbox.posts.map((p) => p.target.userId)).size).toBe(2_500);
    // The failing DM was tried twice (once failed, once retried after its back-off); every other once.
    expect(outbox.attempts.filter((a) => a.key === failing)).toHaveLength(2);
    expect(outbox.attempts).toHaveLength(2_501);
    const reminded = () => h!.db.$client.prepare("select count(*) as n from streaks where reminded_on = '2026-11-24'").get() as { n: number };
    await h.waitFor(() => reminded().n === 2_500);

    // A third sweep in the hour finds everyone reminded.
    expect(await streakReminderSweep(deps, clock.now())).toEqual({ queued: 0, ended: 0 });
    expect(outbox.posts).toHaveLength(2_500);
  });
});

/** Replaces the harness's jobs with ones that run the sweep and its reminder jobs; returns the sweep's deps. */
async function withSweepJobs(h: Harness) {
  const { repos, clock, outbox } = h;
  await h.jobs.close();
  const logger = { info() {}, warn() {}, error() {} };
  let deps: Parameters<typeof streakReminderSweep>[0] | undefined;
  h.jobs = createJobs({ redisUrl: h.redisUrl, prefix: h.prefix }, {
    subscriptions: repos.subscriptions, deliveries: repos.deliveries, clock, logger, maxLatenessMs: 1,
    deliver: async () => ({ kind: "skipped" }),
    timerHandlers: {
      "streak-reminders": async () => { await streakReminderSweep(deps!, clock.now()); },
      "streak-reminder": async (data) => { await sendStreakReminder(deps!, data.payload as StreakReminderPayload, clock.now()); },
    },
  });
  deps = { streaks: repos.streaks, outbox, logger, scheduler: h.jobs.scheduler };
  return deps;
}
