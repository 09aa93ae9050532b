import { z } from "zod";
import { defineCommand } from "../command.js";
import { usage } from "../command-ref.js";
import { setReminders, streakStatus } from "../services/streaks.js";
import { remindersReply, streakReply } from "../views/streak.js";

export default defineCommand({
  name: "streak",
  summary: "Your streak: days in a row, best, freezes, and the evening reminder",
  usage: [usage("streak show"), usage("streak reminders", { state: "on|off" }, [])],
  actionArgs: { show: [], reminders: ["state"] },
  args: z.object({
    action: z.enum(["show", "reminders"], { message: "action must be show or reminders" }).default("show"),
    state: z.enum(["on", "off"], { message: "reminders must be on or off" }).optional(),
  }),
  async run({ args, deps, member, space }) {
    if (args.action === "show") return streakReply(await streakStatus(deps, member, space));
    const status = await streakStatus(deps, member, space);
    if (!args.state) return remindersReply(status.remindersOn, false);
    const isOn = args.state === "on";
    if (isOn !== status.remindersOn) await setReminders(deps, member, isOn);
    return remindersReply(isOn, isOn !== status.remindersOn);
  },
});
