/** Replies of `/plan`: where a member's own plan stands, with the day's task. */
import { cmd } from "../command-ref.js";
import type { Curriculum } from "../../curriculum/loader.js";
import type { Plan } from "../../curriculum/schema.js";
import type { MemberPlan } from "../ports.js";
import { fields, privateReply, text, type Block, type Reply } from "../reply.js";
import { readableDate } from "../time.js";
import { dailyTaskReply } from "./daily.js";

/** Where a plan stands on a local date. `day` is capped at `total`; `isFinished` once past it. */
export interface PlanStanding { day: number; total: number; isFinished: boolean; isPaused: boolean }

/** The member's plan as of today: the row, its curriculum plan, the local date and the standing. */
export interface PlanToday { row: MemberPlan; plan: Plan; today: string; standing: PlanStanding }

const BAR_WIDTH = 10;

/** "███░░░░░░░ 30%": the share of the plan's days behind the member. */
export function progressBar(done: number, total: number): string {
  const share = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const filled = Math.round(share * BAR_WIDTH);
  return `${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)} ${Math.round(share * 100)}%`;
}

/** "Seven weeks, day 3 of 49": the line /progress shows. */
export function planLine(t: PlanToday): string {
  const { day, total, isFinished, isPaused } = t.standing;
  if (isFinished) return `${t.plan.title}, finished (${total} days)`;
  return `${t.plan.title}, day ${day} of ${total}${isPaused ? " (paused)" : ""}`;
}

const HINT = `${cmd("plan skip")} moves on a day, ${cmd("plan pause")} holds the day number, ${cmd("plan stop")} leaves the plan.`;

/** The plan's standing, then the day's task (today's not done yet, so it isn't in the bar); `notes` first: what just changed. */
export function planReply(c: Curriculum, t: PlanToday, notes: readonly string[] = [], title?: string): Reply {
  const { day, total, isFinished, isPaused } = t.standing;
  if (isFinished) return finishedReply(c, t, notes);
  const task = dailyTaskReply(c, t.plan, day, "private");
  const state: Array<[string, string]> = [["Day", `${day} of ${total}`], ["Progress", progressBar(day - 1, total)], ["Started", readableDate(t.row.startDate)]];
  if (t.row.pausedOn) state.push(["Paused since", readableDate(t.row.pausedOn)]);
  const blocks: Block[] = [...notes.map(text), fields(...state), ...task.blocks, text(isPaused ? `Paused: ${cmd("plan resume")} carries on from this day.` : HINT)];
  const heading = title ?? task.title ?? t.plan.title;
  return privateReply(heading, blocks, `${heading}. ${task.fallback}`);
}

function finishedReply(c: Curriculum, t: PlanToday, notes: readonly string[]): Reply {
  const { total } = t.standing;
  return privateReply(`You finished ${t.plan.title}`, [
    ...notes.map(text),
    fields(["Days", `${total} of ${total}`], ["Progress", progressBar(total, total)], ["Started", readableDate(t.row.startDate)]),
    text(`Well done. Start another plan with ${cmd("plan start", { plan: "<id>" })} (${c.plans.map((p) => `\`${p.id}\``).join(", ")}), or leave this one with ${cmd("plan stop")}.`),
  ], `You finished ${t.plan.title} (${total} days).`);
}

/** What `/plan` says to a member without a plan of their own: how to start, and the plans. */
export function noPlanReply(c: Curriculum, note?: string): Reply {
  const list = c.plans.map((p) => `• \`${p.id}\` — **${p.title}** (${p.days.length} days): ${p.summary}`).join("\n");
  return privateReply("You follow no plan of your own", [
    ...(note ? [text(note)] : []),
    text(`Start one with ${cmd("plan start", { plan: "<id>" })}: day 1 is today, and ${cmd("daily")} then shows your day's task.`),
    text(list || "No study plans are installed yet."),
  ]);
}
