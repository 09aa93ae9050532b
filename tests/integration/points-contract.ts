/**
 * PointsRepo cases of the repository contract (repo-contract.ts), run against SQLite and the
 * in-memory twin: ranks with ties, group boards, leaving a group, period rollover, repeats, an
 * erased member, and random boards checked against a brute-force rank.
 */
import { expect, it } from "vitest";
import type { AwardInput } from "../../src/bot/ports.js";
import type { Repos } from "../../src/storage/index.js";
import { seededRandom } from "../fakes/core.js";

const SPACE = "discord:pts";
const award = (ref: string, points: number, periods: readonly string[] = ["w1", "all"]): AwardInput => ({ ref, points, reason: "test", periods });

export function pointsContractCases(repos: () => Repos, at: Date) {
  const setup = async (names: string[]) => {
    const r = repos();
    await r.spaces.ensure({ id: SPACE, platform: "discord" }, "UTC");
    const ids: number[] = [];
    for (const n of names) ids.push((await r.members.ensure(SPACE, { id: n, name: n })).id);
    return { r, ids };
  };
  const rankOf = async (r: Repos, memberId: number, period = "w1", groupId?: number) => (await r.points.standing(SPACE, period, memberId, groupId))?.rank;

  it("points: ranks keep ties (1, 2, 2, 4), move as totals grow, and a repeated award changes nothing", async () => {
    const { r, ids: [a, b, c, d] } = await setup(["a", "b", "c", "d"]);
    for (const [m, p] of [[a, 50], [b, 40], [c, 40], [d, 30]] as const) await r.points.award(SPACE, m!, award(`s${m}`, p), at);
    expect(await Promise.all([a, b, c, d].map((m) => rankOf(r, m!)))).toEqual([1, 2, 2, 4]);
    expect(await r.points.award(SPACE, d!, award(`s${d}`, 30), at)).toBe(false); // the same ref again
    expect(await rankOf(r, d!)).toBe(4);
    await r.points.award(SPACE, d!, award("d-more", 10), at); // d ties b and c at 40
    expect(await Promise.all([a, b, c, d].map((m) => rankOf(r, m!)))).toEqual([1, 2, 2, 2]);
    await r.points.award(SPACE, c!, award("c-more", 11), at); // c passes a
    expect(await Promise.all([a, b, c, d].map((m) => rankOf(r, m!)))).toEqual([2, 3, 1, 3]);
    expect(await r.points.award(SPACE, c!, award("zero", 0), at)).toBe(true);
    expect(await r.points.standing(SPACE, "w1", c!)).toMatchObject({ points: 51, rank: 1 });
  });

  it("points: earned per period and space; top lists a board with competition ranks, ties by name (code points) then member id", async () => {
    const { r, ids: [zed, ana, bea, cy, sam1, sam2] } = await setup(["Zed", "ana", "Bea", "Cy", "s1", "s2"]);
    // Two members of one name: the tiebreak after the name is the member id.
    await r.members.ensure(SPACE, { id: "s1", name: "Sam" });
    await r.members.ensure(SPACE, { id: "s2", name: "Sam" });
    await r.spaces.ensure({ id: "discord:pts2", platform: "discord" }, "UTC");
    const far = (await r.members.ensure("discord:pts2", { id: "far", name: "Far" })).id;
    // Awarded in an order unlike the board's.
    for (const [m, p] of [[sam2, 20], [cy, 5], [ana, 20], [bea, 40], [sam1, 20], [zed, 20]] as const) await r.points.award(SPACE, m!, award(`p${m}`, p), at);
    await r.points.award("discord:pts2", far, award("far", 99), at);
    await r.points.award(SPACE, cy!, award("cy-zero", 0), at); // nothing earned: still 5
    expect(await r.points.earned(SPACE, bea!, "w1")).toBe(40);
    expect(await r.points.earned(SPACE, bea!, "w2")).toBe(0);
    expect(await r.points.earned("discord:pts2", bea!, "w1")).toBe(0);
    expect(await r.points.earned(SPACE, cy!, "all")).toBe(5);
    const sams = [sam1!, sam2!].sort((x, y) => x - y);
    const row = (memberId: number, name: string, points: number, rank: number) => ({ memberId, name, points, rank });
    expect(await r.points.top(SPACE, "w1", 10)).toEqual([
      row(bea!, "Bea", 40, 1), row(sams[0]!, "Sam", 20, 2), row(sams[1]!, "Sam", 20, 2), row(zed!, "Zed", 20, 2), row(ana!, "ana", 20, 2), row(cy!, "Cy", 5, 6),
    ]);
    expect((await r.points.top(SPACE, "w1", 3)).map((x) => [x.memberId, x.rank])).toEqual([[bea, 1], [sams[0], 2], [sams[1], 2]]);
    expect(await r.points.top(SPACE, "w2", 10)).toEqual([]);
    expect(await r.points.top("discord:pts2", "w1", 10)).toEqual([row(far, "Far", 99, 1)]);
    expect(await r.points.standing(SPACE, "w1", ana!)).toEqual(row(ana!, "ana", 20, 2));
    expect(await r.points.standing(SPACE, "w1", far)).toBeUndefined();
    expect(await r.points.standing(SPACE, "w2", ana!)).toBeUndefined();
  });

  it("points: a member with only zero awards is on no board", async () => {
    const { r, ids: [a, b] } = await setup(["a", "b"]);
    expect(await r.points.award(SPACE, a!, award("z", 0), at)).toBe(true);
    await r.points.award(SPACE, b!, award("b", 3), at);
    expect((await r.points.top(SPACE, "w1", 10)).map((x) => x.memberId)).toEqual([b]);
    expect(await r.points.standing(SPACE, "w1", a!)).toBeUndefined();
    expect(await r.points.earned(SPACE, a!, "w1")).toBe(0);
  });

  it("points: a new period starts every board afresh while the old one keeps its ranks", async () => {
    const { r, ids: [a, b] } = await setup(["a", "b"]);
    await r.points.award(SPACE, a!, award("a1", 30, ["w1", "all"]), at);
    await r.points.award(SPACE, b!, award("b1", 20, ["w1", "all"]), at);
    await r.points.award(SPACE, b!, award("b2", 5, ["w2", "all"]), at);
    expect([await rankOf(r, a!, "w1"), await rankOf(r, b!, "w1")]).toEqual([1, 2]);
    expect([await rankOf(r, a!, "w2"), await rankOf(r, b!, "w2")]).toEqual([undefined, 1]);
    expect([await rankOf(r, a!, "all"), await rankOf(r, b!, "all")]).toEqual([1, 2]);
  });

  it("points: a group board ranks its members by points earned in it; leaving takes a member off it", async () => {
    const { r, ids: [a, b, c] } = await setup(["a", "b", "c"]);
    const g = (await r.groups.create(SPACE, "evening", a!, at))!;
    await r.points.award(SPACE, c!, award("c-before", 100), at); // before joining: the space board only
    for (const m of [a, b, c]) await r.groups.join(SPACE, g.id, m!, at);
    await r.points.award(SPACE, a!, award("a1", 20), at);
    await r.points.award(SPACE, b!, award("b1", 30), at);
    await r.points.award(SPACE, c!, award("c1", 20), at);
    expect([await rankOf(r, a!, "w1", g.id), await rankOf(r, b!, "w1", g.id), await rankOf(r, c!, "w1", g.id)]).toEqual([2, 1, 2]);
    expect([await rankOf(r, a!), await rankOf(r, b!), await rankOf(r, c!)]).toEqual([3, 2, 1]);
    expect(await r.groups.leave(g.id, b!)).toBe(true);
    expect([await rankOf(r, a!, "w1", g.id), await rankOf(r, b!, "w1", g.id), await rankOf(r, c!, "w1", g.id)]).toEqual([1, undefined, 1]);
    expect(await rankOf(r, b!)).toBe(2); // the space board keeps them
  });

  it("points: an erased member no longer counts above anyone", async () => {
    const { r, ids: [a, b] } = await setup(["a", "b"]);
    await r.points.award(SPACE, a!, award("a1", 50), at);
    await r.points.award(SPACE, b!, award("b1", 10), at);
    expect(await rankOf(r, b!)).toBe(2);
    await r.memberData.erase((await r.members.get(a!))!);
    expect(await rankOf(r, b!)).toBe(1);
  });

  it("points: on random boards every rank equals a brute-force count of the members above", async () => {
    const random = seededRandom(19).next;
    const names = Array.from({ length: 40 }, (_, i) => `m${i}`);
    const { r, ids } = await setup(names);
    const g = (await r.groups.create(SPACE, "crew", ids[0]!, at))!;
    const inGroup = new Set<number>();
    const totals = new Map<string, number>(); // board|member → points
    let refs = 0;
    for (let step = 0; step < 400; step++) {
      const m = ids[Math.floor(random() * ids.length)]!;
      const roll = random();
      if (roll < 0.05 && !inGroup.has(m)) { await r.groups.join(SPACE, g.id, m, at); inGroup.add(m); continue; }
      if (roll < 0.08 && inGroup.has(m)) { await r.groups.leave(g.id, m); inGroup.delete(m); totals.delete(`g|${m}`); continue; }
      // Mostly small awards, now and then a big one: values across many bits and levels.
      const points = random() < 0.1 ? Math.floor(random() * 5_000) : Math.floor(random() * 21);
      const ref = random() < 0.1 && refs > 0 ? `r${Math.floor(random() * refs)}` : `r${refs++}`; // some repeats
      if (!(await r.points.award(SPACE, m, award(ref, points, ["all"]), at)) || points === 0) continue;
      for (const board of inGroup.has(m) ? ["s", "g"] : ["s"]) totals.set(`${board}|${m}`, (totals.get(`${board}|${m}`) ?? 0) + points);
    }
    for (const board of ["s", "g"] as const) {
      const rows = [...totals.entries()].filter(([k]) => k.startsWith(`${board}|`)).map(([k, p]) => ({ m: Number(k.slice(2)), p }));
      expect(rows.length).toBeGreaterThan(board === "s" ? 30 : 2);
      for (const m of ids) {
        const mine = rows.find((x) => x.m === m);
        const expected = mine && 1 + rows.filter((x) => x.p > mine.p).length;
        expect(await rankOf(r, m, "all", board === "g" ? g.id : undefined), `${board} member ${m}`).toBe(expected);
      }
    }
  });
}
