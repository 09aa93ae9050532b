/**
 * The jobs layer: BullMQ queues and workers for everything on a clock. It implements the core's
 * Scheduler port and calls the core to do the work; it holds no logic of its own.
 */
import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from "bullmq";
import { PermanentDeliveryError, RateLimitedError } from "../bot/errors.js";
import { deliverySlotKey, type Logger, type Scheduler, type Subscription, type SubscriptionRepo, type DeliveryRepo, type Clock } from "../bot/ports.js";
import type { DeliveryOutcome } from "../bot/services/daily-delivery.js";
import { needsOwnDigestSchedule } from "../bot/services/digest.js";
import { latestSlot } from "./catch-up.js";
import { connectionFor, type JobsConfig } from "./connection.js";
import { addCatchUps, DAILY_QUEUE, dailySchedulerId, slotOf, syncDailyScheduler, type DailyPostData } from "./daily-post.js";
import { HOUSEKEEPING_SCHEDULER_IDS, upsertHousekeeping } from "./housekeeping.js";
import { asJobError } from "./job-errors.js";
import { failureKind, throttledLog } from "./log-throttle.js";
import { cancelTimer, scheduleTimer, TIMER_QUEUE, type TimerData, type TimerKind, weeklyDigestSchedulerId } from "./timers.js";

export interface JobsDeps {
  subscriptions: SubscriptionRepo;
  deliveries: DeliveryRepo;
  clock: Clock;
  logger: Logger;
  /** The core's delivery for one slot. */
  deliver(subscriptionId: number, slotAt: Date): Promise<DeliveryOutcome>;
  /** Handlers of one-off timers, by kind; later features register theirs. */
  timerHandlers?: Partial<Record<TimerKind, (data: TimerData) => Promise<void>>>;
  maxLatenessMs: number;
  /** Each daily post attempt's result, for metrics. */
  onDelivery?: (result: "sent" | "retried" | "failed" | "duplicate" | "missed" | "skipped") => void;
}

export interface JobsOptions extends JobsConfig {
  concurrency?: number;
  /** A global pace for posts (Discord allows 50 requests/s per bot). */
  limiter?: { max: number; duration: number };
  /** How long a worker's claim on a job lasts; a killed worker's jobs return after it. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** How soon a job that found the day's post claimed by another worker looks again. */
  busyRecheckMs?: number;
}

export interface Jobs {
  /** The core's Scheduler port, timers included. */
  scheduler: Required<Scheduler>;
  dailyQueue: Queue<DailyPostData>;
  timerQueue: Queue<TimerData>;
  /** Starts the workers (a process may run queues without them, e.g. a web-only replica). */
  startWorkers(): void;
  /** Makes Redis match the database, then enqueues missed slots that may still be posted. */
  reconcile(): Promise<{ schedulers: number; removed: number; catchUps: number }>;
  catchUp(subs?: Subscription[]): Promise<number>;
  /** Finishes jobs in flight (or returns them to the queue) and disconnects. */
  close(): Promise<void>;
}

const BUSY_RECHECK_MS = 2_000;

/**
 * Discord allows a bot 50 requests a second. BullMQ's limiter counts fixed windows, so two full
 * windows back to back could burst past 50 in a rolling second; 2 jobs per 42 ms sustains 47/s
 * and never exceeds 50 in any one second (at most 25 windows touch it).
 */
export const DISCORD_LIMITER = { max: 2, duration: 42 } as const;
/**
 * Without a platform pace the workers still need a limiter (BullMQ honours queue.rateLimit(), i.e.
 * a 429's retry-after, only then); this one never binds: 1,000/s did, capping fan-out near 1k jobs/s.
 */
const LOOSE_LIMITER = { max: 100_000, duration: 1_000 } as const;
const IN_FLIGHT = 100;
const SCHEDULER_PAGE = 1_000; // upserts at once at boot: ≈2.3 s per 10k (shared/perf-baselines.md)

