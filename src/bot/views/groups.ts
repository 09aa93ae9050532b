/** Replies of the `group` command. */
import { cmd } from "../command-ref.js";
import type { Curriculum } from "../../curriculum/loader.js";
import type { Group } from "../ports.js";
import { channelReply, privateReply, text, type Reply, userText } from "../reply.js";
import { planDayNumber } from "./daily.js";

const members = (n: number) => `${n} member${n === 1 ? "" : "s"}`;

/** "30-day plan, day 4" or "no plan". */
export function planLabel(c: Curriculum, g: Group, today: string): string {
  const plan = g.planId ? c.plans.find((p) => p.id === g.planId) : undefined;
  if (!plan || !g.planStartDate) return "no plan";
  return `${plan.title}, day ${planDayNumber(plan, g.planStartDate, today)}`;
}

export function groupListReply(c: Curriculum, groups: Group[], mine: ReadonlySet<number>, today: string): Reply {
  if (groups.length === 0) {
    return privateReply("Study groups", [text(`There are no study groups here yet. Start one with ${cmd("group create", { name: "<name>" })}.`)]);
  }
  const lines = groups.map((g) =>
    `• **${userText(g.name)}** — ${members(g.memberCount)} · ${planLabel(c, g, today)}${mine.has(g.id) ? " · _you_" : ""}`);
  const hint = mine.size > 0 ? `Your group's board: ${cmd("leaderboard", { group: "<name>" })}.` : `Join one with ${cmd("group join", { name: "<name>" })}.`;
  return privateReply("Study groups", [text(lines.join("\n")), text(`_${hint}_`)]);
}

export function groupCreatedReply(g: Group, creator: string): Reply {
  return channelReply(`New study group: ${userText(g.name)}`, [
    text(`${userText(creator)} started the study group **${userText(g.name)}**. Join with ${cmd("group join", { name: userText(g.name) })}.`),
    text(`_Members get their own leaderboard (${cmd("leaderboard", { group: "<name>" })}) and can follow a plan together._`),
  ], `${userText(creator)} started the study group ${userText(g.name)}: join with ${cmd("group join", { name: userText(g.name) })}`);
}

export function groupJoinedReply(c: Curriculum, g: Group, today: string): Reply {
  const plan = g.planId ? ` It follows ${planLabel(c, g, today)}: ${cmd("daily")} shows the group's task.` : "";
  return privateReply(`You joined ${userText(g.name)}`, [
    text(`You're in **${userText(g.name)}** (${members(g.memberCount)}).${plan}`),
    text(`Points you earn from now on count on its board: ${cmd("leaderboard", { group: userText(g.name) })}.`),
  ]);
}

export function groupLeftReply(g: Group): Reply {
  return privateReply(`You left ${userText(g.name)}`, [
    text(`You're no longer in **${userText(g.name)}**. Your points stay on the server board; they leave the group's board with you.`),
  ]);
}

export function groupPlanReply(c: Curriculum, g: Group, today: string): Reply {
  const body = g.planId
    ? `**${userText(g.name)}** now follows ${planLabel(c, g, today)} (day 1 is today). Members see the day's task with ${cmd("daily")}.`
    : `**${userText(g.name)}** follows no plan now. Members' ${cmd("daily")} shows their channel's plan again.`;
  return privateReply(`${userText(g.name)}: plan ${g.planId ? "set" : "cleared"}`, [text(body)]);
}
