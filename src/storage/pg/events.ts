/** Handled events and their replies on PostgreSQL (../events.ts is the SQLite twin). */
import { and, eq, lt, sql } from "drizzle-orm";
import type { EventLog } from "../../bot/ports.js";
import type { Reply } from "../../bot/ports.js";
import type { PgDb } from "./db.js";
import { processedEvents } from "./schema.js";
import type { Q } from "./tx.js";

/** Rows removed per statement: a long delete would hold locks and bloat one transaction. */
const PRUNE_BATCH = 5_000;

export async function findEvent(q: Q, spaceId: string, key: string): Promise<Reply | undefined> {
  const [row] = await q.select({ reply: processedEvents.reply }).from(processedEvents)
    .where(and(eq(processedEvents.spaceId, spaceId), eq(processedEvents.key, key)));
  return row?.reply as Reply | undefined;
}

/** True when this call stored the reply; false when the key was there (or committed meanwhile). */
export async function insertEvent(q: Q, spaceId: string, key: string, reply: Reply, userId: string | null): Promise<boolean> {
  const r = await q.insert(processedEvents).values({ spaceId, key, reply, userId }).onConflictDoNothing();
  return (r.rowCount ?? 0) === 1;
}

export function createPgEventLog(db: PgDb): EventLog {
  return {
    find: (spaceId, key) => findEvent(db, spaceId, key),
    async save(spaceId, key, reply, userId) {
      const inserted = await insertEvent(db, spaceId, key, reply, userId ?? null);
      return inserted ? reply : ((await findEvent(db, spaceId, key)) ?? reply);
    },
    async pruneBefore(at) {
      let removed = 0;
      for (;;) {
        // ctid picks a batch through the created_at index; PostgreSQL's DELETE has no LIMIT.
        const r = await db.delete(processedEvents).where(sql`ctid = any(array(${db.select({ c: sql`ctid` }).from(processedEvents)
          .where(lt(processedEvents.createdAt, at)).limit(PRUNE_BATCH)}))`);
        const changes = r.rowCount ?? 0;
        removed += changes;
        if (changes < PRUNE_BATCH) return removed;
      }
    },
  };
}
