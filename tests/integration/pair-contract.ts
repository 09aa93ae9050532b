/** PairRepo and peer-mock MockRepo cases of the repository contract (repo-contract.ts), run against SQLite and the twin. */
import { expect, it } from "vitest";
import type { MockSession } from "../../src/bot/ports.js";
import type { Repos } from "../../src/storage/index.js";

export function pairContractCases(repos: () => Repos, at: Date) {
  const setup = async () => {
    const r = repos();
    await r.spaces.ensure({ id: "slack:P1", platform: "slack" }, "UTC");
    await r.spaces.ensure({ id: "slack:P2", platform: "slack" }, "UTC");
    const [a, b, c] = await Promise.all(["a", "b", "c"].map((id) => r.members.ensure("slack:P1", { id, name: id.toUpperCase() })));
    const d = await r.members.ensure("slack:P2", { id: "d", name: "D" });
    return { r, a: a!.id, b: b!.id, c: c!.id, d: d.id };
  };
  const later = (min: number) => new Date(at.getTime() + min * 60_000);
  const mock = (id: string, memberId: number, partnerId: number | null, startedAt: Date): MockSession => ({
    id, spaceId: "slack:P1", memberId, partnerId, problemId: "p-url-shortener", framework: "radio", channelId: "C1", threadId: `t-${id}`,
    phase: 0, minutes: 45, phaseStartedAt: startedAt, startedAt, endedAt: null, transcript: [], ratings: {},
  });

  it("pair queue: one ticket per member, oldest first per space, removal is a one-time claim", async () => {
    const { r, a, b, c, d } = await setup();
    expect(await r.pairs.enqueue({ memberId: b, spaceId: "slack:P1", channelId: "C1", level: 3, queuedAt: later(2) })).toBe(true);
    expect(await r.pairs.enqueue({ memberId: a, spaceId: "slack:P1", channelId: "C2", level: 1, queuedAt: later(1) })).toBe(true);
    expect(await r.pairs.enqueue({ memberId: a, spaceId: "slack:P1", channelId: "C1", level: 2, queuedAt: later(3) })).toBe(false);
    expect(await r.pairs.enqueue({ memberId: d, spaceId: "slack:P2", channelId: "C9", level: 1, queuedAt: later(0) })).toBe(true);
    expect(await r.pairs.waiting("slack:P1")).toEqual([
      { memberId: a, spaceId: "slack:P1", channelId: "C2", level: 1, queuedAt: later(1) },
      { memberId: b, spaceId: "slack:P1", channelId: "C1", level: 3, queuedAt: later(2) },
    ]);
    expect(await r.pairs.remove(a)).toBe(true);
    expect(await r.pairs.remove(a)).toBe(false);
    expect(await r.pairs.remove(c)).toBe(false);
    expect((await r.pairs.waiting("slack:P1")).map((t) => t.memberId)).toEqual([b]);
    expect((await r.pairs.waiting("slack:P2")).map((t) => t.memberId)).toEqual([d]);
  });

  it("pair queue: everyone waiting in any space, oldest first, then by member id", async () => {
    const { r, a, b, c, d } = await setup();
    expect(await r.pairs.allWaiting()).toEqual([]);
    await r.pairs.enqueue({ memberId: c, spaceId: "slack:P1", channelId: "C1", level: 2, queuedAt: later(5) });
    await r.pairs.enqueue({ memberId: d, spaceId: "slack:P2", channelId: "C9", level: 1, queuedAt: later(1) });
    await r.pairs.enqueue({ memberId: b, spaceId: "slack:P1", channelId: "C1", level: 1, queuedAt: later(3) });
    await r.pairs.enqueue({ memberId: a, spaceId: "slack:P1", channelId: "C1", level: 1, queuedAt: later(3) });
    const tied = [a, b].sort((x, y) => x - y);
    expect((await r.pairs.allWaiting()).map((t) => t.memberId)).toEqual([d, ...tied, c]);
    expect((await r.pairs.waiting("slack:P1")).map((t) => t.memberId)).toEqual([...tied, c]);
    expect((await r.pairs.allWaiting())[0]).toEqual({ memberId: d, spaceId: "slack:P2", channelId: "C9", level: 1, queuedAt: later(1) });
  });

  it("peer mocks: found for both members while running, in both histories, and the last partner is the newest", async () => {
    const { r, a, b, c } = await setup();
    expect(await r.pairs.lastPartner(a)).toBeUndefined();
    await r.mocks.create(mock("solo1", a, null, later(0)));
    await r.mocks.update("solo1", { endedAt: later(1) });
    expect(await r.pairs.lastPartner(a)).toBeUndefined(); // a solo mock has no partner
    await r.mocks.create(mock("peer1", a, b, later(2)));
    expect((await r.mocks.activeFor(b))?.id).toBe("peer1");
    expect(await r.mocks.get("slack:P1", "peer1")).toMatchObject({ memberId: a, partnerId: b });
    expect(await r.pairs.lastPartner(a)).toBe(b);
    expect(await r.pairs.lastPartner(b)).toBe(a);
    await r.mocks.update("peer1", { endedAt: later(3) });
    expect(await r.mocks.activeFor(b)).toBeUndefined();
    await r.mocks.create(mock("peer2", c, a, later(4)));
    await r.mocks.update("peer2", { endedAt: later(5) });
    expect(await r.pairs.lastPartner(a)).toBe(c);
    expect(await r.pairs.lastPartner(b)).toBe(a);
    expect((await r.mocks.history(a, 10)).map((m) => m.id)).toEqual(["peer2", "peer1", "solo1"]);
    expect((await r.mocks.history(b, 10)).map((m) => m.id)).toEqual(["peer1"]);
    // Two peer mocks started at the same moment: the greater mock id is the last (the port's tiebreak).
    await r.mocks.create(mock("peer9", b, a, later(6)));
    await r.mocks.create(mock("peer3", c, a, later(6)));
    expect(await r.pairs.lastPartner(a)).toBe(b);
    expect(await r.pairs.lastPartner(c)).toBe(a);
  });

  it("peer scores: one row per rater per mock, saving again replaces it", async () => {
    const { r, a, b } = await setup();
    await r.mocks.create(mock("peer1", a, b, later(0)));
    const base = { spaceId: "slack:P1", mockId: "peer1", at: later(1) };
    expect(await r.pairs.saveScore({ ...base, raterId: b, rateeId: a, ratings: { scope: 1 }, total: 15 })).toBe(true);
    expect(await r.pairs.saveScore({ ...base, raterId: b, rateeId: a, ratings: { scope: 1, estimation: 0.6 }, total: 21 })).toBe(false);
    expect(await r.pairs.saveScore({ ...base, raterId: a, rateeId: b, ratings: { clarity: 0.2 }, total: 7 })).toBe(true);
    const rows = [
      { raterId: b, rateeId: a, ratings: { scope: 1, estimation: 0.6 }, total: 21 },
      { raterId: a, rateeId: b, ratings: { clarity: 0.2 }, total: 7 },
    ].sort((x, y) => x.raterId - y.raterId);
    expect(await r.pairs.scoresFor("peer1")).toEqual(rows);
    expect(await r.pairs.scoresFor("other")).toEqual([]);
  });
}
