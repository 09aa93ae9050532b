import { z } from "zod";
import { LEVEL_NAMES } from "../../curriculum/schema.js";
import { defineCommand } from "../command.js";
import { privateReply, text } from "../reply.js";

export default defineCommand({
  name: "topics",
  summary: "The topics and how you are doing in each",
  usage: "/topics",
  args: z.object({}),
  async run({ deps, member }) {
    const stats = await deps.quizzes.stats(member.id);
    const lines = deps.curriculum.topics.map((t) => {
      const mine = stats.filter((s) => s.topic === t.id);
      const tried = mine.reduce((n, s) => n + s.attempts, 0);
      const best = Math.max(1, ...mine.map((s) => s.level)) as 1 | 2 | 3;
      const progress = tried ? `level ${best} (${LEVEL_NAMES[best]}), ${tried} answered` : "not started";
      return `• **${t.id}** — ${t.title}: ${progress}`;
    });
    return privateReply("Topics", [text(lines.join("\n")), text("Start one with `/quiz <topic>`.")]);
  },
});
