import { defineAction } from "../command.js";
import { answerRound } from "../services/round.js";

/** A click on one of a round's option buttons. */
export default defineAction({
  type: "round.answer",
  run: (ctx) => answerRound(ctx, ctx.args.roundId, ctx.args.choice),
});
