/** Which slot of a subscription was due most recently, for catch-up after downtime. */
import type { Subscription } from "../bot/ports.js";
import { addDays, localDate, weekdayOf, zonedInstant } from "../bot/time.js";

/** The latest scheduled instant at or before `now`, looking back a week. */
export function latestSlot(sub: Subscription, now: Date): { localDate: string; at: Date } | undefined {
  const today = localDate(now, sub.timezone);
  for (let i = 0; i <= 7; i++) {
    const date = addDays(today, -i);
    if (!sub.days.includes(weekdayOf(date))) continue;
    const at = zonedInstant(date, sub.time, sub.timezone);
    if (at.getTime() <= now.getTime()) return { localDate: date, at };
  }
  return undefined;
}

/** Every scheduled instant in (from, to], oldest first: what a moved console clock passes. */
export function slotsBetween(sub: Subscription, from: Date, to: Date): Array<{ localDate: string; at: Date }> {
  const out: Array<{ localDate: string; at: Date }> = [];
  const last = localDate(to, sub.timezone);
  for (let date = localDate(from, sub.timezone); date <= last; date = addDays(date, 1)) {
    if (!sub.days.includes(weekdayOf(date))) continue;
    const at = zonedInstant(date, sub.time, sub.timezone);
    if (at.getTime() > from.getTime() && at.getTime() <= to.getTime()) out.push({ localDate: date, at });
  }
  return out;
}