export function createJobs(o: JobsOptions, deps: JobsDeps): Jobs {
  const connection = connectionFor(o.redisUrl);
  const dailyQueue = new Queue<DailyPostData>(DAILY_QUEUE, { connection, prefix: o.prefix });
  const timerQueue = new Queue<TimerData>(TIMER_QUEUE, { connection, prefix: o.prefix });
  const workers: Worker[] = [];
  // Without a listener BullMQ prints each connection error raw (console.error), several a second
  // while Redis is down; with one, each kind of failure is one JSON line a minute.
  const logFailure = throttledLog(deps.logger);
  for (const q of [dailyQueue, timerQueue]) {
    q.on("error", (err) => logFailure(failureKind(`queue ${q.name}`, err), { queue: q.name, err: err.message }, "queue error"));
  }

  async function processDaily(job: Job<DailyPostData>, token?: string): Promise<DeliveryOutcome> {
    try {
      const outcome = await deps.deliver(job.data.subscriptionId, slotOf(job));
      if (outcome.kind === "posted" || outcome.kind === "duplicate") {
        // What the core says follows the post (the Monday digest), at once; ids make a repeat one job.
        const now = deps.clock.now();
        for (const f of outcome.followUps) await scheduleTimer(timerQueue, f.kind, f.key, now, f.payload, now);
      }
      if (outcome.kind === "busy") {
        // Another worker is posting this day right now: look again shortly, when it has either
        // finished (→ duplicate) or died and its claim has gone stale (→ take over).
        await job.moveToDelayed(Date.now() + (o.busyRecheckMs ?? BUSY_RECHECK_MS), token);
        throw new DelayedError();
      }
      if (outcome.kind === "failed") {
        deps.onDelivery?.("failed");
        // The core has recorded the failure and paused the subscription: the job is not retried.
        throw await asJobError(new PermanentDeliveryError(outcome.reason), dailyQueue);
      }
      deps.onDelivery?.(outcome.kind === "posted" ? "sent" : outcome.kind);
      return outcome;
    } catch (err) {
      if (err instanceof DelayedError || err instanceof UnrecoverableError) throw err;
      const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      deps.onDelivery?.(err instanceof RateLimitedError || !lastTry ? "retried" : "failed");
      throw await asJobError(err, dailyQueue);
    }
  }

  async function processTimer(job: Job<TimerData>): Promise<void> {
    const handler = deps.timerHandlers?.[job.data.kind];
    if (!handler) {
      deps.logger.warn({ kind: job.data.kind, key: job.data.key }, "timer fired with no handler");
      return;
    }
    try {
      await handler(job.data);
    } catch (err) {
      throw await asJobError(err, timerQueue);
    }
  }

  /** A weekly digest scheduler, for a subscription the core says needs its own (services/digest.ts). */
  async function upsertDigestScheduler(sub: Subscription): Promise<void> {
    const [hh, mm] = sub.time.split(":").map(Number);
    await timerQueue.upsertJobScheduler(weeklyDigestSchedulerId(sub.id), { pattern: `${mm} ${hh} * * 1`, tz: sub.timezone }, {
      name: "weekly-digest",
      data: { kind: "weekly-digest", key: String(sub.id), payload: { subscriptionId: sub.id } },
    });
  }

  async function syncSubscription(sub: Subscription): Promise<void> {
    await syncDailyScheduler(dailyQueue, sub);
    if (needsOwnDigestSchedule(sub)) await upsertDigestScheduler(sub);
    else await timerQueue.removeJobScheduler(weeklyDigestSchedulerId(sub.id));
  }

  async function inBatches<T>(items: readonly T[], fn: (t: T) => Promise<unknown>): Promise<void> {
    for (let i = 0; i < items.length; i += IN_FLIGHT) await Promise.all(items.slice(i, i + IN_FLIGHT).map(fn));
  }

  async function catchUp(subs?: Subscription[]): Promise<number> {
    const now = deps.clock.now();
    const candidates: Array<{ sub: Subscription; localDate: string; at: Date }> = [];
    for (const sub of subs ?? (await deps.subscriptions.all())) {
      if (sub.isPaused) continue;
      const slot = latestSlot(sub, now);
      if (slot && now.getTime() - slot.at.getTime() <= deps.maxLatenessMs) candidates.push({ sub, ...slot });
    }
    if (candidates.length === 0) return 0;
    const slotIn = (c: (typeof candidates)[number]) => ({ subscriptionId: c.sub.id, localDate: c.localDate });
    const recorded = await deps.deliveries.recordedAmong(candidates.map(slotIn));
    const due = candidates.filter((c) => !recorded.has(deliverySlotKey(slotIn(c))));
    // Added in bulk: 10k one-by-one adds cost seconds, one addBulk per 1,000 a fraction of that.
    for (let i = 0; i < due.length; i += 1_000) await addCatchUps(dailyQueue, due.slice(i, i + 1_000));
    return due.length;
  }

  return {
    dailyQueue,
    timerQueue,
    scheduler: {
      isEnabled: true,
      subscriptionChanged: syncSubscription,
      scheduleTimer: (kind, key, runAt, payload) => scheduleTimer(timerQueue, kind, key, runAt, payload, deps.clock.now()),
      cancelTimer: (kind, key) => cancelTimer(timerQueue, kind, key),
    },
    startWorkers() {
      const concurrency = o.concurrency ?? 10;
      const locks = {
        ...(o.lockDurationMs ? { lockDuration: o.lockDurationMs } : {}),
        ...(o.stalledIntervalMs ? { stalledInterval: o.stalledIntervalMs } : {}),
      };
      workers.push(
        new Worker<DailyPostData>(DAILY_QUEUE, processDaily, {
          // BullMQ honours queue.rateLimit() (a platform's 429) only when the worker has a limiter,
          // so there is always one; without a platform pace it is too loose to bind.
          connection, prefix: o.prefix, concurrency, ...locks, limiter: o.limiter ?? LOOSE_LIMITER,
        }),
        new Worker<TimerData>(TIMER_QUEUE, processTimer, {
          connection, prefix: o.prefix, concurrency, ...locks, limiter: o.limiter ?? LOOSE_LIMITER,
        }),
      );
      for (const w of workers) {
        w.on("failed", (job, err) => deps.logger.warn({ queue: w.name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, "job failed"));
        w.on("error", (err) => logFailure(failureKind(`worker ${w.name}`, err), { queue: w.name, err: err.message }, "worker error"));
      }
    },
    async reconcile() {
      const subs = await deps.subscriptions.all();
      await inBatches(subs, (sub) => syncDailyScheduler(dailyQueue, sub));
      await inBatches(subs.filter(needsOwnDigestSchedule), upsertDigestScheduler);
      await upsertHousekeeping(timerQueue);
      // Schedulers with no subscription behind them (deleted while we were down, or a digest no
      // longer needed) are removed; listing them all is fine at boot, never on a request path.
      const known = new Set(subs.flatMap((s) => [dailySchedulerId(s.id), ...(needsOwnDigestSchedule(s) ? [weeklyDigestSchedulerId(s.id)] : [])]));
      for (const id of HOUSEKEEPING_SCHEDULER_IDS) known.add(id);
      // Read a page at a time: 10k scheduler objects at once cost tens of MB of peak memory.
      const staleIn = async (queue: Queue) => {
        const stale: Array<{ queue: Queue; key: string }> = [];
        for (let start = 0; ; start += SCHEDULER_PAGE) {
          const page = await queue.getJobSchedulers(start, start + SCHEDULER_PAGE - 1, true);
          for (const s of page) if (!known.has(s.key)) stale.push({ queue, key: s.key });
          if (page.length < SCHEDULER_PAGE) return stale;
        }
      };
      const stale = [...(await staleIn(dailyQueue)), ...(await staleIn(timerQueue))];
      await inBatches(stale, (s) => s.queue.removeJobScheduler(s.key));
      const catchUps = await catchUp(subs);
      return { schedulers: subs.filter((s) => !s.isPaused).length, removed: stale.length, catchUps };
    },
    catchUp,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([dailyQueue.close(), timerQueue.close()]);
    },
  };
}
