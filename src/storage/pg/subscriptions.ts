/** Channel schedules on PostgreSQL (../subscriptions.ts is the SQLite twin). */
import { and, eq } from "drizzle-orm";
import type { Subscription, SubscriptionRepo, Weekday } from "../../bot/ports.js";
import type { PgDb } from "./db.js";
import { subscriptions } from "./schema.js";

const toSubscription = (r: typeof subscriptions.$inferSelect): Subscription => ({ ...r, days: r.days.split(",") as Weekday[] });

export function createPgSubscriptionRepo(db: PgDb): SubscriptionRepo {
  return {
    async get(spaceId, channelId) {
      const [row] = await db.select().from(subscriptions).where(and(eq(subscriptions.spaceId, spaceId), eq(subscriptions.channelId, channelId)));
      return row && toSubscription(row);
    },
    async byId(id) {
      const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, id));
      return row && toSubscription(row);
    },
    async all() {
      return (await db.select().from(subscriptions).orderBy(subscriptions.id)).map(toSubscription);
    },
    async upsert(s) {
      const values = { ...s, days: s.days.join(",") };
      const [row] = await db.insert(subscriptions).values(values)
        .onConflictDoUpdate({ target: [subscriptions.spaceId, subscriptions.channelId], set: values }).returning();
      return toSubscription(row!);
    },
    async setPaused(id, isPaused, reason, at) {
      const [row] = await db.update(subscriptions).set({ isPaused, pausedReason: reason, updatedAt: at }).where(eq(subscriptions.id, id)).returning();
      if (!row) throw new Error(`subscription ${id} not found`);
      return toSubscription(row);
    },
  };
}
