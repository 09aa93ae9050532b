import { defineAction } from "../command.js";
import { cancelBookings, markHere } from "../services/scheduled-pairing.js";

/** The Cancel button on a scheduled mock's booking confirmation. */
export const mockUnbook = defineAction({
  type: "mock.unbook",
  run: (ctx) => cancelBookings(ctx, ctx.args.bookingId),
});

/** "I'm here" in a scheduled mock's thread: the member came (no no-show). */
export const mockHere = defineAction({
  type: "mock.here",
  run: (ctx) => markHere(ctx, ctx.args.matchId),
});
