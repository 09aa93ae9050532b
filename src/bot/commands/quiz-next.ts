import { defineAction } from "../command.js";
import { askQuestion } from "../services/quiz.js";

/** The "Next question" button under a grade: same topic and level. */
export default defineAction({
  type: "quiz.next",
  run: (ctx) => askQuestion(ctx, {
    ...(ctx.args.topic ? { topic: ctx.args.topic } : {}),
    ...(ctx.args.level >= 1 && ctx.args.level <= 3 ? { level: ctx.args.level as 1 | 2 | 3 } : {}),
  }),
});
