/**
 * The figures behind the /stats chart: accuracy per topic per local week (weeks start on Monday)
 * and answers per local day, in the member's zone (their own, else the space's).
 */
import type { ProgressSeries } from "../ports.js";
import { addDays, localDate, zonedInstant } from "../time.js";
import { periodsOf } from "./points.js";

/** Weeks of accuracy shown (the current one included); days of activity; topics drawn. */
export const CHART_WEEKS = 8;
export const CHART_DAYS = 28;
export const CHART_TOPICS = 5;

/** Local midnight starting the oldest charted week: what to query from. */
export function chartSince(now: Date, tz: string): Date {
  const thisMonday = periodsOf(now, tz).week.slice(1);
  return zonedInstant(addDays(thisMonday, -7 * (CHART_WEEKS - 1)), "00:00", tz);
}

/** What the chart draws: fixed axes (empty weeks and days included), the most-answered topics. */
export interface ChartData {
  /** Mondays, oldest first. */
  weeks: string[];
  /** Percent correct per week; null where the topic had no answers that week. */
  topics: Array<{ topic: string; accuracy: Array<number | null> }>;
  /** Local dates, oldest first, and the answers on each. */
  days: string[];
  answers: number[];
}

export function chartData(series: ProgressSeries, now: Date, tz: string): ChartData | undefined {
  if (series.weeks.length === 0) return undefined;
  const thisMonday = periodsOf(now, tz).week.slice(1);
  const weeks = Array.from({ length: CHART_WEEKS }, (_, i) => addDays(thisMonday, -7 * (CHART_WEEKS - 1 - i)));
  const totals = new Map<string, number>();
  for (const w of series.weeks) totals.set(w.topic, (totals.get(w.topic) ?? 0) + w.attempts);
  const top = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, CHART_TOPICS).map(([t]) => t);
  const topics = top.map((topic) => ({
    topic,
    accuracy: weeks.map((week) => {
      const w = series.weeks.find((x) => x.week === week && x.topic === topic);
      return w && w.attempts > 0 ? Math.round((100 * w.correct) / w.attempts) : null;
    }),
  }));
  const today = localDate(now, tz);
  const days = Array.from({ length: CHART_DAYS }, (_, i) => addDays(today, i - (CHART_DAYS - 1)));
  const perDay = new Map(series.days.map((d) => [d.day, d.answers]));
  return { weeks, topics, days, answers: days.map((d) => perDay.get(d) ?? 0) };
}
