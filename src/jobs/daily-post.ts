/**
 * The daily post: one BullMQ job scheduler per subscription (cron + IANA zone), and one-off
 * catch-up jobs with ids from the business key. The processor only calls the core.
 */
import type { Job, Queue } from "bullmq";
import type { Subscription, Weekday } from "../bot/ports.js";
import { WEEKDAYS } from "../bot/ports.js";

export const DAILY_QUEUE = "daily";
export const DAILY_POST = "daily-post";

export interface DailyPostData {
  subscriptionId: number;
  /** Set on catch-up jobs; scheduler jobs carry their slot in `opts.prevMillis`. */
  slotAt?: number;
}

// No ":" in ids: BullMQ uses it as its key separator.
export const dailySchedulerId = (subscriptionId: number) => `daily-${subscriptionId}`;
export const catchUpJobId = (subscriptionId: number, localDate: string) => `daily-${subscriptionId}-${localDate}`;

const CRON_DAY: Record<Weekday, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** "09:30" on mon-fri → "30 9 * * 1,2,3,4,5" (minute hour dom month dow). */
export function cronFor(time: string, days: readonly Weekday[]): string {
  const [hh, mm] = time.split(":").map(Number);
  const dow = WEEKDAYS.filter((d) => days.includes(d)).map((d) => CRON_DAY[d]).join(",");
  return `${mm} ${hh} * * ${dow}`;
}

/** Creates, changes or removes the subscription's scheduler to match the database. */
export async function syncDailyScheduler(queue: Queue, sub: Subscription): Promise<void> {
  const id = dailySchedulerId(sub.id);
  if (sub.isPaused || sub.days.length === 0) {
    await queue.removeJobScheduler(id);
    return;
  }
  await queue.upsertJobScheduler(id, { pattern: cronFor(sub.time, sub.days), tz: sub.timezone }, {
    name: DAILY_POST,
    data: { subscriptionId: sub.id } satisfies DailyPostData,
    opts: JOB_OPTS,
  });
}

const JOB_OPTS = { attempts: 10, backoff: { type: "exponential", delay: 2_000 }, removeOnComplete: 1_000, removeOnFail: 5_000 } as const;

/** One-off jobs for missed slots; the id from (subscription, local date) makes a repeat a no-op. */
export async function addCatchUps(queue: Queue, slots: ReadonlyArray<{ sub: Subscription; localDate: string; at: Date }>): Promise<void> {
  await queue.addBulk(slots.map(({ sub, localDate, at }) => ({
    name: DAILY_POST,
    data: { subscriptionId: sub.id, slotAt: at.getTime() } satisfies DailyPostData,
    opts: { ...JOB_OPTS, jobId: catchUpJobId(sub.id, localDate) },
  })));
}

/** The instant the job was scheduled for (not when it happens to run). */
export function slotOf(job: Job<DailyPostData>): Date {
  return new Date(job.data.slotAt ?? job.opts.prevMillis ?? job.timestamp);
}
