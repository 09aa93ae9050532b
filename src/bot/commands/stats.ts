import { z } from "zod";
import { defineCommand } from "../command.js";
import { fields, privateReply, text } from "../reply.js";

export default defineCommand({
  name: "stats",
  summary: "Your accuracy per topic and level",
  usage: "/stats",
  args: z.object({}),
  async run({ deps, member }) {
    const rows = await deps.quizzes.stats(member.id);
    if (rows.length === 0) return privateReply("Your stats", [text("No answers yet. Start with `/quiz`.")]);
    const attempts = rows.reduce((n, r) => n + r.attempts, 0);
    const correct = rows.reduce((n, r) => n + r.correct, 0);
    const pct = (a: number, b: number) => `${Math.round((100 * a) / b)}%`;
    const lines = rows.map((r) => `• ${r.topic} L${r.level}: ${r.correct}/${r.attempts} correct (${pct(r.correct, r.attempts)})`);
    return privateReply("Your stats", [
      fields(["Answered", String(attempts)], ["Correct", `${correct} (${pct(correct, attempts)})`]),
      text(lines.join("\n")),
    ]);
  },
});
