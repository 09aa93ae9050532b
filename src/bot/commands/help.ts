import { z } from "zod";
import { defineCommand } from "../command.js";
import { privateReply, text } from "../reply.js";

export default defineCommand({
  name: "help",
  summary: "What prepcoach does and how to start",
  usage: "/help [command]",
  args: z.object({ command: z.string().trim().toLowerCase().transform((c) => c.replace(/^\//, "")).optional() }),
  async run({ args, deps }) {
    // Imported lazily: the registry imports this file, so a static import would be circular.
    const { commands } = await import("./index.js");
    const one = args.command ? commands.find((c) => c.name === args.command) : undefined;
    if (one) return privateReply(`/${one.name}`, [text(`${one.summary}\n\`${one.usage}\``)]);
    const list = commands.map((c) => `• \`${c.usage}\` — ${c.summary}`).join("\n");
    const intro = "prepcoach coaches you for system-design interviews: quizzes at three levels " +
      `across ${deps.curriculum.topics.length} topics, daily tasks from study plans, and your progress.`;
    return privateReply("prepcoach help", [text(intro), text(list), text("New here? Try `/quiz` or `/daily`.")]);
  },
});
