import { defineAction } from "../command.js";
import { askDrill } from "../services/drill.js";
import { askQuestion } from "../services/quiz.js";

/** The "Next question" button under a grade: same topic and level. */
export default defineAction({
  type: "quiz.next",
  // "Another drill" reuses this button with the pseudo-topic "drill".
  run: (ctx) => ctx.args.topic === "drill" ? askDrill(ctx, ctx.args.level as 1 | 2 | 3) : askQuestion(ctx, {
    ...(ctx.args.topic ? { topic: ctx.args.topic } : {}),
    ...(ctx.args.level >= 1 && ctx.args.level <= 3 ? { level: ctx.args.level as 1 | 2 | 3 } : {}),
  }),
});
