import { defineAction } from "../command.js";
import { endMock, nextPhase, rateCriterion, requireOwnSession, sayInMock } from "../services/mock.js";

/** The Next phase / End buttons in the interview's thread (Slack has no slash commands in threads). */
export const mockNext = defineAction({
  type: "mock.next",
  run: async (ctx) => nextPhase(ctx, await requireOwnSession(ctx, ctx.args.sessionId)),
});

/** The Answer form in the thread, where the platform does not pass thread messages to the bot. */
export const mockSay = defineAction({
  type: "mock.say",
  run: async (ctx) => sayInMock(ctx, await requireOwnSession(ctx, ctx.args.sessionId), ctx.text),
});

export const mockEnd = defineAction({
  type: "mock.end",
  run: async (ctx) => endMock(ctx.deps, await requireOwnSession(ctx, ctx.args.sessionId), "You ended the interview."),
});

/** A self-rating for one rubric criterion after the interview. */
export const mockRate = defineAction({
  type: "mock.rate",
  run: (ctx) => rateCriterion(ctx, ctx.args.sessionId, ctx.args.criterion, ctx.args.band),
});
