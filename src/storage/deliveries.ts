import { and, eq, gte, lt } from "drizzle-orm";
import type { ClaimResult, DeliveryRepo } from "../bot/ports.js";
import type { Db } from "./db.js";
import { deliveries } from "./schema.js";
import { statementsFor } from "./statements.js";

export function createDeliveryRepo(db: Db): DeliveryRepo {
  const st = statementsFor(db);
  type Claim = { spaceId: string; subscriptionId: number; localDate: string; slotAt: Date; at: Date; leaseMs: number };
  // One transaction: insert the claim, or take over a stale one (a worker that died mid-post).
  // better-sqlite3's own transaction: the fan-out runs this per post, and drizzle's wrapper costs more than the insert.
  const claim = db.$client.transaction(({ spaceId, subscriptionId, localDate, slotAt, at, leaseMs }: Claim): ClaimResult => {
    const inserted = st.deliveryClaim.get({ spaceId, subscriptionId, localDate, slotAt, at });
    if (inserted) return { status: "claimed", id: inserted.id };
    const row = db.select().from(deliveries)
      .where(and(eq(deliveries.subscriptionId, subscriptionId), eq(deliveries.localDate, localDate))).get();
    if (!row || row.status !== "claimed") return { status: "done" };
    const stale = new Date(at.getTime() - leaseMs);
    const taken = db.update(deliveries).set({ claimedAt: at })
      .where(and(eq(deliveries.id, row.id), eq(deliveries.status, "claimed"), lt(deliveries.claimedAt, stale))).run();
    return taken.changes === 1 ? { status: "claimed", id: row.id } : { status: "busy" };
  });
  return {
    async claim(input): Promise<ClaimResult> {
      return claim(input);
    },
    async release(id) {
      db.update(deliveries).set({ claimedAt: new Date(0) }).where(and(eq(deliveries.id, id), eq(deliveries.status, "claimed"))).run();
    },
    async markPosted(id, messageRef) {
      st.deliveryPosted.run({ id, messageRef });
    },
    async markFailed(id, error) {
      db.update(deliveries).set({ status: "failed", error }).where(eq(deliveries.id, id)).run();
    },
    async recordMissed({ spaceId, subscriptionId, localDate, slotAt, at }) {
      db.insert(deliveries).values({ spaceId, subscriptionId, localDate, slotAt, status: "missed", claimedAt: at })
        .onConflictDoNothing().run();
    },
    async recordedSince(localDate) {
      const rows = db.select({ s: deliveries.subscriptionId, d: deliveries.localDate }).from(deliveries).where(gte(deliveries.localDate, localDate)).all();
      return new Set(rows.map((r) => `${r.s}|${r.d}`));
    },
  };
}
