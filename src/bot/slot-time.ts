/**
 * When a scheduled peer mock starts (`/mock pair tomorrow 19:00`): a day and a time, read in the
 * member's zone. Days: `today`, `tomorrow`, a weekday (`sat`, `saturday`: the next one, today
 * if that time is still ahead) or a date `2026-12-08`; times: `19:00`, `7pm`, `7:30pm`. A time
 * alone means today. Parsers return a result rather than throw (STYLE §4).
 */
import type { UserErrorId } from "./messages.js";
import { WEEKDAYS } from "./ports.js";
import { addDays, localParts, localTimeText, weekdayOf, zonedInstant } from "./time.js";

/** A booking must leave room for the reminder (10 minutes before) and some notice. */
export const MIN_LEAD_MINUTES = 15;
export const MAX_AHEAD_DAYS = 14;

export type SlotParse = { ok: true; at: Date } | { ok: false; id: UserErrorId; params: Record<string, string | number> };

const TIME = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/;

function readTime(s: string): string | undefined {
  const m = TIME.exec(s);
  if (!m || (!m[2] && !m[3])) return undefined; // a bare "7" is too ambiguous
  let h = Number(m[1]);
  const min = Number(m[2] ?? 0);
  if (m[3]) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (m[3] === "pm" ? 12 : 0);
  }
  if (h > 23 || min > 59) return undefined;
  return `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
}

/** The local date a day word names, or undefined; a weekday is the next one on or after today. */
function readDay(word: string, today: string): { date: string; isWeekday: boolean } | undefined {
  if (word === "today") return { date: today, isWeekday: false };
  if (word === "tomorrow" || word === "tmrw") return { date: addDays(today, 1), isWeekday: false };
  if (/^\d{4}-\d{2}-\d{2}$/.test(word)) {
    const d = new Date(`${word}T00:00:00Z`);
    return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== word ? undefined : { date: word, isWeekday: false };
  }
  const day = WEEKDAYS.find((w) => word.length >= 3 && `${w}${({ mon: "day", tue: "sday", wed: "nesday", thu: "rsday", fri: "day", sat: "urday", sun: "day" } as const)[w]}`.startsWith(word));
  if (!day) return undefined;
  let date = today;
  while (weekdayOf(date) !== day) date = addDays(date, 1);
  return { date, isWeekday: true };
}

/** Parses `input` in `tz` against `now`, and checks it is at least MIN_LEAD_MINUTES and at most MAX_AHEAD_DAYS away. */
export function parseSlotTime(input: string, now: Date, tz: string): SlotParse {
  const words = input.trim().toLowerCase().replace(/\s+(am|pm)\b/g, "$1").split(/\s+/).filter((w) => w && w !== "at");
  const today = localParts(now, tz).date;
  const bad: SlotParse = { ok: false, id: "schedule.badTime", params: { when: input.trim().slice(0, 40), tz } };
  if (words.length === 0 || words.length > 2) return bad;
  const time = readTime(words[words.length - 1]!);
  const day = words.length === 2 ? readDay(words[0]!, today) : { date: today, isWeekday: false };
  if (!time || !day) return bad;
  let at = zonedInstant(day.date, time, tz);
  // "sat 18:30" said on a Saturday evening means next Saturday.
  if (day.isWeekday && at.getTime() <= now.getTime()) at = zonedInstant(addDays(day.date, 7), time, tz);
  const shown = localTimeText(at, tz);
  const ahead = at.getTime() - now.getTime();
  if (ahead <= 0) return { ok: false, id: "schedule.past", params: { at: shown, minutes: MIN_LEAD_MINUTES } };
  if (ahead < MIN_LEAD_MINUTES * 60_000) return { ok: false, id: "schedule.tooSoon", params: { at: shown, minutes: MIN_LEAD_MINUTES } };
  if (ahead > MAX_AHEAD_DAYS * 86_400_000) return { ok: false, id: "schedule.tooFar", params: { at: shown, days: MAX_AHEAD_DAYS } };
  return { ok: true, at };
}
