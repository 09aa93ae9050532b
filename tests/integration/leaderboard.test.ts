import { describe, expect, it } from "vitest";
import { periodsOf } from "../../src/bot/services/points.js";
import { openDatabase } from "../../src/storage/db.js";
import { createRepos } from "../../src/storage/index.js";
import { groupMembers, groups } from "../../src/storage/schema.js";

async function setup(scores: Array<[string, number]>, at = new Date("2026-11-25T10:00:00Z"), tz = "Asia/Kolkata") {
  const db = openDatabase(":memory:");
  const repos = createRepos(db);
  await repos.spaces.ensure({ id: "discord:g", platform: "discord" }, tz);
  await repos.spaces.ensure({ id: "discord:other", platform: "discord" }, tz);
  const ids = new Map<string, number>();
  for (const [name, points] of scores) {
    const m = await repos.members.ensure("discord:g", { id: name, name });
    ids.set(name, m.id);
    if (points > 0) await repos.points.award("discord:g", m.id, { ref: `seed-${name}`, points, reason: "test", periods: Object.values(periodsOf(at, tz)) }, at);
  }
  return { db, repos, ids, week: periodsOf(at, tz).week };
}

describe("leaderboards on SQLite", () => {
  it("ranks ties by standard competition (1, 2, 2, 4)", async () => {
    const { repos, week } = await setup([["ana", 50], ["bo", 40], ["cy", 40], ["di", 30]]);
    expect((await repos.points.top("discord:g", week, 10)).map((r) => [r.name, r.rank, r.points]))
      .toEqual([["ana", 1, 50], ["bo", 2, 40], ["cy", 2, 40], ["di", 4, 30]]);
  });

  it("shows the caller's rank outside the top 10", async () => {
    const scores: Array<[string, number]> = Array.from({ length: 14 }, (_, i) => [`m${String(i).padStart(2, "0")}`, 100 - i]);
    const { repos, ids, week } = await setup(scores);
    expect(await repos.points.top("discord:g", week, 10)).toHaveLength(10);
    expect(await repos.points.standing("discord:g", week, ids.get("m13")!)).toEqual({ memberId: ids.get("m13"), name: "m13", points: 87, rank: 14 });
  });

  it("an empty board is empty, and nothing leaks from another space", async () => {
    const { repos, ids, week } = await setup([["ana", 10]]);
    expect(await repos.points.top("discord:other", week, 10)).toEqual([]);
    expect(await repos.points.standing("discord:other", week, ids.get("ana")!)).toBeUndefined();
  });

  it("weeks and months change at local midnight, not UTC", async () => {
    // Sunday 23:30 IST (18:00 UTC) and Monday 00:30 IST (19:00 UTC) land in different weeks.
    const { repos, ids } = await setup([["ana", 0]]);
    const ana = ids.get("ana")!;
    for (const [ref, at] of [["sun", "2026-11-22T18:00:00Z"], ["mon", "2026-11-22T19:00:00Z"]] as const) {
      await repos.points.award("discord:g", ana, { ref, points: 10, reason: "t", periods: Object.values(periodsOf(new Date(at), "Asia/Kolkata")) }, new Date(at));
    }
    expect(await repos.points.earned("discord:g", ana, "w2026-11-16")).toBe(10);
    expect(await repos.points.earned("discord:g", ana, "w2026-11-23")).toBe(10);
    expect(await repos.points.earned("discord:g", ana, "m2026-11")).toBe(20);
    expect(await repos.points.earned("discord:g", ana, "all")).toBe(20);
    // The same reference twice adds nothing.
    expect(await repos.points.award("discord:g", ana, { ref: "sun", points: 10, reason: "t", periods: ["all"] }, new Date())).toBe(false);
    expect(await repos.points.earned("discord:g", ana, "all")).toBe(20);
  });

  it("a group board ranks only the group's members, by points earned while in it", async () => {
    const { db, repos, ids, week } = await setup([["ana", 0], ["bo", 0], ["cy", 0]]);
    const g = db.insert(groups).values({ spaceId: "discord:g", name: "evening", createdBy: ids.get("ana")! }).returning().get();
    const at = new Date("2026-11-25T10:00:00Z");
    const earn = (who: string, ref: string, points: number) =>
      repos.points.award("discord:g", ids.get(who)!, { ref, points, reason: "t", periods: Object.values(periodsOf(at, "Asia/Kolkata")) }, at);
    await earn("bo", "before-joining", 100); // counts on the space board only
    db.insert(groupMembers).values([{ spaceId: "discord:g", groupId: g.id, memberId: ids.get("bo")! }, { spaceId: "discord:g", groupId: g.id, memberId: ids.get("cy")! }]).run();
    await earn("ana", "a1", 50);
    await earn("bo", "b1", 20);
    await earn("cy", "c1", 30);
    expect((await repos.points.top("discord:g", week, 10, g.id)).map((r) => [r.name, r.rank, r.points])).toEqual([["cy", 1, 30], ["bo", 2, 20]]);
    expect((await repos.points.standing("discord:g", week, ids.get("bo")!, g.id))?.rank).toBe(2);
    expect(await repos.points.standing("discord:g", week, ids.get("ana")!, g.id)).toBeUndefined();
    expect((await repos.points.top("discord:g", week, 10)).map((r) => [r.name, r.points])).toEqual([["bo", 120], ["ana", 50], ["cy", 30]]);
  });

  it("the retention board counts cards at long stability", async () => {
    const { repos, ids } = await setup([["ana", 0], ["bo", 0]]);
    const card = (s: number) => ({ due: "2027-01-01T00:00:00.000Z", stability: s, difficulty: 5, scheduled_days: 30, learning_steps: 0, reps: 4, lapses: 0, state: 2 });
    const save = (who: string, q: string, s: number) => repos.reviews.save("discord:g", ids.get(who)!, { questionId: q, card: card(s), due: new Date("2027-01-01"), stability: s }, new Date());
    await save("ana", "q1", 30); await save("ana", "q2", 25); await save("ana", "q3", 2);
    await save("bo", "q1", 40);
    expect((await repos.reviews.retentionTop("discord:g", 21, 10)).map((r) => [r.name, r.points, r.rank])).toEqual([["ana", 2, 1], ["bo", 1, 2]]);
    expect(await repos.reviews.retentionOf("discord:g", ids.get("bo")!, 21)).toMatchObject({ points: 1, rank: 2 });
  });
});
