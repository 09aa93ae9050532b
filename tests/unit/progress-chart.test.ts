import { describe, expect, it } from "vitest";
import { CHART_HEIGHT, CHART_WIDTH, optionFor, progressChartRequest, weekSpan } from "../../src/bot/services/chart.js";
import type { ChartData } from "../../src/bot/services/progress-series.js";
import { drawPng, drawSvg } from "../../src/charts/draw.mjs";
import { bucketProgress, type AnswerBucket } from "../../src/bot/ports.js";
import { chartData, chartSince } from "../../src/bot/services/progress-series.js";
import type { Reply } from "../../src/bot/reply.js";
import { createTestCore, makeEvent, type TestCore } from "../fakes/core.js";
import { pngInfo } from "../fakes/png.js";
import { KOLKATA_ANSWERS, KOLKATA_SERIES } from "../fakes/progress-answers.js";

const renderProgressChart = async (d: ChartData) => Buffer.from(await drawPng(progressChartRequest(d)));
const progressChartSvg = (d: ChartData) => drawSvg(progressChartRequest(d));
const one = (iso: string, topic: string, isCorrect: boolean): AnswerBucket => ({ at: new Date(iso), topic, attempts: 1, correct: isCorrect ? 1 : 0 });

describe("progress series: bucketing answers into local weeks and days", () => {
  it("sums accuracy per (local Monday, topic) and answers per local day in the member's zone", () => {
    expect(bucketProgress(KOLKATA_ANSWERS.map(([at, t, ok]) => one(at, t, ok)), "Asia/Kolkata")).toEqual(KOLKATA_SERIES);
  });

  it("puts the same instants elsewhere in UTC (the zone decides the day and the week)", () => {
    const utc = bucketProgress(KOLKATA_ANSWERS.map(([at, t, ok]) => one(at, t, ok)), "UTC");
    expect(utc.days).toEqual([{ day: "2026-11-10", answers: 1 }, { day: "2026-11-22", answers: 2 }, { day: "2026-11-23", answers: 2 }]);
    expect(utc.weeks.find((w) => w.week === "2026-11-16")).toEqual({ week: "2026-11-16", topic: "caching", attempts: 2, correct: 1 });
  });

  it("adds pre-grouped slots (the SQL rows) like single answers", () => {
    const slots = [{ at: new Date("2026-11-23T05:00:00Z"), topic: "sharding", attempts: 3, correct: 2 }];
    expect(bucketProgress(slots, "UTC")).toEqual({
      weeks: [{ week: "2026-11-23", topic: "sharding", attempts: 3, correct: 2 }], days: [{ day: "2026-11-23", answers: 3 }],
    });
  });

  it("queries from local midnight of the Monday seven weeks before this one", () => {
    // Wed 25 Nov in Kolkata: this week starts Mon 23 Nov; 7 weeks earlier is Mon 5 Oct, 00:00 IST.
    expect(chartSince(new Date("2026-11-25T12:00:00Z"), "Asia/Kolkata").toISOString()).toBe("2026-10-04T18:30:00.000Z");
  });
});

