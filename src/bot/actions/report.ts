import { defineAction } from "../command.js";
import { noteReport, openReport, reportKind } from "../services/reports.js";

/** The Report button under a question or drill: the kinds to pick from. */
export const reportOpen = defineAction({
  type: "report.open",
  run: async (ctx) => openReport(ctx, ctx.args.itemId),
});

/** A kind picked (wrong, unclear, too easy, too hard, typo): recorded at once; a note may follow. */
export const reportPick = defineAction({
  type: "report.kind",
  run: (ctx) => reportKind(ctx, ctx.args.itemId, ctx.args.kind),
});

/** The optional note's form. */
export const reportNote = defineAction({
  type: "report.note",
  run: (ctx) => noteReport(ctx, ctx.args.itemId, ctx.args.kind, ctx.text),
});
