import { z } from "zod";
import { defineCommand } from "../command.js";
import { cmd, usage } from "../command-ref.js";
import { fields, privateReply, text } from "../reply.js";
import { memberPlanToday } from "../services/member-plan.js";
import { streakStatus, zoneOf } from "../services/streaks.js";
import { localDayText } from "../time.js";
import { planLine } from "../views/member-plan.js";

/** Due cards counted at most this far: "50+" says enough and keeps the query small. */
const DUE_CAP = 50;

/**
 * A member's progress at a glance: what Slack's App Home tab shows, and `/progress` anywhere.
 */
export default defineCommand({
  name: "progress",
  summary: "Your progress at a glance: reviews due, questions answered, streak, your plan's day",
  usage: [usage("progress")],
  args: z.object({}),
  async run({ deps, member, space }) {
    const now = deps.clock.now();
    const due = await deps.reviews.due(member.id, now, DUE_CAP);
    const { next, total } = await deps.reviews.upcoming(member.id, now);
    const rows = await deps.quizzes.stats(member.id);
    const answered = rows.reduce((n, r) => n + r.attempts, 0);
    const correct = rows.reduce((n, r) => n + r.correct, 0);
    const dueText = due.length >= DUE_CAP ? `${DUE_CAP}+` : String(due.length);
    const nextText = due.length ? "now" : next ? localDayText(next, zoneOf(member, space)) : "—";
    const streak = await streakStatus(deps, member, space);
    const plan = await memberPlanToday(deps, member, space);
    return privateReply("Your progress", [
      fields(
        ["Reviews due", dueText], ["Next review", nextText], ["Questions answered", String(answered)],
        ["Correct", answered ? `${correct} (${Math.round((100 * correct) / answered)}%)` : "—"],
        ["Cards in your deck", String(total)], ["Streak", `${streak.current} day${streak.current === 1 ? "" : "s"}${streak.countedToday ? " ✅" : ""}`],
        ...(plan ? [["Plan", planLine(plan)] as [string, string]] : []),
      ),
      text(answered ? `Keep going: ${cmd("review")} clears what is due, ${cmd("quiz")} asks something new.` : `Start with ${cmd("quiz")}: every answer builds your review deck.`),
    ], `Reviews due: ${dueText}. Questions answered: ${answered}.`);
  },
});
