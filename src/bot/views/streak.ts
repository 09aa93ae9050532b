/** How a streak looks: the `/streak` card, the reminder toggle's confirmation, the evening DM. */
import { cmd } from "../command-ref.js";
import { fields, privateReply, text, type Reply } from "../reply.js";

/** A member's streak as of today, as the streak service works it out. */
export interface StreakStatus {
  /** 0 when the streak is broken (a gap the freezes cannot cover). */
  current: number; best: number; freezes: number; countedToday: boolean; isAtRisk: boolean;
  /** Missed days the freezes will cover at the next activity. */
  coveredDays: number; remindersOn: boolean; today: string;
}

const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;
const OFF_HINT = `Turn these reminders off with ${cmd("streak reminders", { state: "off" })}.`;

function todayLine(s: StreakStatus): string {
  if (s.countedToday) return "✅ Today already counts.";
  if (s.current === 0) return `Answer one question (${cmd("quiz")}, ${cmd("review")}, ${cmd("drill")}) to start a streak today.`;
  if (s.coveredDays > 0) return `⚠️ Today doesn't count yet. Practise today and ${s.coveredDays === 1 ? "a freeze covers the missed day" : `${s.coveredDays} freezes cover the missed days`}.`;
  return "⚠️ Today doesn't count yet: one answer keeps your streak.";
}

export function streakReply(s: StreakStatus): Reply {
  const blocks = [
    fields(
      ["Current streak", days(s.current)], ["Best", days(s.best)], ["Freezes held", `${s.freezes} of 2`],
      ["Evening reminder", s.remindersOn ? "on" : "off"],
    ),
    text(todayLine(s)),
    text("_One practice a day counts: a quiz or review answer, a drill, a round answer or a finished mock. " +
      "Every 7 days in a row earns a freeze (up to 2); a freeze covers a missed day by itself._"),
  ];
  const summary = `Streak ${days(s.current)} (best ${days(s.best)}), ${s.freezes} freezes, today ${s.countedToday ? "counts" : "not counted yet"}, reminders ${s.remindersOn ? "on" : "off"}.`;
  return privateReply("🔥 Your streak", blocks, summary);
}

export function remindersReply(isOn: boolean, changed: boolean): Reply {
  const message = isOn
    ? `${changed ? "Evening reminders are now on" : "Evening reminders are on"}: if your streak is at risk, I'll message you at 20:00 your time. ${OFF_HINT}`
    : `${changed ? "Evening reminders are now off" : "Evening reminders are off"}. Turn them back on with ${cmd("streak reminders", { state: "on" })}.`;
  return privateReply(undefined, [text(message)], message);
}

export function streakReminderReply(s: StreakStatus): Reply {
  const save = s.coveredDays > 0
    ? `Answer one question today and ${s.coveredDays === 1 ? "a freeze covers the missed day" : "your freezes cover the missed days"}.`
    : `Answer one question today to keep it: ${cmd("quiz")}, ${cmd("review")} or ${cmd("drill")}.`;
  const message = `🔥 Your ${days(s.current)} streak is at risk. ${save}`;
  return privateReply("Your streak is at risk", [text(message), text(`_${OFF_HINT}_`)], `${message} ${OFF_HINT}`);
}
