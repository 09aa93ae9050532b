/**
 * Streaks (issue 9): days in a row with practice, freezes, and the evening reminder.
 *
 * Rules:
 * - A day is a calendar day in the member's zone (`member.timezone`), else the space's. The first
 *   qualifying activity of a day counts it: a quiz or review answer, a drill answer, a round
 *   answer, finishing a mock. Days are calendar days, so DST's 23- and 25-hour days are one day.
 * - Last counted day today (or later, see zones): nothing. Yesterday: current + 1. A gap of k missed
 *   days with at least k freezes held: k freezes are spent by themselves and current + 1. Otherwise
 *   the streak starts again at 1 (freezes held are kept). best = max(best, current).
 * - A freeze is earned each time current reaches a multiple of 7 (7, 14, …); at most 2 are held.
 * - Zones: `lastDate` is the local date in the zone in force when it counted. When a member moves
 *   (`streakZoneChanged`), it is re-read in the new zone as the latest new-zone date that old day
 *   could have been, but never after the new zone's today: the last activity lay on that old day
 *   and before the move. Re-read that way it is never earlier than the activity's real new-zone
 *   date, so moving east does not open a false gap (no break), and never later than the move's
 *   today, so a day is never counted twice (moving west, an old "today" becomes "yesterday" only
 *   when the activity really fell on the new zone's yesterday).
 * - At risk (evening reminder): the streak is alive and today is not counted yet, i.e. the last
 *   counted day is yesterday, or an earlier day whose gap the freezes held would cover (practising
 *   today keeps the streak). The reminder goes at REMINDER_HOUR local, once per local date, only with
 *   reminders on. A broken streak (a gap the freezes cannot cover) is ended by the same sweep, so
 *   boards of "longest current streaks" do not show it.
 */
import type { Deps } from "../command.js";
import { PermanentDeliveryError } from "../errors.js";
import type { Member, MockSession, Space, Streak } from "../ports.js";
import type { Reply } from "../reply.js";
import { addDays, daysBetween, localDate, localParts, zonedInstant } from "../time.js";
import { streakReminderReply, type StreakStatus } from "../views/streak.js";
import { applyRewards } from "./role-rewards.js";

export const REMINDER_HOUR = 20;
export const FREEZE_EVERY = 7;
export const MAX_FREEZES = 2;

/** What one activity changed; `recordActivity` returns undefined when the day had already counted. */
export interface StreakChange { current: number; best: number; freezes: number; freezesSpent: number; freezeEarned: boolean; restarted: boolean }

export const zoneOf = (member: Pick<Member, "timezone">, space: Pick<Space, "timezone">) => member.timezone ?? space.timezone;

export const freshStreak = (memberId: number, spaceId: string): Streak => ({
  memberId, spaceId, current: 0, best: 0, freezes: 0, lastDate: null, remindersOn: true, remindedOn: null,
});

/** The streak after an activity on local date `today` (pure: the rules above). */
export function advance(s: Streak, today: string): { next: Streak; change: StreakChange } | undefined {
  const gap = s.lastDate ? daysBetween(s.lastDate, today) : Infinity;
  if (gap <= 0) return undefined;
  const missed = gap - 1;
  const isKept = s.current > 0 && missed <= s.freezes;
  const freezesSpent = isKept ? missed : 0;
  const current = isKept ? s.current + 1 : 1;
  const freezeEarned = current % FREEZE_EVERY === 0 && s.freezes - freezesSpent < MAX_FREEZES;
  const freezes = s.freezes - freezesSpent + (freezeEarned ? 1 : 0);
  const best = Math.max(s.best, current);
  return {
    next: { ...s, current, best, freezes, lastDate: today },
    change: { current, best, freezes, freezesSpent, freezeEarned, restarted: s.current > 0 && !isKept },
  };
}

