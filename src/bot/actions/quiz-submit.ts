import { defineAction } from "../command.js";
import { answerFree } from "../services/quiz.js";

/** A free-text answer submitted through the form (modal on Discord and Slack). */
export default defineAction({
  type: "quiz.free",
  run: (ctx) => answerFree(ctx, ctx.args.sessionId, ctx.text),
});
