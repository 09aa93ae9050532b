/** RoundRepo cases of the repository contract (repo-contract.ts). */
import { expect, it } from "vitest";
import type { Round } from "../../src/bot/ports.js";
import type { Repos } from "../../src/storage/index.js";

export function roundContractCases(repos: () => Repos, at: Date) {
  const setup = async () => {
    const r = repos();
    for (const id of ["discord:r", "discord:other"]) await r.spaces.ensure({ id, platform: "discord" }, "UTC");
    const ids: number[] = [];
    for (const n of ["A", "B", "C"]) ids.push((await r.members.ensure("discord:r", { id: n, name: n })).id);
    const [a, b, c] = ids as [number, number, number];
    return { r, a, b, c };
  };
  const t = (s: number) => new Date(at.getTime() + s * 1_000);
  const round = (id: string, startedBy: number, channelId = "c1", closesAt = t(300), spaceId = "discord:r"): Omit<Round, "closedAt" | "messageRef"> => ({
    id, spaceId, channelId, questionId: "q-caching-1-01", startedBy, createdAt: at, closesAt,
  });

  it("rounds: one open per channel, found per space; closed once; the results reference kept", async () => {
    const { r, a } = await setup();
    expect(await r.rounds.create(round("r1", a))).toBe(true);
    const stored = { ...round("r1", a), closedAt: null, messageRef: null };
    expect(await r.rounds.get("discord:r", "r1")).toEqual(stored);
    expect(await r.rounds.get("discord:other", "r1")).toBeUndefined();
    expect(await r.rounds.openIn("discord:r", "c1")).toEqual(stored);
    expect(await r.rounds.openIn("discord:r", "c2")).toBeUndefined();
    expect(await r.rounds.openIn("discord:other", "c1")).toBeUndefined();
    // A second round in the channel waits for the first to close; other channels and spaces are free.
    expect(await r.rounds.create(round("r2", a))).toBe(false);
    expect(await r.rounds.get("discord:r", "r2")).toBeUndefined();
    expect(await r.rounds.create(round("r3", a, "c2"))).toBe(true);
    expect(await r.rounds.create(round("r4", a, "c1", t(300), "discord:other"))).toBe(true);
    expect(await r.rounds.close("r1", t(300))).toBe(true);
    expect(await r.rounds.close("r1", t(301))).toBe(false);
    expect(await r.rounds.close("nope", t(301))).toBe(false);
    expect(await r.rounds.openIn("discord:r", "c1")).toBeUndefined();
    await r.rounds.setMessageRef("r1", "results:c1:m9");
    expect(await r.rounds.get("discord:r", "r1")).toEqual({ ...stored, closedAt: t(300), messageRef: "results:c1:m9" });
    expect(await r.rounds.create(round("r5", a))).toBe(true);
    expect((await r.rounds.openIn("discord:r", "c1"))?.id).toBe("r5");
  });

  it("rounds: two starts in one channel at once: exactly one opens", async () => {
    const { r, a, b } = await setup();
    const outs = await Promise.all([r.rounds.create(round("x1", a)), r.rounds.create(round("x2", b))]);
    expect(outs.sort()).toEqual([false, true]);
  });

  it("rounds: the first answer per member counts; answers in time order, the same instant by member id", async () => {
    const { r, a, b, c } = await setup();
    await r.rounds.create(round("r1", a));
    // Recorded in the order c, b, a: b later than both, a and c at the same instant.
    expect(await r.rounds.answer("discord:r", "r1", { memberId: c, choice: 0, isCorrect: true, answeredAt: t(1) })).toBe(true);
    expect(await r.rounds.answer("discord:r", "r1", { memberId: b, choice: 2, isCorrect: false, answeredAt: t(2) })).toBe(true);
    expect(await r.rounds.answer("discord:r", "r1", { memberId: a, choice: 0, isCorrect: true, answeredAt: t(1) })).toBe(true);
    expect(await r.rounds.answer("discord:r", "r1", { memberId: a, choice: 1, isCorrect: false, answeredAt: t(3) })).toBe(false);
    const row = (memberId: number, name: string, choice: number, isCorrect: boolean, when: Date) => ({ memberId, name, choice, isCorrect, answeredAt: when });
    const tied = [row(a, "A", 0, true, t(1)), row(c, "C", 0, true, t(1))].sort((x, y) => x.memberId - y.memberId);
    expect(await r.rounds.answers("r1")).toEqual([...tied, row(b, "B", 2, false, t(2))]);
    expect(await r.rounds.answers("nope")).toEqual([]);
  });

  it("rounds: unclosed lists every space's open rounds, soonest close first (then by id)", async () => {
    const { r, a } = await setup();
    expect(await r.rounds.unclosed()).toEqual([]);
    await r.rounds.create(round("r-late", a, "c1", t(900)));
    await r.rounds.create(round("r-b", a, "c2", t(300)));
    await r.rounds.create(round("r-a", a, "c3", t(300)));
    await r.rounds.create(round("r-other", a, "c1", t(600), "discord:other"));
    await r.rounds.create(round("r-done", a, "c4", t(100)));
    await r.rounds.close("r-done", t(100));
    expect((await r.rounds.unclosed()).map((x) => x.id)).toEqual(["r-a", "r-b", "r-other", "r-late"]);
    expect((await r.rounds.unclosed())[0]).toEqual({ ...round("r-a", a, "c3", t(300)), closedAt: null, messageRef: null });
  });
}
