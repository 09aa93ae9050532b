import { and, eq } from "drizzle-orm";
import type { Subscription, SubscriptionRepo, Weekday } from "../bot/ports.js";
import type { Db } from "./db.js";
import { subscriptions } from "./schema.js";
import { statementsFor } from "./statements.js";

const toSubscription = (r: typeof subscriptions.$inferSelect): Subscription => ({
  ...r, days: r.days.split(",") as Weekday[],
});

export function createSubscriptionRepo(db: Db): SubscriptionRepo {
  const st = statementsFor(db);
  return {
    async get(spaceId, channelId) {
      const row = db.select().from(subscriptions)
        .where(and(eq(subscriptions.spaceId, spaceId), eq(subscriptions.channelId, channelId))).get();
      return row && toSubscription(row);
    },
    async byId(id) {
      const row = st.subscriptionById.get({ id });
      return row && toSubscription(row);
    },
    async all() {
      return db.select().from(subscriptions).orderBy(subscriptions.id).all().map(toSubscription);
    },
    async upsert(s) {
      const values = { ...s, days: s.days.join(",") };
      const row = db.insert(subscriptions).values(values)
        .onConflictDoUpdate({ target: [subscriptions.spaceId, subscriptions.channelId], set: values })
        .returning().get();
      return toSubscription(row);
    },
    async setPaused(id, isPaused, reason, at) {
      const row = db.update(subscriptions).set({ isPaused, pausedReason: reason, updatedAt: at })
        .where(eq(subscriptions.id, id)).returning().get();
      if (!row) throw new Error(`subscription ${id} not found`);
      return toSubscription(row);
    },
  };
}
