import { defineAction } from "../command.js";
import { answerDrill } from "../services/drill.js";

/** The estimate typed into a drill's form. */
export default defineAction({
  type: "drill.answer",
  run: (ctx) => answerDrill(ctx, ctx.args.sessionId, ctx.text),
});
