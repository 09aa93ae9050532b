/**
 * The weekly digest a channel gets on Monday: the week just ended, in the space's zone (the zone
 * points are filed in). Top members, longest streaks, most improved, and each group's top 3.
 */
import type { Deps } from "../command.js";
import type { FollowUp, Subscription } from "../ports.js";
import { addDays, weekdayOf } from "../time.js";
import { digestReply, emptyDigestReply, type DigestData, type DigestWeek, type Improvement } from "../views/digest.js";
import { periodsOf } from "./points.js";

export type DigestDeps = Pick<Deps, "subscriptions" | "spaces" | "points" | "streaks" | "groups" | "logger" | "outbox">;

export type { DigestData, DigestWeek, Improvement } from "../views/digest.js";

/**
 * When the digest goes out, Monday at the subscription's time. A channel that posts on Mondays gets
 * it as a follow-up of that day's post (one scheduler per subscription keeps boot cheap); the key
 * is the post's local date, so a retried or duplicate Monday post asks for the same digest.
 */
export function digestFollowUps(subscriptionId: number, postDate: string): FollowUp[] {
  if (weekdayOf(postDate) !== "mon") return [];
  return [{ kind: "weekly-digest", key: `${subscriptionId}-${postDate}`, payload: { subscriptionId } }];
}

/** A channel that posts no Monday gets the digest on a weekly schedule of its own (the jobs layer keeps it). */
export const needsOwnDigestSchedule = (sub: Subscription) => !sub.isPaused && !sub.days.includes("mon");

/** How many of the week's earners are compared with the week before (one lookup each, weekly). */
const IMPROVED_CANDIDATES = 1_000;

/**
 * The last complete week: the one before the week `now` falls in. Counting back from this week's
 * Monday, rather than from now − 1 day, keeps a digest that runs late (a retry on Tuesday, a
 * catch-up after downtime) on the same week, so its idempotency key stays the same too.
 */
export function digestWeek(now: Date, tz: string): DigestWeek {
  const start = addDays(periodsOf(now, tz).week.slice(1), -7);
  return { start, end: addDays(start, 6), period: `w${start}`, before: `w${addDays(start, -7)}` };
}

/**
 * Most improved: members who earned points in both the week and the week before, ranked by the
 * gain (this week − the week before), gains above zero only. A newcomer's first week is not an
 * "improvement" (they show in the top list instead), and a quieter week never ranks.
 */
async function mostImproved(deps: DigestDeps, spaceId: string, week: DigestWeek, limit: number): Promise<Improvement[]> {
  const earners = await deps.points.top(spaceId, week.period, IMPROVED_CANDIDATES);
  const rows: Improvement[] = [];
  for (const r of earners) {
    const before = await deps.points.earned(spaceId, r.memberId, week.before);
    if (before > 0 && r.points > before) rows.push({ memberId: r.memberId, name: r.name, before, after: r.points, gain: r.points - before });
  }
  return rows.sort((a, b) => b.gain - a.gain || a.name.localeCompare(b.name)).slice(0, limit);
}

export async function digestData(deps: DigestDeps, spaceId: string, week: DigestWeek): Promise<DigestData> {
  const groups = [];
  for (const g of await deps.groups.list(spaceId)) groups.push({ name: g.name, top: await deps.points.top(spaceId, week.period, 3, g.id) });
  return {
    week,
    top: await deps.points.top(spaceId, week.period, 5),
    streaks: await deps.streaks.longest(spaceId, 5),
    improved: await mostImproved(deps, spaceId, week, 3),
    groups,
  };
}

/** Posts the digest for a subscription's channel; "skipped" when the subscription is gone or paused. */
export async function weeklyDigest(deps: DigestDeps, subscriptionId: number, now: Date): Promise<"posted" | "skipped"> {
  const sub = await deps.subscriptions.byId(subscriptionId);
  if (!sub || sub.isPaused || !deps.outbox) {
    deps.logger.info({ subscriptionId, reason: !sub ? "gone" : sub.isPaused ? "paused" : "no outbox" }, "weekly digest skipped");
    return "skipped";
  }
  const tz = (await deps.spaces.get(sub.spaceId))?.timezone ?? sub.timezone;
  const week = digestWeek(now, tz);
  const data = await digestData(deps, sub.spaceId, week);
  const reply = data.top.length === 0 ? emptyDigestReply(week) : digestReply(data);
  await deps.outbox.post({ spaceId: sub.spaceId, channelId: sub.channelId }, reply, { idempotencyKey: `digest-${sub.id}-${week.start}` });
  return "posted";
}
