/** MockRepo cases of the repository contract (repo-contract.ts); peer mocks' partners are in pair-contract.ts. */
import { expect, it } from "vitest";
import type { MockSession } from "../../src/bot/ports.js";
import type { Repos } from "../../src/storage/index.js";

export function mockContractCases(repos: () => Repos, at: Date) {
  const setup = async () => {
    const r = repos();
    for (const id of ["slack:M1", "slack:M2"]) await r.spaces.ensure({ id, platform: "slack" }, "UTC");
    const a = await r.members.ensure("slack:M1", { id: "a", name: "A" });
    const b = await r.members.ensure("slack:M1", { id: "b", name: "B" });
    const c = await r.members.ensure("slack:M2", { id: "c", name: "C" });
    return { r, a: a.id, b: b.id, c: c.id };
  };
  const later = (min: number) => new Date(at.getTime() + min * 60_000);
  const mock = (id: string, memberId: number, startedAt: Date, extra: Partial<MockSession> = {}): MockSession => ({
    id, spaceId: "slack:M1", memberId, partnerId: null, problemId: "p-url-shortener", framework: "radio", channelId: "C1", threadId: `t-${id}`,
    phase: 0, minutes: 45, phaseStartedAt: startedAt, startedAt, endedAt: null, transcript: [], ratings: {}, ...extra,
  });

  it("mocks: stored whole, found in their space only; update changes only the fields given", async () => {
    const { r, a } = await setup();
    await r.mocks.create(mock("m1", a, at, { transcript: [{ at: at.toISOString(), phase: 0, who: "bot", text: "hi" }] }));
    expect(await r.mocks.get("slack:M1", "m1")).toEqual(mock("m1", a, at, { transcript: [{ at: at.toISOString(), phase: 0, who: "bot", text: "hi" }] }));
    expect(await r.mocks.get("slack:M2", "m1")).toBeUndefined();
    expect(await r.mocks.get("slack:M1", "nope")).toBeUndefined();
    const line = { at: later(3).toISOString(), phase: 1, who: "candidate" as const, text: "I'd shard by user" };
    await r.mocks.update("m1", { phase: 1, phaseStartedAt: later(2), transcript: [line], threadId: "t-new" });
    expect(await r.mocks.get("slack:M1", "m1")).toEqual(mock("m1", a, at, { phase: 1, phaseStartedAt: later(2), transcript: [line], threadId: "t-new" }));
    await r.mocks.update("m1", { ratings: { scope: 0.5, estimation: 1 }, endedAt: later(40) });
    expect(await r.mocks.get("slack:M1", "m1")).toEqual(mock("m1", a, at, {
      phase: 1, phaseStartedAt: later(2), transcript: [line], threadId: "t-new", ratings: { scope: 0.5, estimation: 1 }, endedAt: later(40),
    }));
    await r.mocks.update("nope", { phase: 3 }); // no such mock: nothing happens
    // A returned session is a copy.
    const got = (await r.mocks.get("slack:M1", "m1"))!;
    got.transcript.push(line);
    expect((await r.mocks.get("slack:M1", "m1"))!.transcript).toHaveLength(1);
  });

  it("mocks: the running one per member and per thread; ended ones are not running", async () => {
    const { r, a, b } = await setup();
    await r.mocks.create(mock("m1", a, later(0), { endedAt: later(30) }));
    expect(await r.mocks.activeFor(a)).toBeUndefined();
    await r.mocks.create(mock("m2", a, later(40)));
    expect((await r.mocks.activeFor(a))?.id).toBe("m2");
    expect(await r.mocks.activeFor(b)).toBeUndefined();
    expect((await r.mocks.activeInThread("slack:M1", "t-m2"))?.id).toBe("m2");
    expect(await r.mocks.activeInThread("slack:M1", "t-m1")).toBeUndefined(); // ended
    expect(await r.mocks.activeInThread("slack:M2", "t-m2")).toBeUndefined(); // another space
    await r.mocks.update("m2", { endedAt: later(80) });
    expect(await r.mocks.activeFor(a)).toBeUndefined();
    expect(await r.mocks.activeInThread("slack:M1", "t-m2")).toBeUndefined();
  });

  it("mocks: should two run for one member, activeFor gives the latest start (same start: the greater id), whatever the creation order", async () => {
    const { r, a } = await setup();
    await r.mocks.create(mock("m-late", a, later(10)));
    await r.mocks.create(mock("m-early", a, later(0)));
    expect((await r.mocks.activeFor(a))?.id).toBe("m-late");
    await r.mocks.create(mock("m-a", a, later(10)));
    expect((await r.mocks.activeFor(a))?.id).toBe("m-late");
    await r.mocks.create(mock("m-z", a, later(10)));
    expect((await r.mocks.activeFor(a))?.id).toBe("m-z");
  });

  it("mocks: running lists every space's unended interviews, oldest start first (then by id)", async () => {
    const { r, a, b, c } = await setup();
    await r.mocks.create(mock("m3", a, later(5)));
    await r.mocks.create(mock("m1", b, later(1)));
    await r.mocks.create(mock("m2", c, later(5), { spaceId: "slack:M2" }));
    await r.mocks.create(mock("m0", a, later(0), { endedAt: later(2) }));
    expect((await r.mocks.running()).map((m) => m.id)).toEqual(["m1", "m2", "m3"]);
    await r.mocks.update("m1", { endedAt: later(9) });
    expect((await r.mocks.running()).map((m) => m.id)).toEqual(["m2", "m3"]);
  });

  it("mocks: history is the finished ones, latest end first (same end: the greater id), at most `limit`", async () => {
    const { r, a, b } = await setup();
    await r.mocks.create(mock("h1", a, later(0), { endedAt: later(50) }));
    await r.mocks.create(mock("h3", a, later(60), { endedAt: later(70) }));
    await r.mocks.create(mock("h2", a, later(20), { endedAt: later(30) }));
    await r.mocks.create(mock("h4", a, later(80), { endedAt: later(70) }));
    await r.mocks.create(mock("run", a, later(90)));
    await r.mocks.create(mock("hb", b, later(0), { endedAt: later(10) }));
    expect((await r.mocks.history(a, 10)).map((m) => m.id)).toEqual(["h4", "h3", "h1", "h2"]);
    expect((await r.mocks.history(a, 2)).map((m) => m.id)).toEqual(["h4", "h3"]);
    expect((await r.mocks.history(b, 10)).map((m) => m.id)).toEqual(["hb"]);
  });

  it("mocks: a timer notice is claimed once per key, released for a retry, and kept in the transcript", async () => {
    const { r, a } = await setup();
    await r.mocks.create(mock("solo1", a, later(0), { phase: 2 }));
    expect(await r.mocks.claimNudge("solo1", "over-0", later(8))).toBe(true);
    expect(await r.mocks.claimNudge("solo1", "over-0", later(9))).toBe(false);
    expect(await r.mocks.claimNudge("solo1", "warn5--1", later(9))).toBe(true);
    await r.mocks.releaseNudge("solo1", "over-0");
    await r.mocks.releaseNudge("solo1", "never-claimed");
    expect(await r.mocks.claimNudge("solo1", "over-0", later(10))).toBe(true);
    expect(await r.mocks.claimNudge("nope", "over-0", later(10))).toBe(false);
    expect((await r.mocks.get("slack:M1", "solo1"))!.transcript).toEqual([
      { at: later(9).toISOString(), phase: 2, who: "bot", text: "timer:warn5--1" },
      { at: later(10).toISOString(), phase: 2, who: "bot", text: "timer:over-0" },
    ]);
  });

  it("mocks: two claims of one notice at once: exactly one wins", async () => {
    const { r, a } = await setup();
    await r.mocks.create(mock("solo1", a, later(0)));
    const outs = await Promise.all([r.mocks.claimNudge("solo1", "k", later(1)), r.mocks.claimNudge("solo1", "k", later(1))]);
    expect(outs.sort()).toEqual([false, true]);
  });
}
