import { z } from "zod";
import { defineCommand } from "../command.js";
import { cmd, usage } from "../command-ref.js";
import { UserError } from "../errors.js";
import { privateReply, text } from "../reply.js";
import { planIds } from "../services/groups.js";
import { memberPlanToday, pausePlan, requirePlanToday, resumePlan, skipDay, startPlan, type PlanToday } from "../services/member-plan.js";
import { daysBetween, readableDate } from "../time.js";
import { noPlanReply, planReply } from "../views/member-plan.js";

const at = (t: PlanToday) => t.standing.isFinished ? "which you had finished" : `which you were on at day ${t.standing.day} of ${t.standing.total}`;

/** A study plan a member follows on their own; their group's or channel's plan is unaffected. */
export default defineCommand({
  name: "plan",
  summary: "Follow a study plan yourself, a day at a time: start, status, skip, pause, resume, stop",
  usage: [usage("plan start", { plan: "<id>" }, []), ...["status", "skip", "pause", "resume", "stop"].map((a) => usage(`plan ${a}`))],
  actionArgs: { start: ["plan"], status: [], skip: [], pause: [], resume: [], stop: [] },
  args: z.object({
    action: z.enum(["start", "status", "skip", "pause", "resume", "stop"], { message: "action must be start, status, skip, pause, resume or stop" })
      .default("status"),
    plan: z.string().trim().toLowerCase().max(100).optional(),
  }),
  async run({ args, deps, member, space }) {
    const c = deps.curriculum;
    if (args.action === "start") {
      const { current, previous } = await startPlan(deps, member, space, args.plan);
      const note = !previous ? `Day 1 is today (${readableDate(current.today)}); each new day in your time zone moves you on one.`
        : previous.plan.id === current.plan.id ? `You were on day ${previous.standing.day} of it; it starts over from day 1 today.`
        : `This replaces ${previous.plan.title}, ${at(previous)}.`;
      return planReply(c, current, [note], `You're following ${current.plan.title}`);
    }
    if (args.action === "status") {
      const current = await memberPlanToday(deps, member, space);
      return current ? planReply(c, current) : noPlanReply(c);
    }
    if (args.action === "stop") {
      const current = await memberPlanToday(deps, member, space);
      if (!(await deps.memberPlans.clear(member.id))) throw new UserError("plan.none", { plans: planIds(deps) });
      const title = current ? `You left ${current.plan.title}` : "You left your plan";
      const where = !current ? "" : current.standing.isFinished ? "You had finished it. " : `You stopped at day ${current.standing.day} of ${current.standing.total}. `;
      return privateReply(title, [text(`${where}Your answers, reviews and points stay; ${cmd("plan start", { plan: "<id>" })} follows a plan again.`)]);
    }
    const current = await requirePlanToday(deps, member, space);
    if (args.action === "skip") {
      const next = await skipDay(deps, current);
      const { day, total } = next.standing;
      const note = next.standing.isFinished ? `Skipped day ${current.standing.day}, the last one.` : `Skipped day ${current.standing.day}: day ${day} is today's task.`;
      return planReply(c, next, [note], `Skipped to day ${day} of ${total}`);
    }
    if (args.action === "pause") {
      const next = await pausePlan(deps, current);
      return planReply(c, next, [`Your plan holds at day ${next.standing.day} until you ${cmd("plan resume")}.`], `Paused at day ${next.standing.day}`);
    }
    const held = daysBetween(current.row.pausedOn ?? current.today, current.today);
    const next = await resumePlan(deps, current);
    return planReply(c, next, [`Paused for ${held} day${held === 1 ? "" : "s"}; you carry on from day ${next.standing.day}.`],
      `Resumed at day ${next.standing.day}`);
  },
});
