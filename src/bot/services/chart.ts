/**
 * The /stats progress chart: accuracy per topic per week (lines) above answers per day (bars), as
 * an ECharts option that is plain data. A ChartRenderer (a worker pool in production, see
 * src/charts/) draws it, so the drawing (0.2–0.5 s of CPU) never blocks the event loop.
 */
import type { EChartsCoreOption } from "echarts/core";
import type { ChartRequest } from "../ports.js";
import { addDays } from "../time.js";
import type { ChartData } from "./progress-series.js";

export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 640;
const FONT = "DejaVu Sans";
/** Okabe–Ito: told apart with the common kinds of colour blindness. */
const COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9"];
/**
 * Each topic also has its own marker shape and dash, so colours that look alike stay apart and
 * the legend (which draws the marker) does not rest on colour alone. Markers are hollow and each
 * later one smaller, so points on the same spot nest instead of hiding each other; a dashed
 * line over another shows the one beneath through its gaps.
 */
export const SERIES_SYMBOLS = ["emptyCircle", "emptyRect", "emptyTriangle", "emptyDiamond", "emptyRoundRect"] as const;
export const SERIES_DASHES: ReadonlyArray<"solid" | number[]> = ["solid", [10, 5], [3, 4], [12, 4, 3, 4], [6, 3]];
const SYMBOL_SIZES = [16, 13, 10, 8, 6];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const short = (date: string) => `${MONTHS[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(8, 10))}`;
const dayMonth = (date: string) => `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]}`;

/** A week by the days it holds, Monday to Sunday: "16–22 Nov", "30 Nov–6 Dec". */
export function weekSpan(monday: string): string {
  const sunday = addDays(monday, 6);
  return monday.slice(5, 7) === sunday.slice(5, 7) ? `${Number(monday.slice(8, 10))}–${dayMonth(sunday)}` : `${dayMonth(monday)}–${dayMonth(sunday)}`;
}

export function optionFor(d: ChartData): EChartsCoreOption {
  const axisText = { fontFamily: FONT, fontSize: 12, color: "#333" };
  return {
    animation: false,
    backgroundColor: "#ffffff",
    color: COLORS,
    textStyle: { fontFamily: FONT },
    title: [
      { text: "Accuracy by topic, per week (% correct)", left: 16, top: 10, textStyle: { fontFamily: FONT, fontSize: 16 } },
      { text: `Answers per day, last ${d.days.length} days`, left: 16, top: 350, textStyle: { fontFamily: FONT, fontSize: 16 } },
    ],
    legend: {
      top: 38, left: 16, itemGap: 18, itemWidth: 14, itemHeight: 14, textStyle: axisText,
      data: d.topics.map((t, i) => ({ name: t.topic, icon: SERIES_SYMBOLS[i % SERIES_SYMBOLS.length] })),
    },
    grid: [
      { left: 56, right: 32, top: 80, height: 210 },
      { left: 56, right: 32, top: 392, height: 200 },
    ],
    xAxis: [
      { type: "category", gridIndex: 0, data: d.weeks.map(weekSpan), axisLabel: { ...axisText, fontSize: 11, interval: 0 }, boundaryGap: true },
      {
        type: "category", gridIndex: 1, data: d.days.map(short),
        // A label (and tick) every 7 days, counted back from today, keeps 28 dates readable;
        // as indices, not a function, so the option stays data a worker can receive.
        axisLabel: { ...axisText, customValues: everySeventhFromLast(d.days.length) },
        axisTick: { alignWithLabel: true, customValues: everySeventhFromLast(d.days.length) },
      },
    ],
    yAxis: [
      { type: "value", gridIndex: 0, min: 0, max: 100, interval: 25, axisLabel: { ...axisText, formatter: "{value}%" } },
      { type: "value", gridIndex: 1, minInterval: 1, axisLabel: axisText },
    ],
    series: [
      ...d.topics.map((t, i) => ({
        type: "line", name: t.topic, xAxisIndex: 0, yAxisIndex: 0, data: t.accuracy,
        connectNulls: true, symbol: SERIES_SYMBOLS[i % SERIES_SYMBOLS.length], symbolSize: SYMBOL_SIZES[i % SYMBOL_SIZES.length],
        lineStyle: { width: 2.5, type: SERIES_DASHES[i % SERIES_DASHES.length] },
      })),
      { type: "bar", name: "answers", xAxisIndex: 1, yAxisIndex: 1, data: d.answers, itemStyle: { color: "#4a5a7a" }, barMaxWidth: 18 },
    ],
  };
}

/** What to hand a ChartRenderer for this member's chart. */
export function progressChartRequest(d: ChartData): ChartRequest {
  return { option: optionFor(d) as Readonly<Record<string, unknown>>, width: CHART_WIDTH, height: CHART_HEIGHT };
}

/** Indices 27, 20, 13, 6 of 28: today and every 7th day before it. */
function everySeventhFromLast(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i).filter((i) => (n - 1 - i) % 7 === 0);
}
