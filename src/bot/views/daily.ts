/** The day's task of a study plan, as posted daily and shown by /daily. */
import type { Curriculum } from "../../curriculum/loader.js";
import type { Plan } from "../../curriculum/schema.js";
import { encodeAction } from "../action-ids.js";
import { text, type Block, type Reply } from "../reply.js";
import { daysBetween } from "../time.js";

/** Day n (1-based) of a plan started on `startDate`, wrapping round when the plan ends. */
export function planDayNumber(plan: Plan, startDate: string, today: string): number {
  const elapsed = Math.max(0, daysBetween(startDate, today));
  return (elapsed % plan.days.length) + 1;
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
  blocks.push({
    kind: "choices",
    options: day.topics.slice(0, 5).map((t) => ({ action: encodeAction({ type: "quiz.next", topic: t, level: 0 }), label: `Quiz me: ${t}` })),
  });
  const title = `${plan.title} — day ${day.day} of ${plan.days.length}`;
  return { visibility, title, blocks, fallback: `${title}: ${day.title}` };
}
