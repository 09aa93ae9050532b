/** Reporting a question or drill (issue 18): the Report button's flow and the admins' list. */
import type { Context, Deps } from "../command.js";
import { UserError } from "../errors.js";
import type { ItemReport, ReportKind } from "../ports.js";
import type { Reply } from "../reply.js";
import { localDate } from "../time.js";
import { notedReply, reportedReply, reportListReply, reportPickerReply, type Reportable, type ReportGroup } from "../views/reports.js";

/** A note says what is wrong in a few sentences; a modal allows more, the authors need no more. */
const MAX_REPORT_NOTE = 500;
/** Groups the admins' list shows; the rest are counted. */
const REPORT_LIST_LIMIT = 15;

/** Reports read for the admins' list: far more than it shows, so counts stay true for any space. */
const LIST_READ_LIMIT = 5_000;
/** Notes shown per group. */
const NOTES_SHOWN = 3;

/** The question or drill an id names, if the bank still has it. */
export function reportable(deps: Pick<Deps, "curriculum">, itemId: string): Reportable | undefined {
  const q = deps.curriculum.questionsById.get(itemId);
  if (q) return { itemId, what: "question", prompt: q.prompt };
  const d = deps.curriculum.drills.find((x) => x.id === itemId);
  return d && { itemId, what: "drill", prompt: d.prompt };
}

/** A button of a question since removed from the bank (or a forged one) reports nothing. */
function requireReportable(deps: Deps, itemId: string): Reportable {
  const item = reportable(deps, itemId);
  if (!item) throw new UserError("report.unknownItem");
  return item;
}

export function openReport(ctx: Context<unknown>, itemId: string): Reply {
  return reportPickerReply(requireReportable(ctx.deps, itemId));
}

/** A kind picked: recorded once per member, item and kind (the unique key holds it, not memory). */
export async function reportKind(ctx: Context<unknown>, itemId: string, kind: ReportKind): Promise<Reply> {
  const { deps, space, member } = ctx;
  const item = requireReportable(deps, itemId);
  const isNew = await deps.reports.record({ spaceId: space.id, memberId: member.id, itemId, kind, at: deps.clock.now() });
  return reportedReply(item, kind, isNew, MAX_REPORT_NOTE);
}

/** The note form's text: it replaces the report's note (and records the report if it was not yet). */
export async function noteReport(ctx: Context<unknown>, itemId: string, kind: ReportKind, typed: string | undefined): Promise<Reply> {
  const { deps, space, member } = ctx;
  const item = requireReportable(deps, itemId);
  const note = (typed ?? "").trim();
  if (note.length > MAX_REPORT_NOTE) throw new UserError("report.noteTooLong", { length: note.length, max: MAX_REPORT_NOTE });
  if (note) await deps.reports.record({ spaceId: space.id, memberId: member.id, itemId, kind, note, at: deps.clock.now() });
  return notedReply(item, kind, note.length > 0);
}

/** Reports per (item, kind), the most reported first, then the most recent; notes newest first. */
export function groupReports(rows: readonly ItemReport[], timezone: string): ReportGroup[] {
  const groups = new Map<string, { itemId: string; kind: ReportKind; count: number; latest: Date; notes: Array<{ at: Date; note: string }> }>();
  for (const r of rows) {
    const key = `${r.itemId}|${r.kind}`;
    const g = groups.get(key) ?? { itemId: r.itemId, kind: r.kind, count: 0, latest: r.at, notes: [] };
    g.count += 1;
    if (r.at > g.latest) g.latest = r.at;
    if (r.note) g.notes.push({ at: r.at, note: r.note });
    groups.set(key, g);
  }
  return [...groups.values()]
    .sort((a, b) => b.count - a.count || b.latest.getTime() - a.latest.getTime() || a.itemId.localeCompare(b.itemId))
    .map((g) => ({
      itemId: g.itemId, kind: g.kind, count: g.count, latest: localDate(g.latest, timezone),
      notes: g.notes.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, NOTES_SHOWN).map((n) => n.note),
    }));
}

/** `config reports`: the space's reports, grouped, in the space's zone. */
export async function spaceReports(ctx: Context<unknown>): Promise<Reply> {
  const { deps, space } = ctx;
  const groups = groupReports(await deps.reports.inSpace(space.id, LIST_READ_LIMIT), space.timezone);
  return reportListReply(groups.slice(0, REPORT_LIST_LIMIT), (id) => reportable(deps, id)?.prompt, Math.max(0, groups.length - REPORT_LIST_LIMIT));
}
