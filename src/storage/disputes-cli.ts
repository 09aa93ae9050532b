/**
 * `npm run grader:disputes`: the "I covered this" disputes, grouped by question and key point,
 * for the authors who tune key points and the lexicon. A second entry point beside main.ts, so it
 * reads the config itself. `--json` prints the rows.
 */
import type { Dispute } from "../bot/ports.js";
import { runListing } from "./author-cli.js";

/** Disputes per (question, key point), most disputed first, each answer quoted once. */
export function formatDisputes(rows: readonly Dispute[]): string {
  if (rows.length === 0) return "No disputes yet.";
  const groups = new Map<string, Dispute[]>();
  for (const r of rows) {
    const key = `${r.questionId} #${r.keyPoint + 1}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const out: string[] = [];
  for (const [key, list] of [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))) {
    out.push(`${key} — ${list.length} dispute${list.length === 1 ? "" : "s"}: ${list[0]!.point}`);
    for (const d of list) out.push(`  · ${d.at.toISOString().slice(0, 10)} ${d.spaceId} member ${d.memberId}: "${d.answer.replace(/\s+/g, " ").slice(0, 300)}"`);
  }
  return out.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) await runListing("grader:disputes", (repos) => repos.quizzes.disputes(), formatDisputes);
