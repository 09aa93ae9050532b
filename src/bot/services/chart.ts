/**
 * The /stats progress chart as a PNG: accuracy per topic per week (lines) above answers per day
 * (bars). ECharts renders an SVG string server-side (pure JS); resvg (WebAssembly shipped inside
 * its npm package) rasterises it with a font file from an npm package, so nothing is downloaded
 * at install or run time and no native module is needed.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Resvg } from "@resvg/resvg-wasm";
import type { EChartsCoreOption } from "echarts/core";
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

const require = createRequire(import.meta.url);

interface Libs { echarts: typeof import("echarts/core"); Resvg: typeof Resvg; font: Uint8Array }
let ready: Promise<Libs> | undefined;

/**
 * Loads ECharts, the wasm module and the font on the first chart (about 0.1 s), not at start: a
 * bot that never draws one keeps ~15 MB less in memory. Later charts reuse them.
 */
function init(): Promise<Libs> {
  ready ??= (async () => {
    const [echarts, charts, components, renderers, resvg, wasm, font] = await Promise.all([
      import("echarts/core"), import("echarts/charts"), import("echarts/components"), import("echarts/renderers"),
      import("@resvg/resvg-wasm"),
      readFile(require.resolve("@resvg/resvg-wasm/index_bg.wasm")),
      readFile(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf")),
    ]);
    echarts.use([charts.LineChart, charts.BarChart, components.GridComponent, components.LegendComponent, components.TitleComponent, renderers.SVGRenderer]);
    await resvg.initWasm(wasm);
    return { echarts, Resvg: resvg.Resvg, font: new Uint8Array(font) };
  })();
  ready.catch(() => { ready = undefined; }); // a failed load may be retried by the next /stats
  return ready;
}

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
        // A label every 7 days keeps 28 dates readable.
        axisLabel: { ...axisText, interval: (i: number) => (d.days.length - 1 - i) % 7 === 0 },
        axisTick: { alignWithLabel: true },
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

/** The chart as an SVG string (ECharts' server-side renderer). */
export async function progressChartSvg(d: ChartData): Promise<string> {
  const { echarts } = await init();
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: CHART_WIDTH, height: CHART_HEIGHT });
  try {
    chart.setOption(optionFor(d));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The chart as a PNG of CHART_WIDTH × CHART_HEIGHT pixels. */
export async function renderProgressChart(d: ChartData): Promise<Buffer> {
  const { Resvg, font } = await init();
  const resvg = new Resvg(await progressChartSvg(d), {
    font: { fontBuffers: [font], defaultFontFamily: FONT, sansSerifFamily: FONT },
    background: "#ffffff",
  });
  try {
    const image = resvg.render();
    const png = Buffer.from(image.asPng());
    image.free();
    return png;
  } finally {
    resvg.free();
  }
}
