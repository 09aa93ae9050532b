/**
 * Local dates and times in IANA zones, with nothing but Intl: "09:00 Asia/Kolkata" means that
 * wall-clock time, across DST changes.
 */
import { WEEKDAYS, type Weekday } from "./ports/subscriptions.js";

export function isIanaZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return tz.includes("/") || tz === "UTC";
  } catch {
    return false;
  }
}

const partsCache = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = partsCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone: tz, hourCycle: "h23", weekday: "short",
      year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
    });
    partsCache.set(tz, f);
  }
  return f;
}

export interface LocalParts { date: string; time: string; weekday: Weekday; offsetMinutes: number }

/**
 * Recent answers by (zone, whole second): Intl's formatToParts costs ~10 µs, and a fan-out asks
 * the same few (zone, instant) pairs thousands of times (the same "now", the same slots). Every
 * field is fixed by the second, so a hit is exact; the map is emptied when it grows large.
 */
const recentParts = new Map<string, LocalParts>();
const RECENT_PARTS_MAX = 10_000;

/** The wall-clock date (YYYY-MM-DD), time (HH:MM), weekday and UTC offset of an instant in a zone. */
export function localParts(at: Date, tz: string): LocalParts {
  const second = Math.floor(at.getTime() / 1000);
  const key = `${tz} ${second}`;
  const known = recentParts.get(key);
  if (known) return known;
  const p: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatter(tz).formatToParts(at)) p[part.type] = part.value;
  const date = `${p.year}-${p.month}-${p.day}`;
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  const offsetMinutes = Math.round((asUtc - second * 1000) / 60_000);
  const parts: LocalParts = { date, time: `${p.hour}:${p.minute}`, weekday: String(p.weekday).toLowerCase().slice(0, 3) as Weekday, offsetMinutes };
  if (recentParts.size >= RECENT_PARTS_MAX) recentParts.clear();
  recentParts.set(key, Object.freeze(parts));
  return parts;
}

export const localDate = (at: Date, tz: string) => localParts(at, tz).date;

/** Whole days from date a to date b (YYYY-MM-DD), b − a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export const weekdayOf = (date: string): Weekday => WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7]!;

/** The Monday starting the week a date falls in: weeks start on Monday everywhere here. */
export const mondayOf = (date: string): string => addDays(date, -WEEKDAYS.indexOf(weekdayOf(date)));

/**
 * The instant a local date and time happens in a zone. A time skipped by a DST jump (02:30 on
 * the spring-forward night) moves forward by the gap, as cron implementations do.
 */
export function zonedInstant(date: string, time: string, tz: string): Date {
  const naive = Date.parse(`${date}T${time}:00Z`);
  let guess = naive - localParts(new Date(naive), tz).offsetMinutes * 60_000;
  const second = naive - localParts(new Date(guess), tz).offsetMinutes * 60_000;
  if (second !== guess) guess = Math.max(guess, second);
  return new Date(guess);
}

/** The next scheduled instant strictly after `after`, on one of `days` at `time` local. */
export function nextOccurrence(after: Date, time: string, tz: string, days: readonly Weekday[]): Date | undefined {
  const today = localDate(after, tz);
  for (let i = 0; i < 15; i++) {
    const date = addDays(today, i);
    if (!days.includes(weekdayOf(date))) continue;
    const at = zonedInstant(date, time, tz);
    if (at.getTime() > after.getTime()) return at;
  }
  return undefined;
}

/** Parses "mon-fri", "mon,wed,fri", "weekdays", "daily", "weekends" into weekdays. */
export function parseDays(input: string): Weekday[] | undefined {
  const s = input.trim().toLowerCase();
  if (s === "daily" || s === "everyday" || s === "all") return [...WEEKDAYS];
  if (s === "weekdays") return WEEKDAYS.slice(0, 5);
  if (s === "weekends") return WEEKDAYS.slice(5);
  const out = new Set<Weekday>();
  for (const part of s.split(/[,\s]+/).filter(Boolean)) {
    const [a, b] = part.split("-").map((d) => WEEKDAYS.indexOf(d.slice(0, 3) as Weekday));
    if (a === undefined || a < 0) return undefined;
    if (b === undefined) { out.add(WEEKDAYS[a]!); continue; }
    if (b < 0) return undefined;
    for (let i = a; ; i = (i + 1) % 7) { out.add(WEEKDAYS[i]!); if (i === b) break; }
  }
  return out.size > 0 ? WEEKDAYS.filter((d) => out.has(d)) : undefined;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A local date as people read it: "Mon 7 Dec". */
export function readableDate(date: string): string {
  const day = weekdayOf(date);
  return `${day[0]!.toUpperCase()}${day.slice(1)} ${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]}`;
}

/** An instant as local time with its zone, wherever the bot shows one: "Mon 7 Dec, 09:00 Asia/Kolkata". */
export function localTimeText(at: Date, tz: string): string {
  const p = localParts(at, tz);
  return `${readableDate(p.date)}, ${p.time} ${tz}`;
}

/** An instant's local day with its zone, for dates (a review's due day): "Mon 7 Dec (Asia/Kolkata)". */
export function localDayText(at: Date, tz: string): string {
  return `${readableDate(localDate(at, tz))} (${tz})`;
}
