import { z } from "zod";
import { defineCommand } from "../command.js";
import { fields, privateReply, text } from "../reply.js";
import { weightedTotal } from "../services/mock.js";

export default defineCommand({
  name: "stats",
  summary: "Your accuracy per topic and level, and your mock interviews",
  usage: "/stats",
  args: z.object({}),
  async run({ deps, member }) {
    const rows = await deps.quizzes.stats(member.id);
    const mocks = await deps.mocks.history(member.id, 5);
    const mockLines = mocks.map((m) => {
      const problem = deps.curriculum.problems.find((p) => p.id === m.problemId);
      const total = problem && Object.keys(m.ratings).length ? ` — self-rated ${weightedTotal(problem, m.ratings)}/100` : "";
      return `• ${m.endedAt!.toISOString().slice(0, 10)} ${problem?.title ?? m.problemId}${total}`;
    });
    const history = mockLines.length ? [text(`**Mock interviews:**\n${mockLines.join("\n")}`)] : [];
    if (rows.length === 0) return privateReply("Your stats", [text("No answers yet. Start with `/quiz`."), ...history]);
    const attempts = rows.reduce((n, r) => n + r.attempts, 0);
    const correct = rows.reduce((n, r) => n + r.correct, 0);
    const pct = (a: number, b: number) => `${Math.round((100 * a) / b)}%`;
    const lines = rows.map((r) => `• ${r.topic} L${r.level}: ${r.correct}/${r.attempts} correct (${pct(r.correct, r.attempts)})`);
    return privateReply("Your stats", [
      fields(["Answered", String(attempts)], ["Correct", `${correct} (${pct(correct, attempts)})`]),
      text(lines.join("\n")),
      ...history,
    ]);
  },
});
