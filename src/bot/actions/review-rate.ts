import { defineAction } from "../command.js";
import { rateRecall } from "../services/quiz.js";
import { ratedReply } from "../views/quiz.js";

/** Again / Hard / Good / Easy under a free-text grade: the person's own recall rating. */
export default defineAction({
  type: "review.rate",
  run: async (ctx) => ratedReply(ctx.args.rating, await rateRecall(ctx, ctx.args.sessionId, ctx.args.rating)),
});
