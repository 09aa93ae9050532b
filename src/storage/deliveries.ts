import { and, eq, lt } from "drizzle-orm";
import { deliverySlotKey, type ClaimResult, type DeliveryRepo, type DeliverySlot } from "../bot/ports.js";
import type { Db } from "./db.js";
import { deliveries } from "./schema.js";
import { statementsFor } from "./statements.js";

export function createDeliveryRepo(db: Db): DeliveryRepo {
  const st = statementsFor(db);
  const isSlot = ({ subscriptionId, localDate }: DeliverySlot) =>
    and(eq(deliveries.subscriptionId, subscriptionId), eq(deliveries.localDate, localDate));
  type Claim = DeliverySlot & { spaceId: string; slotAt: Date; at: Date; leaseMs: number };
  // One transaction: insert the claim, or take over a stale one (a worker that died mid-post).
  // better-sqlite3's own transaction: the fan-out runs this per post, and drizzle's wrapper costs more than the insert.
  const claim = db.$client.transaction(({ spaceId, subscriptionId, localDate, slotAt, at, leaseMs }: Claim): ClaimResult => {
    if (st.deliveryClaim.run({ spaceId, subscriptionId, localDate, slotAt, at }).changes === 1) return { status: "claimed" };
    const row = st.deliveryExists.get({ subscriptionId, localDate });
    if (!row || row.status !== "claimed") return { status: "done" };
    const stale = new Date(at.getTime() - leaseMs);
    const taken = db.update(deliveries).set({ claimedAt: at })
      .where(and(isSlot({ subscriptionId, localDate }), eq(deliveries.status, "claimed"), lt(deliveries.claimedAt, stale))).run();
    return taken.changes === 1 ? { status: "claimed" } : { status: "busy" };
  });
  // One read transaction for a boot's whole catch-up: a probe of the key per slot.
  const recordedAmong = db.$client.transaction((slots: readonly DeliverySlot[]) =>
    new Set(slots.filter((s) => st.deliveryExists.get({ ...s })).map(deliverySlotKey)));
  return {
    async claim(input): Promise<ClaimResult> {
      return claim.immediate(input);
    },
    async release(slot) {
      db.update(deliveries).set({ claimedAt: new Date(0) }).where(and(isSlot(slot), eq(deliveries.status, "claimed"))).run();
    },
    async markPosted(slot, messageRef) {
      st.deliveryPosted.run({ ...slot, messageRef });
    },
    async markFailed(slot, error) {
      db.update(deliveries).set({ status: "failed", error }).where(isSlot(slot)).run();
    },
    async recordMissed({ spaceId, subscriptionId, localDate, slotAt, at }) {
      db.insert(deliveries).values({ spaceId, subscriptionId, localDate, slotAt, status: "missed", claimedAt: at })
        .onConflictDoNothing().run();
    },
    async recordedAmong(slots) {
      return recordedAmong.deferred(slots);
    },
  };
}
