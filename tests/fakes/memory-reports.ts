/** The in-memory ReportRepo: the rows live in an array the member-data twin reaches too. */
import type { ItemReport, ReportRepo } from "../../src/bot/ports.js";

export function createMemoryReportRepo(rows: ItemReport[]): ReportRepo {
  const newest = (list: ItemReport[]) => list.map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.at.getTime() - a.r.at.getTime() || b.i - a.i).map(({ r }) => structuredClone(r));
  return {
    async record(r) {
      const same = rows.find((x) => x.spaceId === r.spaceId && x.memberId === r.memberId && x.itemId === r.itemId && x.kind === r.kind);
      if (same) {
        if (r.note !== undefined) same.note = r.note;
        return false;
      }
      rows.push({ spaceId: r.spaceId, memberId: r.memberId, itemId: r.itemId, kind: r.kind, note: r.note ?? null, at: new Date(r.at) });
      return true;
    },
    async inSpace(spaceId, limit) { return newest(rows.filter((r) => r.spaceId === spaceId)).slice(0, limit); },
    async all() { return newest(rows); },
  };
}
