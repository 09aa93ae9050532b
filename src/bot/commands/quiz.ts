import { z } from "zod";
import { defineCommand } from "../command.js";
import { usage } from "../command-ref.js";
import { levelArg } from "./args.js";
import { askQuestion } from "../services/quiz.js";

export default defineCommand({
  name: "quiz",
  summary: "One question: multiple choice or free text, graded at once",
  usage: [usage("quiz", { topic: "<topic>", level: "1-3", format: "mcq|free" })],
  args: z.object({
    topic: z.string().trim().toLowerCase().min(1).optional(),
    level: levelArg.optional(),
    format: z.enum(["mcq", "free"], { message: "format must be mcq or free" }).optional(),
  }),
  async run(ctx) {
    const { topic, level, format } = ctx.args;
    return askQuestion(ctx, {
      ...(topic ? { topic } : {}), ...(level ? { level } : {}), ...(format ? { format } : {}),
    });
  },
});
