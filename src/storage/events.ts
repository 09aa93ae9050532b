import type { EventLog, Reply } from "../bot/ports.js";
import type { Db } from "./db.js";
import { statementsFor } from "./statements.js";

/** Rows removed per statement: a long delete would hold the one writer back. */
const PRUNE_BATCH = 5_000;

export function createEventLog(db: Db): EventLog {
  const st = statementsFor(db);
  const pruneBatch = db.$client.prepare(
    "delete from processed_events where rowid in (select rowid from processed_events where created_at < ? limit ?)",
  );
  const find = (spaceId: string, key: string) => st.eventGet.get({ spaceId, key })?.reply as Reply | undefined;
  return {
    async find(spaceId, key) {
      return find(spaceId, key);
    },
    async save(spaceId, key, reply, userId) {
      // Inserted unless a concurrent delivery of the same event got there first; both get the stored reply.
      const inserted = st.eventInsert.run({ spaceId, key, reply, userId: userId ?? null }).changes === 1;
      return inserted ? reply : (find(spaceId, key) ?? reply);
    },
    async pruneBefore(at) {
      let removed = 0;
      for (;;) {
        const { changes } = pruneBatch.run(at.getTime(), PRUNE_BATCH);
        removed += changes;
        if (changes < PRUNE_BATCH) return removed;
        await new Promise((r) => setImmediate(r)); // let answers in between batches
      }
    },
  };
}
