/** The day's task of a study plan, as posted daily and shown by /daily. */
import { cmd } from "../command-ref.js";
import type { Curriculum } from "../../curriculum/loader.js";
import type { Plan } from "../../curriculum/schema.js";
import { encodeAction } from "../action-ids.js";
import type { Weekday } from "../ports.js";
import { text, type Block, type Reply } from "../reply.js";
import { addDays, daysBetween, weekdayOf } from "../time.js";

/** Day n (1-based) of a plan started on `startDate`, wrapping round when the plan ends. */
export function planDayNumber(plan: Plan, startDate: string, today: string): number {
  const elapsed = Math.max(0, daysBetween(startDate, today));
  return (elapsed % plan.days.length) + 1;
}

/**
 * A channel's plan day on `date`: how many of its posting days fall in [startDate, date], so a
 * mon–fri channel goes day 1, 2, 3… on its weekdays and skips no plan day over a weekend. It
 * runs past the plan's length once the plan is done (the caller says so before going round again).
 */
export function channelPlanDay(startDate: string, date: string, days: readonly Weekday[]): number {
  const span = daysBetween(startDate, date) + 1;
  if (span <= 0) return 1;
  let count = Math.floor(span / 7) * days.length;
  for (let i = Math.floor(span / 7) * 7; i < span; i++) if (days.includes(weekdayOf(addDays(startDate, i)))) count += 1;
  return Math.max(1, count);
}

/** Posted on the first posting day after a channel's plan ends: it is done, and what could come next. */
export function planFinishedReply(c: Curriculum, plan: Plan): Reply {
  const others = c.plans.filter((p) => p.id !== plan.id);
  const title = `${plan.title} is complete`;
  const blocks: Block[] = [text(`🎉 This channel has worked through all ${plan.days.length} days of **${plan.title}**. Unless an admin picks another plan, it starts again from day 1 on the next posting day.`)];
  if (others.length) {
    blocks.push(text(`**What next:**\n${others.map((p) => `• **${p.title}** (\`${p.id}\`): ${p.summary}`).join("\n")}`));
    blocks.push(text(`_An admin starts the next one with ${cmd("config set", { plan: others[0]!.id })} (day 1 is its first posting day)._`));
  }
  return { visibility: "channel", title, blocks, fallback: `${title}: all ${plan.days.length} days done.` };
}

export function defaultPlan(c: Curriculum): Plan | undefined {
  return c.plans.find((p) => p.id === "thirty-day") ?? c.plans[0];
}

export function dailyTaskReply(c: Curriculum, plan: Plan, dayNumber: number, visibility: Reply["visibility"]): Reply {
  const day = plan.days[dayNumber - 1] ?? plan.days[0]!;
  const blocks: Block[] = [
    text(`**${day.title}**\n${day.task}`),
    text(`Topics: ${day.topics.join(", ")}`),
  ];
  const questions = day.questions.map((id) => c.questionsById.get(id)).filter((q) => q !== undefined);
  if (questions.length) blocks.push(text(questions.map((q) => `• ${q.prompt}`).join("\n")));
  // A topic the space switched off gets no button (issue 22); the others quiz from the space's own questions too.
  const live = day.topics.filter((t) => c.topics.some((x) => x.id === t)).slice(0, 5);
  if (live.length) {
    blocks.push({ kind: "choices", options: live.map((t) => ({ action: encodeAction({ type: "quiz.next", topic: t, level: 0 }), label: `Quiz me: ${t}` })) });
  }
  const title = `${plan.title} — day ${day.day} of ${plan.days.length}`;
  return { visibility, title, blocks, fallback: `${title}: ${day.title}` };
}
