/**
 * The database is the truth, Redis the clock (DESIGN.md). A round's close, a mock's phase nudges
 * and a pairing timeout are delayed jobs in Redis; a Redis that lost its data (a flush, a
 * failover, a restart without persistence) lost them, and a job that failed for good is gone too.
 * What is pending is in the database, so this sweep reads it from there:
 * - "reschedule" (at start, and when Redis lost its data): every pending timer is scheduled again.
 *   Ids are deterministic, so a job still there stays as it is; one past due runs at once.
 * Scheduled peer mocks (reminder, no-show check, a booking's expiry) are read from their bookings.
 * - "overdue" (at start and every minute): whatever is more than OVERDUE_GRACE_MS past due is run
 *   here, now. The handlers are idempotent (a round closes once and its points are ledger rows
 *   with unique refs; a nudge is claimed in the transcript; the queue row is a ticket's claim), so
 *   a job that fires after all does nothing twice. The grace keeps the sweep off the jobs' path.
 */
import type { Deps } from "../command.js";
import { frameworkOf, mockTimer, mockTimers, phasePlan } from "./mock.js";
import { PAIR_TIMEOUT_MINUTES, pairTimeout, pairTimerKey } from "./pairing.js";
import { roundClose } from "./round.js";
import { pendingScheduled, scheduledMockTimer } from "./scheduled-pairing.js";

export const OVERDUE_GRACE_MS = 60_000;

export interface SweepResult { rescheduled: number; caughtUp: number; failed: number }

interface Pending { kind: "round-close" | "mock-nudge" | "pair-timeout" | "scheduled-mock"; key: string; at: Date; payload: Record<string, string | number>; run(): Promise<void> }

/** Every timer the database says is pending (also what the console's `:advance` steps through). */
export async function pending(deps: Deps): Promise<Pending[]> {
  const out: Pending[] = [];
  for (const r of await deps.rounds.unclosed()) {
    const payload = { roundId: r.id, spaceId: r.spaceId };
    out.push({ kind: "round-close", key: r.id, at: r.closesAt, payload, run: () => roundClose(deps, payload) });
  }
  for (const s of await deps.mocks.running()) {
    if (!s.threadId) continue;
    const timers = mockTimers(s, phasePlan(frameworkOf(deps, s.framework), s.minutes));
    // Past the wrap-up, only the wrap-up is worth posting: "phase over" after "time is up" is noise.
    const isOver = timers.some((t) => t.payload.type === "wrap" && t.at.getTime() <= deps.clock.now().getTime());
    for (const t of timers) {
      if (isOver && t.payload.type !== "wrap") continue;
      out.push({ kind: "mock-nudge", key: t.key, at: t.at, payload: t.payload, run: () => mockTimer(deps, t.payload) });
    }
  }
  for (const t of await deps.pairs.allWaiting()) {
    const payload = { memberId: t.memberId, spaceId: t.spaceId, queuedAt: t.queuedAt.getTime() };
    const at = new Date(t.queuedAt.getTime() + PAIR_TIMEOUT_MINUTES * 60_000);
    out.push({ kind: "pair-timeout", key: pairTimerKey(t), at, payload, run: () => pairTimeout(deps, payload) });
  }
  // Scheduled peer mocks: a reminder before its check, so a sweep that runs both keeps that order.
  for (const t of await pendingScheduled(deps)) {
    out.push({ kind: "scheduled-mock", key: t.key, at: t.at, payload: t.payload, run: () => scheduledMockTimer(deps, t.payload) });
  }
  return out;
}

/** One sweep; a failure on one item is logged and the rest go on (its own job or the next sweep retries). */
export async function sweepTimers(deps: Deps, mode: "reschedule" | "overdue"): Promise<SweepResult> {
  const result: SweepResult = { rescheduled: 0, caughtUp: 0, failed: 0 };
  const now = deps.clock.now().getTime();
  const schedule = deps.scheduler.scheduleTimer?.bind(deps.scheduler);
  for (const p of await pending(deps)) {
    try {
      if (mode === "reschedule" && schedule) {
        await schedule(p.kind, p.key, p.at, p.payload);
        result.rescheduled++;
      } else if (mode === "overdue" && now - p.at.getTime() >= OVERDUE_GRACE_MS) {
        await p.run();
        result.caughtUp++;
      }
    } catch (err) {
      result.failed++;
      deps.logger.error({ err: err instanceof Error ? err.message : String(err), kind: p.kind, key: p.key }, "overdue sweep: item failed");
    }
  }
  return result;
}
