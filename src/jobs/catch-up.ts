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
