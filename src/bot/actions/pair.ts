import { defineAction } from "../command.js";
import { UserError } from "../errors.js";
import { DEFAULT_MINUTES, startMock } from "../services/mock.js";
import { ratePeer, swapRoles } from "../services/peer-scores.js";

/** A peer's rating of the other side, one rubric criterion per click. */
export const mockPeer = defineAction({
  type: "mock.peer",
  run: (ctx) => ratePeer(ctx, ctx.args),
});

/** "Swap roles" on a peer scorecard: a second round, the other one interviewing. */
export const mockSwap = defineAction({
  type: "mock.swap",
  run: (ctx) => swapRoles(ctx, ctx.args.sessionId),
});

/** Offered when nobody was paired in time: a solo mock in the channel the member queued in. */
export const mockSolo = defineAction({
  type: "mock.solo",
  run: async (ctx) => {
    // The offer is posted in the channel, so anyone could click it: it is only for the member who waited.
    if (ctx.member.id !== ctx.args.memberId) throw new UserError("pair.notYourOffer");
    return startMock(ctx, { minutes: DEFAULT_MINUTES, framework: "radio", channelId: ctx.args.channelId });
  },
});
