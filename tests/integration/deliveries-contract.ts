/** DeliveryRepo cases of the repository contract (repo-contract.ts): the exactly-once record of daily posts. */
import { expect, it } from "vitest";
import { deliverySlotKey } from "../../src/bot/ports.js";
import type { Repos } from "../../src/storage/index.js";

const LEASE_MS = 60_000;

export function deliveryContractCases(repos: () => Repos, at: Date) {
  const setup = async () => {
    const r = repos();
    await r.spaces.ensure({ id: "slack:D1", platform: "slack" }, "UTC");
    const sub = (channelId: string) => r.subscriptions.upsert({
      spaceId: "slack:D1", channelId, time: "09:00", timezone: "UTC", days: ["mon"], planId: null, startDate: "2026-11-23", createdBy: "U1", updatedAt: at,
    });
    const [s1, s2] = [await sub("C1"), await sub("C2")];
    return { r, s1: s1.id, s2: s2.id };
  };
  const after = (ms: number) => new Date(at.getTime() + ms);
  const claim = (r: Repos, subscriptionId: number, localDate: string, ms = 0) =>
    r.deliveries.claim({ spaceId: "slack:D1", subscriptionId, localDate, slotAt: at, at: after(ms), leaseMs: LEASE_MS });

  it("deliveries: a day's post is claimed once; busy within the lease, taken over after it; done once posted", async () => {
    const { r, s1, s2 } = await setup();
    expect(await claim(r, s1, "2026-11-23")).toEqual({ status: "claimed" });
    expect(await claim(r, s1, "2026-11-23", 1_000)).toEqual({ status: "busy" });
    expect(await claim(r, s1, "2026-11-23", LEASE_MS)).toEqual({ status: "busy" }); // exactly the lease: still held
    // Another day, another subscription: their own slots.
    expect(await claim(r, s1, "2026-11-24")).toEqual({ status: "claimed" });
    expect(await claim(r, s2, "2026-11-23")).toEqual({ status: "claimed" });
    // The worker died: past the lease the claim is taken over, and the new claim holds a lease of its own.
    expect(await claim(r, s1, "2026-11-23", LEASE_MS + 1)).toEqual({ status: "claimed" });
    expect(await claim(r, s1, "2026-11-23", LEASE_MS + 2)).toEqual({ status: "busy" });
    await r.deliveries.markPosted({ subscriptionId: s1, localDate: "2026-11-23" }, '{"messageId":"m1"}');
    expect(await claim(r, s1, "2026-11-23", 10 * LEASE_MS)).toEqual({ status: "done" });
    // Releasing a posted day changes nothing.
    await r.deliveries.release({ subscriptionId: s1, localDate: "2026-11-23" });
    expect(await claim(r, s1, "2026-11-23", 10 * LEASE_MS)).toEqual({ status: "done" });
  });

  it("deliveries: two claims at once: one is claimed, the other busy", async () => {
    const { r, s1 } = await setup();
    const outs = await Promise.all([claim(r, s1, "2026-11-23"), claim(r, s1, "2026-11-23")]);
    expect(outs.map((o) => o.status).sort()).toEqual(["busy", "claimed"]);
  });

  it("deliveries: a released claim may be claimed again at once; failed and missed days are done", async () => {
    const { r, s1 } = await setup();
    expect(await claim(r, s1, "2026-11-23")).toEqual({ status: "claimed" });
    await r.deliveries.release({ subscriptionId: s1, localDate: "2026-11-23" });
    expect(await claim(r, s1, "2026-11-23", 1)).toEqual({ status: "claimed" });
    await r.deliveries.markFailed({ subscriptionId: s1, localDate: "2026-11-23" }, "missing_access");
    expect(await claim(r, s1, "2026-11-23", 10 * LEASE_MS)).toEqual({ status: "done" });

    await r.deliveries.recordMissed({ spaceId: "slack:D1", subscriptionId: s1, localDate: "2026-11-20", slotAt: at, at });
    expect(await claim(r, s1, "2026-11-20", 10 * LEASE_MS)).toEqual({ status: "done" });
    // Recording a miss never overwrites a day already claimed: the claim still holds its lease.
    expect(await claim(r, s1, "2026-11-25")).toEqual({ status: "claimed" });
    await r.deliveries.recordMissed({ spaceId: "slack:D1", subscriptionId: s1, localDate: "2026-11-25", slotAt: at, at });
    expect(await claim(r, s1, "2026-11-25", 1_000)).toEqual({ status: "busy" });
    // Marking a slot that has no row writes nothing.
    await r.deliveries.markPosted({ subscriptionId: s1, localDate: "2026-12-01" }, "{}");
    await r.deliveries.markFailed({ subscriptionId: s1, localDate: "2026-12-02" }, "x");
    expect(await claim(r, s1, "2026-12-01")).toEqual({ status: "claimed" });
    expect(await claim(r, s1, "2026-12-02")).toEqual({ status: "claimed" });
  });

  it("deliveries: recordedAmong names the slots with a row, whatever their status", async () => {
    const { r, s1, s2 } = await setup();
    await claim(r, s1, "2026-11-23");
    await claim(r, s1, "2026-11-24");
    await r.deliveries.markPosted({ subscriptionId: s1, localDate: "2026-11-24" }, "{}");
    await r.deliveries.recordMissed({ spaceId: "slack:D1", subscriptionId: s2, localDate: "2026-11-23", slotAt: at, at });
    const slots = [
      { subscriptionId: s1, localDate: "2026-11-23" }, { subscriptionId: s1, localDate: "2026-11-24" },
      { subscriptionId: s1, localDate: "2026-11-25" }, { subscriptionId: s2, localDate: "2026-11-23" }, { subscriptionId: s2, localDate: "2026-11-24" },
    ];
    expect(new Set(await r.deliveries.recordedAmong(slots))).toEqual(new Set([slots[0]!, slots[1]!, slots[3]!].map(deliverySlotKey)));
    expect((await r.deliveries.recordedAmong([])).size).toBe(0);
  });
}
