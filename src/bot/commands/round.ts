import { z } from "zod";
import { defineCommand } from "../command.js";
import { usage } from "../command-ref.js";
import { DEFAULT_ROUND_MINUTES, MAX_ROUND_MINUTES, MIN_ROUND_MINUTES, startRound } from "../services/round.js";

const MINUTES_RANGE = `minutes must be a whole number from ${MIN_ROUND_MINUTES} to ${MAX_ROUND_MINUTES}`;

export default defineCommand({
  name: "round",
  summary: "A timed quiz for the whole channel: everyone answers, results and points when it closes",
  usage: [usage("round start", { topic: "<topic>", minutes: `${MIN_ROUND_MINUTES}-${MAX_ROUND_MINUTES}` })],
  actionArgs: { start: ["topic", "minutes"] },
  args: z.object({
    action: z.enum(["start"], { message: "action must be start" }).default("start"),
    topic: z.string().trim().toLowerCase().min(1).optional(),
    minutes: z.coerce.number({ message: MINUTES_RANGE }).int(MINUTES_RANGE).min(MIN_ROUND_MINUTES, MINUTES_RANGE)
      .max(MAX_ROUND_MINUTES, MINUTES_RANGE).default(DEFAULT_ROUND_MINUTES),
  }),
  async run(ctx) {
    const { topic, minutes } = ctx.args;
    return startRound(ctx, { minutes, ...(topic ? { topic } : {}) });
  },
});
