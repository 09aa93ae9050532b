/** SubscriptionRepo cases of the repository contract (repo-contract.ts). */
import { expect, it } from "vitest";
import type { Subscription, SubscriptionInput } from "../../src/bot/ports.js";
import type { Repos } from "../../src/storage/index.js";
import { ABSENT_ID } from "./spaces-contract.js";

export function subscriptionContractCases(repos: () => Repos, at: Date) {
  const input = (spaceId: string, channelId: string, extra: Partial<SubscriptionInput> = {}): SubscriptionInput => ({
    spaceId, channelId, time: "09:00", timezone: "Europe/London", days: ["mon", "wed"], planId: null, startDate: "2026-11-23",
    createdBy: "U1", updatedAt: at, ...extra,
  });
  const later = new Date(at.getTime() + 60_000);

  it("subscriptions: one per (space, channel), upsert replaces its settings and keeps its id and pause", async () => {
    const r = repos();
    for (const id of ["slack:T1", "slack:T2"]) await r.spaces.ensure({ id, platform: "slack" }, "UTC");
    const a = await r.subscriptions.upsert(input("slack:T1", "C1"));
    expect(a).toEqual({ ...input("slack:T1", "C1"), id: a.id, isPaused: false, pausedReason: null });
    const paused = await r.subscriptions.setPaused(a.id, true, "channel deleted", later);
    expect(paused).toEqual({ ...a, isPaused: true, pausedReason: "channel deleted", updatedAt: later });
    const b = await r.subscriptions.upsert(input("slack:T1", "C1", { time: "10:15", days: ["fri"], planId: "thirty-day", createdBy: "U2", updatedAt: later }));
    expect(b).toEqual({ ...input("slack:T1", "C1", { time: "10:15", days: ["fri"], planId: "thirty-day", createdBy: "U2", updatedAt: later }), id: a.id, isPaused: true, pausedReason: "channel deleted" });
    expect(await r.subscriptions.get("slack:T1", "C1")).toEqual(b);
    expect(await r.subscriptions.byId(a.id)).toEqual(b);
    expect(await r.subscriptions.get("slack:T2", "C1")).toBeUndefined();
    expect(await r.subscriptions.get("slack:T1", "C2")).toBeUndefined();
    expect(await r.subscriptions.byId(ABSENT_ID)).toBeUndefined();
    const resumed = await r.subscriptions.setPaused(a.id, false, null, at);
    expect(resumed).toMatchObject({ isPaused: false, pausedReason: null, updatedAt: at });
  });

  it("subscriptions: all of them, paused ones included, in id order; pausing an unknown one throws", async () => {
    const r = repos();
    for (const id of ["slack:T1", "slack:T2"]) await r.spaces.ensure({ id, platform: "slack" }, "UTC");
    const made: Subscription[] = [];
    for (const [space, channel] of [["slack:T2", "C9"], ["slack:T1", "C1"], ["slack:T1", "C2"]] as const) made.push(await r.subscriptions.upsert(input(space, channel)));
    await r.subscriptions.setPaused(made[1]!.id, true, "kicked", at);
    expect(new Set(made.map((s) => s.id)).size).toBe(3);
    const all = await r.subscriptions.all();
    expect(all.map((s) => s.id)).toEqual(made.map((s) => s.id).sort((x, y) => x - y));
    expect(all.find((s) => s.id === made[1]!.id)).toMatchObject({ spaceId: "slack:T1", channelId: "C1", isPaused: true, pausedReason: "kicked" });
    await expect(r.subscriptions.setPaused(ABSENT_ID, true, "x", at)).rejects.toThrow();
  });
}
