import type { EventLog } from "../bot/ports.js";
import type { Reply } from "../bot/reply.js";
import type { Db } from "./db.js";
import { statementsFor } from "./statements.js";

export function createEventLog(db: Db): EventLog {
  const st = statementsFor(db);
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
  };
}
