/**
 * One-off delayed jobs with deterministic ids, for what happens later: closing a timed round,
 * nudging a mock-interview phase, a streak-at-risk reminder. Scheduling the same timer twice
 * keeps one job; cancelling removes it.
 */
import type { Queue } from "bullmq";

export const TIMER_QUEUE = "timers";
import type { TimerKind } from "../bot/ports.js";

export type { TimerKind };

export interface TimerData { kind: TimerKind; key: string; payload: Record<string, string | number> }

export const timerJobId = (kind: TimerKind, key: string) => `${kind}-${key}`.replace(/:/g, "_");

export async function scheduleTimer(
  queue: Queue, kind: TimerKind, key: string, runAt: Date, payload: TimerData["payload"], now: Date,
): Promise<string> {
  const jobId = timerJobId(kind, key);
  await queue.add(kind, { kind, key, payload } satisfies TimerData, {
    jobId, delay: Math.max(0, runAt.getTime() - now.getTime()),
    attempts: 5, backoff: { type: "exponential", delay: 2_000 }, removeOnComplete: 1_000, removeOnFail: 5_000,
  });
  return jobId;
}

export async function cancelTimer(queue: Queue, kind: TimerKind, key: string): Promise<boolean> {
  const job = await queue.getJob(timerJobId(kind, key));
  if (!job) return false;
  await job.remove();
  return true;
}

export const weeklyDigestSchedulerId = (subscriptionId: number) => `weekly-digest-${subscriptionId}`;
