/**
 * Jobs on a fixed clock that belong to no subscription, one job scheduler each on the timer queue,
 * upserted at boot:
 * - the hourly streak sweep, at minute 0 of every hour (UTC). Each member's evening hour is a
 *   whole local hour, and zones at :30/:45 offsets still have exactly one sweep inside it. The
 *   handler (core: streakReminderSweep) is idempotent per member and local date, so a repeated
 *   or retried run sends nothing twice;
 * - the daily removal of event records past their use (storage: EventLog.pruneBefore), at 03:17
 *   UTC, away from the top of the hour.
 */
import type { Queue } from "bullmq";
import type { TimerData, TimerKind } from "./timers.js";

export const STREAK_SWEEP_SCHEDULER_ID = "streak-reminders";
export const EVENT_RETENTION_SCHEDULER_ID = "event-retention";

const HOUSEKEEPING: ReadonlyArray<{ id: string; pattern: string; kind: TimerKind; key: string }> = [
  { id: STREAK_SWEEP_SCHEDULER_ID, pattern: "0 * * * *", kind: "streak-reminders", key: "sweep" },
  { id: EVENT_RETENTION_SCHEDULER_ID, pattern: "17 3 * * *", kind: "event-retention", key: "daily" },
];

export const HOUSEKEEPING_SCHEDULER_IDS = HOUSEKEEPING.map((h) => h.id);

export const upsertHousekeeping = (queue: Queue<TimerData>) => Promise.all(HOUSEKEEPING.map((h) =>
  queue.upsertJobScheduler(h.id, { pattern: h.pattern }, {
    name: h.kind,
    data: { kind: h.kind, key: h.key, payload: {} },
    // A run that failed part-way (a rate limit, a platform outage) is retried; each handler skips
    // what an earlier run did.
    opts: { attempts: 5, backoff: { type: "exponential", delay: 5_000 }, removeOnComplete: 100, removeOnFail: 500 },
  })));
