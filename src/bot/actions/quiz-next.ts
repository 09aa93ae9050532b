import { defineAction } from "../command.js";
import { askDrill } from "../services/drill.js";
import { askQuestion } from "../services/quiz.js";
import { REVIEW_TOPIC } from "../action-ids.js";
import { nextReview } from "../services/review.js";

/** The "Next question" button under a grade: same topic and level; after a review, the next due card. */
export default defineAction({
  type: "quiz.next",
  // "Another drill" reuses this button with the pseudo-topic "drill", a review's with "review".
  run: (ctx) => ctx.args.topic === "drill" ? askDrill(ctx, ctx.args.level as 1 | 2 | 3)
    : ctx.args.topic === REVIEW_TOPIC ? nextReview(ctx)
    : askQuestion(ctx, {
      ...(ctx.args.topic ? { topic: ctx.args.topic } : {}),
      ...(ctx.args.level >= 1 && ctx.args.level <= 3 ? { level: ctx.args.level as 1 | 2 | 3 } : {}),
    }),
});
