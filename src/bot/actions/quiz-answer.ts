import { defineAction } from "../command.js";
import { answerChoice } from "../services/quiz.js";

/** A click on one of a multiple-choice question's buttons. */
export default defineAction({
  type: "quiz.answer",
  run: (ctx) => answerChoice(ctx, ctx.args.sessionId, ctx.args.choice),
});