/** Counts an activity at `at` for the member; see the rules in the header. */
export async function recordActivity(deps: Pick<Deps, "streaks">, member: Member, space: Pick<Space, "timezone">, at: Date): Promise<StreakChange | undefined> {
  const s = (await deps.streaks.get(member.id)) ?? freshStreak(member.id, member.spaceId);
  const step = advance(s, localDate(at, zoneOf(member, space)));
  if (!step) return undefined;
  await deps.streaks.save(step.next);
  return step.change;
}

/** One short line for a reply, only when the day's first activity changed something. */
export function streakLine(c: StreakChange | undefined): string | undefined {
  if (!c) return undefined;
  const parts = [c.restarted ? "🔥 New streak: day 1" : `🔥 ${c.current}-day streak`];
  if (c.freezesSpent === 1) parts.push("🧊 a freeze covered the missed day");
  if (c.freezesSpent > 1) parts.push(`🧊 ${c.freezesSpent} freezes covered the missed days`);
  if (c.freezeEarned) parts.push(`🧊 freeze earned (${c.freezes} held)`);
  return parts.join(" · ");
}

/** Adds the streak line to a reply (nothing when there is no line). */
export function withStreakLine(reply: Reply, line: string | undefined): Reply {
  return line ? { ...reply, blocks: [...reply.blocks, { kind: "text", markdown: `_${line}_` }] } : reply;
}

/** Finishing a mock counts for its candidate (and a peer partner); the line is the candidate's. */
export async function recordMockFinished(deps: Deps, session: Pick<MockSession, "memberId" | "spaceId"> & { partnerId?: number | null }, at: Date): Promise<string | undefined> {
  const space = await deps.spaces.get(session.spaceId);
  if (!space) return undefined;
  let line: string | undefined;
  for (const id of [session.memberId, session.partnerId ?? undefined]) {
    const member = id === undefined ? undefined : await deps.members.get(id);
    const change = member && (await recordActivity(deps, member, space, at));
    if (member && change) await applyRewards(deps, space.id, member, { streak: change.current });
    if (id === session.memberId) line = streakLine(change);
  }
  return line;
}

export type { StreakStatus } from "../views/streak.js";

export function statusOf(s: Streak | undefined, today: string): StreakStatus {
  const base = { best: s?.best ?? 0, freezes: s?.freezes ?? 0, remindersOn: s?.remindersOn ?? true, today };
  const gap = s?.lastDate ? daysBetween(s.lastDate, today) : Infinity;
  if (!s || s.current === 0 || gap - 1 > s.freezes) return { ...base, current: 0, countedToday: false, isAtRisk: false, coveredDays: 0 };
  return { ...base, current: s.current, countedToday: gap <= 0, isAtRisk: gap >= 1, coveredDays: Math.max(0, gap - 1) };
}

export async function streakStatus(deps: Pick<Deps, "streaks" | "clock">, member: Member, space: Space): Promise<StreakStatus> {
  return statusOf(await deps.streaks.get(member.id), localDate(deps.clock.now(), zoneOf(member, space)));
}

export async function setReminders(deps: Pick<Deps, "streaks">, member: Member, isOn: boolean): Promise<void> {
  const s = (await deps.streaks.get(member.id)) ?? freshStreak(member.id, member.spaceId);
  await deps.streaks.save({ ...s, remindersOn: isOn });
}

/**
 * The member's zone changed from `from` to `to` at `at`: re-reads the last counted day in the new
 * zone (see the header). Call it whenever a member's zone is set or cleared.
 */
export async function streakZoneChanged(deps: Pick<Deps, "streaks">, memberId: number, from: string, to: string, at: Date): Promise<void> {
  const s = await deps.streaks.get(memberId);
  if (!s?.lastDate || from === to) return;
  const lastMoment = new Date(zonedInstant(addDays(s.lastDate, 1), "00:00", from).getTime() - 1);
  const latest = localDate(lastMoment, to);
  const today = localDate(at, to);
  const lastDate = latest < today ? latest : today;
  if (lastDate !== s.lastDate) await deps.streaks.save({ ...s, lastDate });
}

/** Running streaks read per page: a bounded read, then the event loop gets a turn before the next. */
export const SWEEP_PAGE = 500;

