/** Members' reports of questions and drills: one row per (space, member, item, kind). */
import { and, desc, eq } from "drizzle-orm";
import type { ItemReport, ReportRepo } from "../bot/ports.js";
import type { Db } from "./db.js";
import { itemReports } from "./schema.js";

const toReport = (r: typeof itemReports.$inferSelect): ItemReport => ({
  spaceId: r.spaceId, memberId: r.memberId, itemId: r.itemId, kind: r.kind, note: r.note, at: r.createdAt,
});

export function createReportRepo(db: Db): ReportRepo {
  const newest = [desc(itemReports.createdAt), desc(itemReports.id)];
  return {
    async record(r) {
      const row = { spaceId: r.spaceId, memberId: r.memberId, itemId: r.itemId, kind: r.kind, note: r.note ?? null, createdAt: r.at };
      // The unique key makes a second click (or two at once) one report; a later note replaces
      // only the note, never the report's time.
      const inserted = db.insert(itemReports).values(row).onConflictDoNothing().run().changes > 0;
      if (!inserted && r.note !== undefined) {
        db.update(itemReports).set({ note: r.note }).where(and(
          eq(itemReports.spaceId, r.spaceId), eq(itemReports.memberId, r.memberId), eq(itemReports.itemId, r.itemId), eq(itemReports.kind, r.kind),
        )).run();
      }
      return inserted;
    },
    async inSpace(spaceId, limit) {
      return db.select().from(itemReports).where(eq(itemReports.spaceId, spaceId)).orderBy(...newest).limit(limit).all().map(toReport);
    },
    async all() {
      return db.select().from(itemReports).orderBy(...newest).all().map(toReport);
    },
  };
}
