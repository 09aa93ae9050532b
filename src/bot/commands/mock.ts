import { z } from "zod";
import { defineCommand } from "../command.js";
import { usage } from "../command-ref.js";
import { DEFAULT_MINUTES, endMock, nextPhase, requireOwnSession, startMock } from "../services/mock.js";
import { joinQueue, leaveQueue } from "../services/pairing.js";
import { bookSlot, cancelBookings } from "../services/scheduled-pairing.js";

export default defineCommand({
  name: "mock",
  summary: "A timed mock interview in a thread, solo or with a peer (now or at a booked time): start, pair, leave, next, end",
  usage: [
    usage("mock start", { problem: "<id or name>", minutes: "20-90", framework: "radio|redsco" }),
    usage("mock pair", { when: "<tomorrow 19:00 | today 7pm | sat 18:30 | 2026-12-08 19:00 | cancel>" }),
    ...["leave", "next", "end"].map((a) => usage(`mock ${a}`)),
  ],
  actionArgs: { start: ["problem", "minutes", "framework"], pair: ["when"], leave: [], next: [], end: [] },
  args: z.object({
    action: z.enum(["start", "pair", "leave", "next", "end"], { message: "action must be start, pair, leave, next or end" }).default("start"),
    problem: z.string().trim().toLowerCase().optional(),
    minutes: z.coerce.number({ message: "minutes must be a number from 20 to 90" }).int().min(20, "minutes must be 20 to 90")
      .max(90, "minutes must be 20 to 90").default(DEFAULT_MINUTES),
    framework: z.enum(["radio", "redsco"], { message: "framework must be radio or redsco" }).default("radio"),
    /** A scheduled peer mock's start in your zone; "cancel" cancels your open bookings; empty: pair now. */
    when: z.string().trim().max(40, "when must be a day and a time, e.g. tomorrow 19:00").optional(),
  }),
  async run(ctx) {
    const { args } = ctx;
    if (args.action === "start") {
      return startMock(ctx, { minutes: args.minutes, framework: args.framework, ...(args.problem ? { problemId: args.problem } : {}) });
    }
    if (args.action === "pair") {
      if (!args.when) return joinQueue(ctx);
      return args.when.toLowerCase() === "cancel" ? cancelBookings(ctx) : bookSlot(ctx, args.when);
    }
    if (args.action === "leave") return leaveQueue(ctx);
    const session = await requireOwnSession(ctx);
    return args.action === "next" ? nextPhase(ctx, session) : endMock(ctx.deps, session, "You ended the interview.");
  },
});
