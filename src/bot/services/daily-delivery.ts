/**
 * Posting a channel's daily task for one scheduled slot, exactly once: the (subscription, local
 * date) row is claimed before posting and marked after, so a retried job, a duplicate job or a
 * second process posts nothing twice. Platform-neutral: the jobs layer calls it.
 */
import type { Curriculum } from "../../curriculum/loader.js";
import { PermanentDeliveryError } from "../errors.js";
import type { Clock, DeliveryRepo, FollowUp, Logger, Outbox, RoleRepo, Subscription, SubscriptionRepo } from "../ports.js";
import { localDate } from "../time.js";
import { channelPlanDay, dailyTaskReply, defaultPlan, planFinishedReply } from "../views/daily.js";
import { digestFollowUps } from "./digest.js";

export interface DeliveryDeps {
  curriculum: Curriculum;
  /** The space's curriculum (its bank, its topics switched off); absent, `curriculum` for every space. */
  curriculumFor?: (spaceId: string) => Promise<Curriculum>;
  subscriptions: SubscriptionRepo;
  deliveries: DeliveryRepo;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
  /** How late a missed slot may still be posted (it must also be the same local day). */
  maxLatenessMs: number;
  /** A claim older than this belongs to a worker that died; it may be taken over. */
  leaseMs: number;
  /** The role each space's daily posts mention (issue 22); absent, posts mention nobody. */
  roles?: Pick<RoleRepo, "ping">;
}

/**
 * A post (or one already made: the job ran again) returns what follows it, for the jobs layer to
 * enqueue: the weekly digest on a Monday.
 */
export type DeliveryOutcome =
  | { kind: "posted"; localDate: string; messageRef: string; followUps: FollowUp[] }
  | { kind: "duplicate"; localDate: string; followUps: FollowUp[] }
  | { kind: "missed" | "skipped"; localDate?: string; reason?: string }
  | { kind: "busy"; localDate: string }
  | { kind: "failed"; localDate: string; reason: string };

export const DEFAULT_MAX_LATENESS_MS = 6 * 3_600_000;
export const DEFAULT_LEASE_MS = 60_000;

/** The post's own idempotency key: the same day's post of a subscription is one message. */
export const dailyPostKey = (subscriptionId: number, date: string) => `daily-${subscriptionId}-${date}`;

export async function deliverDaily(deps: DeliveryDeps, subscriptionId: number, slotAt: Date): Promise<DeliveryOutcome> {
  const sub = await deps.subscriptions.byId(subscriptionId);
  if (!sub) return { kind: "skipped", reason: "subscription removed" };
  if (sub.isPaused) return { kind: "skipped", reason: sub.pausedReason ?? "paused" };
  const date = localDate(slotAt, sub.timezone);
  const now = deps.clock.now();
  const late = now.getTime() - slotAt.getTime();
  if (late > deps.maxLatenessMs || localDate(now, sub.timezone) !== date) {
    await deps.deliveries.recordMissed({ spaceId: sub.spaceId, subscriptionId, localDate: date, slotAt, at: now });
    deps.logger.warn({ subscriptionId, localDate: date, lateMs: late }, "daily post missed: too late to catch up");
    return { kind: "missed", localDate: date };
  }
  const reply = renderDaily(deps.curriculumFor ? await deps.curriculumFor(sub.spaceId) : deps.curriculum, sub, date);
  const slot = { subscriptionId, localDate: date };
  const claim = await deps.deliveries.claim({ spaceId: sub.spaceId, ...slot, slotAt, at: now, leaseMs: deps.leaseMs });
  // A job that posted and died before enqueuing the follow-ups gets them on its retry.
  if (claim.status === "done") return { kind: "duplicate", localDate: date, followUps: digestFollowUps(subscriptionId, date) };
  if (claim.status === "busy") return { kind: "busy", localDate: date };
  try {
    const ping = await deps.roles?.ping(sub.spaceId);
    const ref = await deps.outbox.post(
      { spaceId: sub.spaceId, channelId: sub.channelId }, reply, { idempotencyKey: dailyPostKey(subscriptionId, date), ...(ping ? { mention: { roleId: ping } } : {}) },
    );
    const messageRef = JSON.stringify(ref);
    await deps.deliveries.markPosted(slot, messageRef);
    return { kind: "posted", localDate: date, messageRef, followUps: digestFollowUps(subscriptionId, date) };
  } catch (err) {
    if (err instanceof PermanentDeliveryError) {
      await deps.deliveries.markFailed(slot, err.reason);
      await deps.subscriptions.setPaused(sub.id, true, err.reason, now);
      deps.logger.warn({ subscriptionId, reason: err.reason }, "daily post failed for good; subscription paused");
      return { kind: "failed", localDate: date, reason: err.reason };
    }
    await deps.deliveries.release(slot);
    throw err;
  }
}

/**
 * The day's task, and on the posting day after the last one the end-of-plan notice (with the
 * plans to choose next). A channel whose admin picks none goes round again from day 1, as the
 * notice says.
 */
function renderDaily(c: Curriculum, sub: Subscription, date: string) {
  const plan = (sub.planId && c.plans.find((p) => p.id === sub.planId)) || defaultPlan(c);
  if (!plan) throw new PermanentDeliveryError("no study plan is installed");
  const day = ((channelPlanDay(sub.startDate, date, sub.days) - 1) % (plan.days.length + 1)) + 1;
  return day <= plan.days.length ? dailyTaskReply(c, plan, day, "channel") : planFinishedReply(c, plan);
}
