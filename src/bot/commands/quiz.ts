import { z } from "zod";
import { defineCommand } from "../command.js";
import { askQuestion } from "../services/quiz.js";

export default defineCommand({
  name: "quiz",
  summary: "One question: multiple choice or free text, graded at once",
  usage: "/quiz [topic] [level 1-3] [format mcq|free]",
  args: z.object({
    topic: z.string().trim().toLowerCase().min(1).optional(),
    level: z.coerce.number({ message: "level must be 1, 2 or 3" }).int("level must be 1, 2 or 3")
      .min(1, "level must be 1, 2 or 3").max(3, "level must be 1, 2 or 3").optional(),
    format: z.enum(["mcq", "free"], { message: "format must be mcq or free" }).optional(),
  }),
  async run(ctx) {
    const { topic, level, format } = ctx.args;
    return askQuestion(ctx, {
      ...(topic ? { topic } : {}), ...(level ? { level: level as 1 | 2 | 3 } : {}), ...(format ? { format } : {}),
    });
  },
});
