import { z } from "zod";
import { defineCommand } from "../command.js";
import { UserError } from "../errors.js";
import { text } from "../reply.js";
import { localDate } from "../time.js";
import { dailyTaskReply, defaultPlan, planDayNumber } from "../views/daily.js";

export default defineCommand({
  name: "daily",
  summary: "Today's task from this channel's study plan",
  usage: "/daily",
  args: z.object({}),
  async run({ deps, event, space }) {
    const sub = await deps.subscriptions.get(space.id, event.channel.id);
    const plan = (sub?.planId && deps.curriculum.plans.find((p) => p.id === sub.planId)) || defaultPlan(deps.curriculum);
    if (!plan) throw new UserError("daily.noPlan");
    const tz = sub?.timezone ?? space.timezone;
    const day = sub ? planDayNumber(plan, sub.startDate, localDate(deps.clock.now(), tz)) : 1;
    const reply = dailyTaskReply(deps.curriculum, plan, day, "private");
    if (sub?.planId) return reply;
    const hint = `This channel follows no plan yet, so here is day 1 of ${plan.title}. ` +
      "An admin can choose one with `/config plan <id>`.";
    return { ...reply, blocks: [...reply.blocks, text(`_${hint}_`)] };
  },
});
