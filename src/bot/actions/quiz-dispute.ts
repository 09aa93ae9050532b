import { defineAction } from "../command.js";
import { disputePoint } from "../services/quiz.js";
import { disputedReply } from "../views/quiz.js";

/** "I covered this" under a missed key point: the member disputes the grade (issue 17). */
export default defineAction({
  type: "quiz.dispute",
  run: async (ctx) => disputedReply(await disputePoint(ctx, ctx.args.sessionId, ctx.args.point)),
});
