import { z } from "zod";
import { defineCommand, type Context } from "../command.js";
import { cmd, usage } from "../command-ref.js";
import { fields, privateReply, text, type Attachment } from "../reply.js";
import { progressChartRequest } from "../services/chart.js";
import { mockHistoryLines } from "../services/mock-history.js";
import { CHART_WEEKS, chartData, chartSince } from "../services/progress-series.js";

export default defineCommand({
  name: "stats",
  summary: "Your accuracy per topic and level, your mock interviews, and a progress chart",
  usage: [usage("stats")],
  args: z.object({}),
  async run(ctx) {
    const { deps, member, space } = ctx;
    const rows = await deps.quizzes.stats(member.id);
    const mocks = await deps.mocks.history(member.id, 5);
    const mockLines = await mockHistoryLines(deps, member.id, mocks, member.timezone ?? space.timezone);
    const history = mockLines.length ? [text(`**Mock interviews:**\n${mockLines.join("\n")}`)] : [];
    const chart = await progressChart(ctx).catch((err: unknown) => {
      // The chart is an extra: the figures above still answer the command.
      deps.logger.error({ err, member: member.id }, "progress chart failed");
      return "failed" as const;
    });
    const chartLine = !deps.charts ? [] : [text(chart === "failed" ? `_The progress chart couldn't be drawn this time; try ${cmd("stats")} again later._`
      : chart ? "_The chart: accuracy per topic per week (your 5 most-answered topics) and answers per day._"
        : `_A progress chart appears here after a few answers (it covers your last ${CHART_WEEKS} weeks)._`)];
    if (rows.length === 0) return privateReply("Your stats", [text(`No answers yet. Start with ${cmd("quiz")}.`), ...chartLine, ...history]);
    const attempts = rows.reduce((n, r) => n + r.attempts, 0);
    const correct = rows.reduce((n, r) => n + r.correct, 0);
    const pct = (a: number, b: number) => `${Math.round((100 * a) / b)}%`;
    const lines = rows.map((r) => `• ${r.topic} L${r.level}: ${r.correct}/${r.attempts} correct (${pct(r.correct, r.attempts)})`);
    const reply = privateReply("Your stats", [
      fields(["Answered", String(attempts)], ["Correct", `${correct} (${pct(correct, attempts)})`]),
      text(lines.join("\n")),
      ...history,
      ...chartLine,
    ]);
    return chart && chart !== "failed" ? { ...reply, files: [chart] } : reply;
  },
});

/**
 * The chart of the member's last weeks in their own zone (else the space's); none without answers
 * there, nor without a renderer. A failed drawing (a worker crash included) rejects: the caller
 * answers with the figures and a polite line.
 */
async function progressChart({ deps, member, space }: Context<unknown>): Promise<Attachment | undefined> {
  if (!deps.charts) return undefined;
  const tz = member.timezone ?? space.timezone;
  const now = deps.clock.now();
  const data = chartData(await deps.quizzes.progressSince(member.id, chartSince(now, tz), tz), now, tz);
  if (!data) return undefined;
  const png = await deps.charts.png(progressChartRequest(data));
  return {
    name: `prepcoach-progress-${now.toISOString().slice(0, 10)}.png`, contentType: "image/png", data: Buffer.from(png.buffer, png.byteOffset, png.byteLength).toString("base64"),
    description: `Accuracy per week for ${data.topics.map((t) => t.topic).join(", ")}; answers per day over ${data.days.length} days`,
  };
}
