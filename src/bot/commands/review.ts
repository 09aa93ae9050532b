import { z } from "zod";
import { defineCommand } from "../command.js";
import { usage } from "../command-ref.js";
import { nextReview } from "../services/review.js";

export default defineCommand({
  name: "review",
  summary: "Spaced repetition: the questions due for you today",
  usage: [usage("review")],
  args: z.object({}),
  run: (ctx) => nextReview(ctx),
});
