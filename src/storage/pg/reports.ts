/** Members' reports of questions and drills on PostgreSQL (../reports.ts is the SQLite twin). */
import { and, desc, eq } from "drizzle-orm";
import type { ItemReport, ReportRepo } from "../../bot/ports.js";
import type { PgDb } from "./db.js";
import { itemReports } from "./schema.js";

const toReport = (r: typeof itemReports.$inferSelect): ItemReport => ({
  spaceId: r.spaceId, memberId: r.memberId, itemId: r.itemId, kind: r.kind, note: r.note, at: r.createdAt,
});

export function createPgReportRepo(db: PgDb): ReportRepo {
  const newest = [desc(itemReports.createdAt), desc(itemReports.id)];
  return {
    async record(r) {
      const row = { spaceId: r.spaceId, memberId: r.memberId, itemId: r.itemId, kind: r.kind, note: r.note ?? null, createdAt: r.at };
      // The unique key makes a second click (or two at once, on two hosts) one report; a later note replaces only the note.
      const inserted = ((await db.insert(itemReports).values(row).onConflictDoNothing()).rowCount ?? 0) > 0;
      if (!inserted && r.note !== undefined) {
        await db.update(itemReports).set({ note: r.note }).where(and(
          eq(itemReports.spaceId, r.spaceId), eq(itemReports.memberId, r.memberId), eq(itemReports.itemId, r.itemId), eq(itemReports.kind, r.kind),
        ));
      }
      return inserted;
    },
    async inSpace(spaceId, limit) {
      return (await db.select().from(itemReports).where(eq(itemReports.spaceId, spaceId)).orderBy(...newest).limit(limit)).map(toReport);
    },
    async all() {
      return (await db.select().from(itemReports).orderBy(...newest)).map(toReport);
    },
  };
}
