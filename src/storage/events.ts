import { and, eq } from "drizzle-orm";
import type { EventLog } from "../bot/ports.js";
import type { Reply } from "../bot/reply.js";
import type { Db } from "./db.js";
import { processedEvents } from "./schema.js";

export function createEventLog(db: Db): EventLog {
  const find = (spaceId: string, key: string) =>
    db.select({ reply: processedEvents.reply }).from(processedEvents)
      .where(and(eq(processedEvents.spaceId, spaceId), eq(processedEvents.key, key))).get()?.reply as Reply | undefined;
  return {
    async find(spaceId, key) {
      return find(spaceId, key);
    },
    async save(spaceId, key, reply) {
      db.insert(processedEvents).values({ spaceId, key, reply }).onConflictDoNothing().run();
      return find(spaceId, key) ?? reply;
    },
  };
}
