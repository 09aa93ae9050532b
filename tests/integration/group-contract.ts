/** GroupRepo cases of the repository contract (repo-contract.ts), run against SQLite and the twin. */
import { expect, it } from "vitest";
import type { Repos } from "../../src/storage/index.js";

export function groupContractCases(repos: () => Repos, at: Date) {
  const setup = async () => {
    const r = repos();
    await r.spaces.ensure({ id: "discord:g1", platform: "discord" }, "UTC");
    await r.spaces.ensure({ id: "discord:g2", platform: "discord" }, "UTC");
    const a = await r.members.ensure("discord:g1", { id: "a", name: "Ana" });
    const b = await r.members.ensure("discord:g1", { id: "b", name: "Bo" });
    const c = await r.members.ensure("discord:g2", { id: "c", name: "Cy" });
    return { r, a: a.id, b: b.id, c: c.id };
  };

  it("groups: names unique per space ignoring case; join and leave once; counts, lists and plans", async () => {
    const { r, a, b, c } = await setup();
    const g = await r.groups.create("discord:g1", "Evening Crew", a, at);
    expect(g).toMatchObject({ spaceId: "discord:g1", name: "Evening Crew", planId: null, planStartDate: null, createdBy: a, memberCount: 0 });
    expect(await r.groups.create("discord:g1", "evening CREW", b, at)).toBeUndefined();
    expect(await r.groups.create("discord:g2", "EVENING CREW", c, at)).toBeDefined();
    expect((await r.groups.byName("discord:g1", "EVENING crew"))?.id).toBe(g!.id);
    expect(await r.groups.byName("discord:g1", "morning")).toBeUndefined();
    expect(await r.groups.byId("discord:g2", g!.id)).toBeUndefined();

    expect(await r.groups.join("discord:g1", g!.id, a, at)).toBe(true);
    expect(await r.groups.join("discord:g1", g!.id, a, at)).toBe(false);
    expect(await r.groups.join("discord:g1", g!.id, b, at)).toBe(true);
    expect(await r.groups.byId("discord:g1", g!.id)).toMatchObject({ memberCount: 2 });
    expect(await r.groups.memberIds(g!.id)).toEqual([a, b].sort((x, y) => x - y));
    expect((await r.groups.ofMember(a)).map((x) => x.name)).toEqual(["Evening Crew"]);
    expect(await r.groups.ofMember(c)).toEqual([]);

    await r.groups.create("discord:g1", "alpha", b, at);
    expect((await r.groups.list("discord:g1")).map((x) => [x.name, x.memberCount])).toEqual([["alpha", 0], ["Evening Crew", 2]]);

    await r.groups.setPlan(g!.id, "thirty-day", "2026-11-23");
    expect(await r.groups.byName("discord:g1", "evening crew")).toMatchObject({ planId: "thirty-day", planStartDate: "2026-11-23" });
    await r.groups.setPlan(g!.id, null, null);
    expect(await r.groups.byId("discord:g1", g!.id)).toMatchObject({ planId: null, planStartDate: null });

    expect(await r.groups.leave(g!.id, b)).toBe(true);
    expect(await r.groups.leave(g!.id, b)).toBe(false);
    expect(await r.groups.memberIds(g!.id)).toEqual([a]);
  });

  it("groups: awards reach a group board only while the member is in it; leaving takes them off it", async () => {
    const { r, a, b } = await setup();
    const g = (await r.groups.create("discord:g1", "night", a, at))!;
    const award = (who: number, ref: string, points: number) => r.points.award("discord:g1", who, { ref, points, reason: "t", periods: ["all"] }, at);
    await r.groups.join("discord:g1", g.id, a, at);
    await award(a, "a1", 10);
    await award(b, "b-before", 50);
    await r.groups.join("discord:g1", g.id, b, at);
    await award(b, "b1", 5);
    expect((await r.points.top("discord:g1", "all", 10, g.id)).map((x) => [x.name, x.points, x.rank])).toEqual([["Ana", 10, 1], ["Bo", 5, 2]]);
    expect(await r.groups.leave(g.id, a)).toBe(true);
    expect((await r.points.top("discord:g1", "all", 10, g.id)).map((x) => x.name)).toEqual(["Bo"]);
    expect(await r.points.standing("discord:g1", "all", a, g.id)).toBeUndefined();
    expect((await r.points.top("discord:g1", "all", 10)).map((x) => [x.name, x.points])).toEqual([["Bo", 55], ["Ana", 10]]);
  });
}
