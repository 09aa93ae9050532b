/**
 * The hourly streak sweep: one job scheduler on the timer queue, at minute 0 of every hour (UTC).
 * Each member's evening hour is a whole local hour, and zones at :30/:45 offsets still have
 * exactly one sweep inside it. The handler (core: streakReminderSweep) is idempotent per member
 * and local date, so a repeated or retried run sends nothing twice.
 */
import type { Queue } from "bullmq";
import type { TimerData } from "./timers.js";

export const STREAK_SWEEP_SCHEDULER_ID = "streak-reminders";

export const upsertStreakSweep = (queue: Queue<TimerData>) =>
  queue.upsertJobScheduler(STREAK_SWEEP_SCHEDULER_ID, { pattern: "0 * * * *" }, {
    name: "streak-reminders",
    data: { kind: "streak-reminders", key: "sweep", payload: {} },
    // A run that failed part-way (a rate limit, a platform outage) is retried; members already
    // reminded today are skipped.
    opts: { attempts: 5, backoff: { type: "exponential", delay: 5_000 }, removeOnComplete: 100, removeOnFail: 500 },
  });
