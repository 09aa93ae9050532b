import { z } from "zod";
import { defineCommand } from "../command.js";
import { cmd, refText, usage } from "../command-ref.js";
import { privateReply, text } from "../reply.js";

export default defineCommand({
  name: "help",
  summary: "What prepcoach does and how to start",
  usage: [usage("help", { command: "<command>" })],
  args: z.object({ command: z.string().trim().toLowerCase().transform((c) => c.replace(/^\//, "")).optional() }),
  async run({ args, deps }) {
    // Imported lazily: the registry imports this file, so a static import would be circular.
    const { commands } = await import("./index.js");
    const one = args.command ? commands.find((c) => c.name === args.command) : undefined;
    if (one) return privateReply(cmd(one.name), [text(one.summary), text(one.usage.map((u) => `• ${refText(u)}`).join("\n"))]);
    const list = commands.map((c) => `• ${cmd(c.name)} — ${c.summary}`).join("\n");
    const intro = "prepcoach coaches you for system-design interviews: quizzes at three levels " +
      `across ${deps.curriculum.topics.length} topics, daily tasks from study plans, and your progress.`;
    return privateReply("prepcoach help", [text(intro), text(list),
      text(`New here? Try ${cmd("quiz")} or ${cmd("daily")}. ${cmd("help", { command: "<command>" })} shows a command's options.`)]);
  },
});