/** A queued reminder: who, and the local date it is for (its job id is per member and date). */
export interface StreakReminderPayload { [k: string]: string | number; memberId: number; spaceId: string; userId: string; timezone: string; localDate: string }

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The hourly sweep: ends broken streaks, and queues a reminder for each member whose local hour is
 * REMINDER_HOUR and whose streak is at risk, at most once per local date. An ended streak's
 * reward roles marked remove-on-break are taken back (services/role-rewards.ts). It reads the streaks in
 * pages by member id and never waits on a DM: each reminder is its own job (timer
 * "streak-reminder", id per member and local date, so a second run in the hour queues nothing new)
 * that goes through the jobs' rate limiter and retries alone. Without a job queue it sends inline.
 */
export async function streakReminderSweep(deps: Pick<Deps, "streaks" | "outbox" | "logger" | "scheduler"> & Partial<Pick<Deps, "roles" | "quizzes" | "clock">>, now: Date): Promise<{ queued: number; ended: number }> {
  let ended = 0;
  let queued = 0;
  for (let after = 0; ;) {
    const page = await deps.streaks.running(after, SWEEP_PAGE);
    const due: StreakReminderPayload[] = [];
    for (const s of page) {
      const local = localParts(now, s.timezone);
      const status = statusOf(s, local.date);
      if (status.current === 0) {
        const { timezone: _zone, platformUserId: _user, ...row } = s;
        await deps.streaks.save({ ...row, current: 0 });
        // A reward held "while the streak lasts" goes now (issue 22).
        if (deps.roles && deps.quizzes && deps.clock) {
          await applyRewards({ ...deps, roles: deps.roles, quizzes: deps.quizzes, clock: deps.clock }, s.spaceId, { id: s.memberId, platformUserId: s.platformUserId }, { streak: 0 });
        }
        ended += 1;
        continue;
      }
      if (!deps.outbox || !s.remindersOn || !status.isAtRisk) continue;
      if (Number(local.time.slice(0, 2)) !== REMINDER_HOUR || s.remindedOn === local.date) continue;
      due.push({ memberId: s.memberId, spaceId: s.spaceId, userId: s.platformUserId, timezone: s.timezone, localDate: local.date });
    }
    const schedule = deps.scheduler.scheduleTimer;
    if (schedule) await Promise.all(due.map((r) => schedule("streak-reminder", `${r.memberId}-${r.localDate}`, now, r)));
    else for (const r of due) await sendStreakReminder(deps, r, now);
    queued += due.length;
    if (page.length < SWEEP_PAGE) return { queued, ended };
    after = page[page.length - 1]!.memberId;
    await yieldToEventLoop();
  }
}

/**
 * One reminder (the "streak-reminder" job). It looks again first: the member may have practised,
 * turned reminders off or been reminded since the sweep, or the day may be over. A DM that cannot
 * be delivered is given up until tomorrow; any other error is thrown, so the job retries.
 */
export async function sendStreakReminder(deps: Pick<Deps, "streaks" | "outbox" | "logger">, r: StreakReminderPayload, now: Date): Promise<boolean> {
  const s = await deps.streaks.get(r.memberId);
  if (!deps.outbox || !s?.remindersOn || s.remindedOn === r.localDate || localDate(now, r.timezone) !== r.localDate) return false;
  const status = statusOf(s, r.localDate);
  if (!status.isAtRisk) return false;
  let isSent = true;
  try {
    await deps.outbox.post({ spaceId: r.spaceId, channelId: "", userId: r.userId }, streakReminderReply(status), {
      idempotencyKey: `streak-remind-${r.memberId}-${r.localDate}`,
    });
  } catch (err) {
    // DMs closed (Discord 50007) or the member left: retrying cannot help; try again tomorrow.
    if (!(err instanceof PermanentDeliveryError)) throw err;
    deps.logger.warn({ memberId: r.memberId, err: err.message }, "streak reminder not delivered");
    isSent = false;
  }
  await deps.streaks.setReminded(r.memberId, r.localDate);
  return isSent;
}
