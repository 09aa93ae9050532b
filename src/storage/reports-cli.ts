/**
 * `npm run content:reports`: members' reports of questions and drills across every space, grouped
 * by item, for the authors who fix the content. A second entry point beside main.ts, so it reads
 * the config itself (DATABASE_URL). `--json` prints the rows.
 */
import type { ItemReport } from "../bot/ports.js";
import { runListing } from "./author-cli.js";

/** Reports per item, most reported first; each report on a line with its space, kind and note. */
export function formatReports(rows: readonly ItemReport[]): string {
  if (rows.length === 0) return "No reports yet.";
  const items = new Map<string, ItemReport[]>();
  for (const r of rows) items.set(r.itemId, [...(items.get(r.itemId) ?? []), r]);
  const out: string[] = [];
  for (const [itemId, list] of [...items].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))) {
    const kinds = new Map<string, number>();
    for (const r of list) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
    const byKind = [...kinds].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, n]) => `${k} ×${n}`).join(", ");
    out.push(`${itemId} — ${list.length} report${list.length === 1 ? "" : "s"}: ${byKind}`);
    for (const r of list) {
      const note = r.note ? `: "${r.note.replace(/\s+/g, " ").slice(0, 300)}"` : "";
      out.push(`  · ${r.at.toISOString().slice(0, 10)} ${r.spaceId} member ${r.memberId} ${r.kind}${note}`);
    }
  }
  return out.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) await runListing("content:reports", (repos) => repos.reports.all(), formatReports);
