/** The weekly digest post. */
import { cmd } from "../command-ref.js";
import type { BoardRow, StreakRow } from "../ports.js";
import { channelReply, divider, text, type Block, type Reply, userText } from "../reply.js";
import { rankLines } from "./board.js";

/** Monday and Sunday (YYYY-MM-DD) of a week, its board period, and the period of the week before. */
export interface DigestWeek { start: string; end: string; period: string; before: string }

/** A member's gain over the week before. */
export interface Improvement { memberId: number; name: string; before: number; after: number; gain: number }

/** What the digest shows; the digest service gathers it. */
export interface DigestData {
  week: DigestWeek;
  top: BoardRow[];
  streaks: StreakRow[];
  improved: Improvement[];
  groups: Array<{ name: string; top: BoardRow[] }>;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const dayMonth = (date: string) => `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]}`;

/** "16–22 Nov" or "30 Nov – 6 Dec". */
export function weekLabel(w: DigestWeek): string {
  return w.start.slice(5, 7) === w.end.slice(5, 7)
    ? `${Number(w.start.slice(8, 10))}–${dayMonth(w.end)}`
    : `${dayMonth(w.start)} – ${dayMonth(w.end)}`;
}

const ranked = (rows: readonly BoardRow[]) => rankLines(rows, "pts").join("\n");
const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

export function digestReply(d: DigestData): Reply {
  const title = `Weekly digest: ${weekLabel(d.week)}`;
  const blocks: Block[] = [text(`**Top of the week**\n${ranked(d.top)}`)];
  if (d.streaks.length) blocks.push(text(`**Longest streaks**\n${d.streaks.map((s) => `• ${userText(s.name)} — ${days(s.current)}`).join("\n")}`));
  if (d.improved.length) {
    const lines = d.improved.map((i) => `• ${userText(i.name)} +${i.gain} pts (${i.before} → ${i.after})`);
    blocks.push(text(`**Most improved** (vs the week before)\n${lines.join("\n")}`));
  }
  const active = d.groups.filter((g) => g.top.length > 0);
  const quiet = d.groups.filter((g) => g.top.length === 0);
  if (d.groups.length) blocks.push(divider);
  for (const g of active) blocks.push(text(`**Group ${userText(g.name)}**\n${ranked(g.top)}`));
  if (quiet.length) blocks.push(text(`_Quiet this week: ${quiet.map((g) => userText(g.name)).join(", ")}. A ${cmd("quiz")} a day gets a group going._`));
  blocks.push(text(`_New week, fresh board: ${cmd("daily")} for today's task, ${cmd("leaderboard")} for where you stand._`));
  const leader = d.top[0]!;
  return channelReply(title, blocks, `${title}. Top: ${userText(leader.name)} with ${leader.points} pts.`);
}

/** A week nobody earned points in: a nudge, not an empty table. */
export function emptyDigestReply(w: DigestWeek): Reply {
  const title = `Weekly digest: ${weekLabel(w)}`;
  return channelReply(title, [
    text("A quiet week: nobody earned points. A fresh week starts now, and one question is enough to get going."),
    text(`Try ${cmd("quiz")} for a quick question or ${cmd("daily")} for today's task.`),
  ], `${title}: a quiet week. Start the new one with ${cmd("quiz")}.`);
}
