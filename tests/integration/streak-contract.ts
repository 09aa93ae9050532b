/** StreakRepo cases of the repository contract (repo-contract.ts), run against SQLite and the twin. */
import { expect, it } from "vitest";
import type { Streak } from "../../src/bot/ports.js";
import type { Repos } from "../../src/storage/index.js";
import { ABSENT_ID } from "./spaces-contract.js";

export function streakContractCases(repos: () => Repos, at: Date) {
  const setup = async () => {
    const r = repos();
    await r.spaces.ensure({ id: "discord:S1", platform: "discord" }, "Asia/Kolkata");
    await r.spaces.ensure({ id: "discord:S2", platform: "discord" }, "UTC");
    // One after the other: the sweep pages by member id, and on a connection pool (PostgreSQL)
    // concurrent inserts take their ids in any order.
    const ensure = (id: string) => r.members.ensure("discord:S1", { id, name: id.toUpperCase() });
    const a = await ensure("a");
    const b = await ensure("b");
    const c = await ensure("c");
    const d = await r.members.ensure("discord:S2", { id: "d", name: "D" });
    return { r, a: a.id, b: b.id, c: c.id, d: d.id };
  };
  const streak = (memberId: number, spaceId: string, current: number, extra: Partial<Streak> = {}): Streak => ({
    memberId, spaceId, current, best: current, freezes: 0, lastDate: "2026-11-22", remindersOn: true, remindedOn: null, ...extra,
  });

  it("streaks: saved per member, updated in place, reminded date set", async () => {
    const { r, a } = await setup();
    expect(await r.streaks.get(a)).toBeUndefined();
    await r.streaks.save(streak(a, "discord:S1", 3, { best: 5, freezes: 1 }));
    await r.streaks.save(streak(a, "discord:S1", 4, { best: 5, freezes: 2, lastDate: "2026-11-23", remindersOn: false }));
    expect(await r.streaks.get(a)).toEqual(streak(a, "discord:S1", 4, { best: 5, freezes: 2, lastDate: "2026-11-23", remindersOn: false }));
    await r.streaks.setReminded(a, "2026-11-23");
    expect((await r.streaks.get(a))?.remindedOn).toBe("2026-11-23");
    await r.streaks.setReminded(ABSENT_ID, "2026-11-23");
    expect(await r.streaks.get(ABSENT_ID)).toBeUndefined();
  });

  it("streaks: longest current first per space or group, broken ones left out; sweep candidates with their zone", async () => {
    const { r, a, b, c, d } = await setup();
    await r.members.setTimezone(b, "America/Los_Angeles");
    await r.streaks.save(streak(a, "discord:S1", 3));
    await r.streaks.save(streak(b, "discord:S1", 9, { best: 12 }));
    await r.streaks.save(streak(c, "discord:S1", 0, { best: 4, remindersOn: true }));
    await r.streaks.save(streak(d, "discord:S2", 20, { remindersOn: false }));
    expect(await r.streaks.longest("discord:S1", 10)).toEqual([
      { memberId: b, name: "B", current: 9, best: 12 }, { memberId: a, name: "A", current: 3, best: 3 },
    ]);
    expect(await r.streaks.longest("discord:S1", 1)).toHaveLength(1);
    const group = await r.groups.create("discord:S1", "Night owls", a, at);
    await r.groups.join("discord:S1", group!.id, a, at);
    expect((await r.streaks.longest("discord:S1", 10, group!.id)).map((x) => x.memberId)).toEqual([a]);

    // In member id order, whatever ids the store gave (a store may hand them out in any order).
    const expected = ([[a, "a", "Asia/Kolkata"], [b, "b", "America/Los_Angeles"], [d, "d", "UTC"]] as const).slice().sort((x, y) => x[0] - y[0]);
    const running = await r.streaks.running(0, 100);
    expect(running.map((x) => [x.memberId, x.platformUserId, x.timezone])).toEqual(expected);
    expect(running.find((x) => x.memberId === b)).toMatchObject({ current: 9, lastDate: "2026-11-22", remindersOn: true });
    expect(running.find((x) => x.memberId === d)).toMatchObject({ current: 20, remindersOn: false });
    // Keyset pages: the running streaks after a given id, at most `limit`; broken ones (c) never on a page.
    const ids = expected.map((x) => x[0]);
    expect((await r.streaks.running(0, 2)).map((x) => x.memberId)).toEqual(ids.slice(0, 2));
    expect((await r.streaks.running(ids[1]!, 2)).map((x) => x.memberId)).toEqual(ids.slice(2));
    expect((await r.streaks.running(ids[0]!, 1)).map((x) => x.memberId)).toEqual([ids[1]]);
    expect((await r.streaks.running(ids[0]! - 1, 1)).map((x) => x.memberId)).toEqual([ids[0]]);
    expect(await r.streaks.running(ids[2]!, 2)).toEqual([]);
  });

  it("streaks: the same streak length is listed by name (code-point order), then member id", async () => {
    const { r, a, b, c } = await setup();
    // Members of one name: renamed, so the tiebreak falls to the id.
    await r.members.ensure("discord:S1", { id: "a", name: "Sam" });
    await r.members.ensure("discord:S1", { id: "b", name: "Sam" });
    await r.members.ensure("discord:S1", { id: "c", name: "Ari" });
    const e = (await r.members.ensure("discord:S1", { id: "e", name: "bo" })).id;
    for (const m of [e, c, b, a]) await r.streaks.save(streak(m, "discord:S1", 5));
    const sams = [a, b].sort((x, y) => x - y);
    expect((await r.streaks.longest("discord:S1", 10)).map((x) => x.memberId)).toEqual([c, ...sams, e]);
  });
}
