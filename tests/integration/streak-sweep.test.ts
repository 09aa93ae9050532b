/**
 * The hourly streak sweep on real Redis and a real SQLite file: reconcile creates its job
 * scheduler, a second reconcile keeps it (not stale), and its job runs the core's sweep.
 */
import { afterEach, describe, expect, it } from "vitest";
import { streakReminderSweep } from "../../src/bot/services/streaks.js";
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
    await h.jobs.close();
    const deps = { streaks: repos.streaks, outbox, logger: { info() {}, warn() {}, error() {} } };
    h.jobs = createJobs({ redisUrl: h.redisUrl, prefix: h.prefix }, {
      subscriptions: repos.subscriptions, deliveries: repos.deliveries, clock, logger: deps.logger, maxLatenessMs: 1,
      deliver: async () => ({ kind: "skipped" }),
      timerHandlers: { "streak-reminders": async () => { await streakReminderSweep(deps, clock.now()); } },
    });
    await h.jobs.reconcile();
    // The scheduler's next run is at the top of the hour; promote it instead of waiting.
    const [next] = await h.jobs.timerQueue.getDelayed();
    expect(next?.name).toBe("streak-reminders");
    await next!.promote();
    h.jobs.startWorkers();
    await h.waitFor(() => outbox.posts.length === 1);
    expect(outbox.posts[0]).toMatchObject({ target: { spaceId: "discord:g1", channelId: "", userId: "asha" }, key: `streak-remind-${m.id}-2026-11-24` });
    await h.waitFor(async () => (await repos.streaks.get(m.id))?.remindedOn === "2026-11-24");
    // A second run in the same hour (a duplicate or a retry) sends nothing more.
    await streakReminderSweep(deps, clock.now());
    expect(outbox.posts).toHaveLength(1);
  });
});
