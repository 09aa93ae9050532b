/**
 * Ranked lines for boards (the leaderboard, the weekly digest). Not a markdown list: Discord and
 * Slack renumber "1. / 1. / 3." lines as 1, 2, 3, which would hide a tie; "#1" lines are text.
 */
import type { BoardRow } from "../ports.js";
import { userText } from "../reply.js";

/** "#1 Asha — 30 pts (tied)"; `bold`: the member to pick out (the reader). */
export function rankLines(rows: readonly BoardRow[], unit: string, bold?: number): string[] {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.rank, (counts.get(r.rank) ?? 0) + 1);
  return rows.map((r) => rankLine(r, unit, r.memberId === bold, (counts.get(r.rank) ?? 0) > 1));
}

export function rankLine(r: BoardRow, unit: string, isBold: boolean, isTied: boolean): string {
  return `#${r.rank} ${isBold ? `**${userText(r.name)}**` : userText(r.name)} — ${r.points} ${unit}${isTied ? " (tied)" : ""}`;
}