describe("chart data: fixed axes, the most-answered topics", () => {
  const now = new Date("2026-11-25T12:00:00Z");
  const week = (w: string, topic: string, attempts: number, correct: number) => ({ week: w, topic, attempts, correct });

  it("draws 8 weeks and 28 days with gaps, and the 5 topics with the most answers", () => {
    const series = {
      weeks: [
        week("2026-10-05", "caching", 4, 1), week("2026-11-23", "caching", 4, 3),
        week("2026-11-16", "sharding", 6, 3), week("2026-11-16", "databases", 3, 3), week("2026-11-16", "cdn-edge", 3, 0),
        week("2026-11-16", "consensus", 2, 1), week("2026-11-16", "estimation", 1, 1),
      ],
      days: [{ day: "2026-10-28", answers: 9 }, { day: "2026-10-29", answers: 2 }, { day: "2026-11-25", answers: 4 }],
    };
    const d = chartData(series, now, "UTC")!;
    expect(d.weeks).toEqual(["2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]);
    expect(d.topics.map((t) => t.topic)).toEqual(["caching", "sharding", "cdn-edge", "databases", "consensus"]);
    expect(d.topics[0]!.accuracy).toEqual([25, null, null, null, null, null, null, 75]);
    expect(d.topics[1]!.accuracy).toEqual([null, null, null, null, null, null, 50, null]);
    expect(d.days).toHaveLength(28);
    expect([d.days[0], d.days[27]]).toEqual(["2026-10-29", "2026-11-25"]);
    expect(d.answers[0]).toBe(2); // 28 Oct is outside the last 28 days
    expect(d.answers[27]).toBe(4);
    expect(d.answers.reduce((a, b) => a + b, 0)).toBe(6);
  });

  it("has nothing to draw without answers", () => {
    expect(chartData({ weeks: [], days: [] }, now, "UTC")).toBeUndefined();
  });
});

describe("the chart image", () => {
  const data = chartData(KOLKATA_SERIES, new Date("2026-11-23T09:00:00Z"), "Asia/Kolkata")!;

  it("renders a drawn PNG of the chart's size", async () => {
    const png = await renderProgressChart(data);
    const info = pngInfo(png);
    expect(info.isPng).toBe(true);
    expect([info.width, info.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    expect(png.length).toBeGreaterThan(10_000);
    expect(info.distinctBytes).toBeGreaterThan(50); // lines, bars and text, not a blank canvas
  });

  it("names both panels and the topics in the drawing", async () => {
    const svg = await progressChartSvg(data);
    for (const s of ["Accuracy by topic", "Answers per day", ">caching<", ">sharding<", "Nov 23"]) expect(svg).toContain(s);
  });

  it("labels every 7th day counted back from today, and no other", async () => {
    const svg = await progressChartSvg(data); // today is 23 Nov
    for (const day of [">Nov 2<", ">Nov 9<", ">Nov 16<", ">Nov 23<"]) expect(svg).toContain(day);
    for (const day of [">Oct 27<", ">Nov 3<", ">Nov 22<"]) expect(svg).not.toContain(day);
  });

  it("is plain data: it survives the structured clone that takes it to a worker", () => {
    const req = progressChartRequest(data);
    expect(structuredClone(req)).toEqual(req);
  });
});

describe("the chart can be read without telling colours apart", () => {
  const now = new Date("2026-12-02T10:00:00Z");
  const w = (week: string, topic: string, attempts: number, correct: number) => ({ week, topic, attempts, correct });
  // caching and sharding have the same accuracy every week: their lines lie on each other.
  const same = chartData({
    weeks: [w("2026-11-16", "caching", 4, 2), w("2026-11-16", "sharding", 4, 2), w("2026-11-23", "caching", 4, 3), w("2026-11-23", "sharding", 4, 3), w("2026-11-30", "cdn-edge", 2, 1)],
    days: [{ day: "2026-12-01", answers: 3 }],
  }, now, "UTC")!;
  type LineSeries = { type: string; name: string; symbol: string; symbolSize: number; lineStyle: { type: unknown } };

  it("gives every topic its own marker shape, size and dash, and the legend draws the markers", () => {
    const option = optionFor(same) as { series: LineSeries[]; legend: { data: Array<{ name: string; icon: string }> } };
    const lines = option.series.filter((x) => x.type === "line");
    expect(lines.map((l) => l.name)).toEqual(["caching", "sharding", "cdn-edge"]);
    expect(new Set(lines.map((l) => l.symbol)).size).toBe(3);
    expect(new Set(lines.map((l) => JSON.stringify(l.lineStyle.type))).size).toBe(3);
    // Later markers are smaller, so points on one spot nest rather than hide each other.
    expect(lines[0]!.symbolSize).toBeGreaterThan(lines[1]!.symbolSize);
    expect(option.legend.data).toEqual(lines.map((l) => ({ name: l.name, icon: l.symbol })));
  });

  it("draws the overlapping lines distinctly and labels weeks by the days they hold", async () => {
    const svg = await progressChartSvg(same);
    expect(svg).toMatch(/stroke-dasharray="10,5"/); // sharding's dashes over caching's solid line
    for (const label of [">16–22 Nov<", ">23–29 Nov<", ">30 Nov–6 Dec<"]) expect(svg).toContain(label);
    expect([weekSpan("2026-11-30"), weekSpan("2026-12-07"), weekSpan("2026-12-28")]).toEqual(["30 Nov–6 Dec", "7–13 Dec", "28 Dec–3 Jan"]);
  });
});

describe("/stats with the chart", () => {
  const SPACE = "console:s1";
  async function answer(core: TestCore, memberId: number, i: number, at: Date, topic: string, isCorrect: boolean) {
    const questionId = `q-${topic}-1-01`;
    await core.repos.quizzes.open({ id: `t${i}`, spaceId: SPACE, memberId, questionId, channelId: "c1", kind: "quiz", cardBefore: null, createdAt: at });
    await core.repos.quizzes.recordAnswer({
      spaceId: SPACE, memberId, sessionId: `t${i}`, questionId, topic, level: 1, format: "mcq", answer: "A", score: isCorrect ? 1 : 0, isCorrect, at,
    });
  }
  const stats = (core: TestCore) => core.dispatcher.handle(makeEvent({ kind: "command", name: "stats" }));
  const textOf = (r: Reply | undefined) => r?.blocks.map((b) => (b.kind === "text" ? b.markdown : "")).join("\n") ?? "";

  it("attaches a PNG chart for a member with answers", async () => {
    const core = createTestCore();
    const m = await core.repos.members.ensure(SPACE, { id: "u1", name: "Asha" });
    for (let i = 0; i < 6; i++) await answer(core, m.id, i, new Date(core.clock.now().getTime() - i * 86_400_000), i % 2 ? "caching" : "sharding", i % 3 !== 0);
    const reply = await stats(core);
    expect(reply?.files).toHaveLength(1);
    const file = reply!.files![0]!;
    expect(file).toMatchObject({ contentType: "image/png", name: "prepcoach-progress-2026-11-23.png" });
    expect(file.description).toContain("sharding");
    const info = pngInfo(Buffer.from(file.data, "base64"));
    expect(info).toMatchObject({ isPng: true, width: CHART_WIDTH, height: CHART_HEIGHT });
    expect(textOf(reply)).toContain("accuracy per topic per week");
  });

  it("still answers with the figures when the chart cannot be drawn", async () => {
    const core = createTestCore();
    const m = await core.repos.members.ensure(SPACE, { id: "u1", name: "Asha" });
    await answer(core, m.id, 1, core.clock.now(), "caching", true);
    core.deps.quizzes = { ...core.deps.quizzes, progressSince: async () => { throw new Error("disk on fire"); } };
    const reply = await stats(core);
    expect(reply?.title).toBe("Your stats");
    expect(reply?.files ?? []).toEqual([]);
    expect(textOf(reply)).toContain("couldn't be drawn this time");
    expect(core.logger.errors).toHaveLength(1);
  });

  it("sends no chart without answers, and says when one appears", async () => {
    const core = createTestCore();
    const reply = await stats(core);
    expect(reply?.files ?? []).toEqual([]);
    expect(textOf(reply)).toContain("progress chart appears here after a few answers");
  });
});
