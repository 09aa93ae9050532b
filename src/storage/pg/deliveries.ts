/**
 * Daily-post claims on PostgreSQL (../deliveries.ts is the SQLite twin): the (subscription, local
 * date) key makes a post exactly-once across hosts. A stale claim (its worker died) is taken
 * over by a conditional UPDATE: two takers queue on the row lock and the second finds it fresh.
 */
import { and, eq, inArray, lt, or } from "drizzle-orm";
import { deliverySlotKey, type ClaimResult, type DeliveryRepo, type DeliverySlot } from "../../bot/ports.js";
import type { PgDb } from "./db.js";
import { deliveries } from "./schema.js";

const isSlot = ({ subscriptionId, localDate }: DeliverySlot) =>
  and(eq(deliveries.subscriptionId, subscriptionId), eq(deliveries.localDate, localDate));

export function createPgDeliveryRepo(db: PgDb): DeliveryRepo {
  return {
    async claim({ spaceId, subscriptionId, localDate, slotAt, at, leaseMs }): Promise<ClaimResult> {
      const inserted = await db.insert(deliveries).values({ spaceId, subscriptionId, localDate, slotAt, status: "claimed", claimedAt: at })
        .onConflictDoNothing();
      if ((inserted.rowCount ?? 0) === 1) return { status: "claimed" };
      const taken = await db.update(deliveries).set({ claimedAt: at })
        .where(and(isSlot({ subscriptionId, localDate }), eq(deliveries.status, "claimed"), lt(deliveries.claimedAt, new Date(at.getTime() - leaseMs))));
      if ((taken.rowCount ?? 0) === 1) return { status: "claimed" };
      const [row] = await db.select({ status: deliveries.status }).from(deliveries).where(isSlot({ subscriptionId, localDate }));
      return !row || row.status !== "claimed" ? { status: "done" } : { status: "busy" };
    },
    async release(slot) {
      await db.update(deliveries).set({ claimedAt: new Date(0) }).where(and(isSlot(slot), eq(deliveries.status, "claimed")));
    },
    async markPosted(slot, messageRef) {
      await db.update(deliveries).set({ status: "posted", messageRef, error: null }).where(isSlot(slot));
    },
    async markFailed(slot, error) {
      await db.update(deliveries).set({ status: "failed", error }).where(isSlot(slot));
    },
    async recordMissed({ spaceId, subscriptionId, localDate, slotAt, at }) {
      await db.insert(deliveries).values({ spaceId, subscriptionId, localDate, slotAt, status: "missed", claimedAt: at }).onConflictDoNothing();
    },
    async recordedAmong(slots) {
      if (slots.length === 0) return new Set();
      // One query for a boot's whole catch-up, grouped by subscription.
      const bySub = new Map<number, string[]>();
      for (const s of slots) bySub.set(s.subscriptionId, [...(bySub.get(s.subscriptionId) ?? []), s.localDate]);
      const rows = await db.select({ subscriptionId: deliveries.subscriptionId, localDate: deliveries.localDate }).from(deliveries)
        .where(or(...[...bySub].map(([id, dates]) => and(eq(deliveries.subscriptionId, id), inArray(deliveries.localDate, dates)))));
      return new Set(rows.map(deliverySlotKey));
    },
  };
}
