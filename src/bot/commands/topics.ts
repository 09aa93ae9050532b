import { z } from "zod";
import { LEVEL_NAMES } from "../../curriculum/schema.js";
import { defineCommand } from "../command.js";
import { cmd, usage } from "../command-ref.js";
import { privateReply, text } from "../reply.js";
import { levelIn, RECENT_LIMIT } from "../services/progress.js";

export default defineCommand({
  name: "topics",
  summary: "The topics and your level in each",
  usage: [usage("topics")],
  args: z.object({}),
  async run({ deps, member }) {
    const recent = await deps.quizzes.recentAttempts(member.id, RECENT_LIMIT);
    const lines = deps.curriculum.topics.map((t) => {
      const answered = recent.filter((a) => a.topic === t.id).length;
      const level = levelIn(recent, t.id);
      const progress = answered ? `level ${level} (${LEVEL_NAMES[level]}), ${answered} answered recently` : "not started";
      return `• **${t.id}** — ${t.title}: ${progress}`;
    });
    return privateReply("Topics", [
      text(lines.join("\n")),
      text(`Start one with ${cmd("quiz", { topic: "<topic>" })}. A level unlocks after 70% over your last 8 answers at the level below.`),
    ]);
  },
});
