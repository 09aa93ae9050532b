/** ReviewRepo cases of the repository contract (repo-contract.ts): FSRS cards and the retention board. */
import { expect, it } from "vitest";
import type { ReviewCard } from "../../src/bot/ports.js";
import type { Repos } from "../../src/storage/index.js";
import { ABSENT_ID } from "./spaces-contract.js";

export function reviewContractCases(repos: () => Repos, at: Date) {
  const days = (d: number) => new Date(at.getTime() + d * 86_400_000);
  const card = (questionId: string, dueInDays: number, stability: number): ReviewCard => ({
    questionId, due: days(dueInDays), stability,
    card: { due: days(dueInDays).toISOString(), stability, difficulty: 5, scheduled_days: 3, learning_steps: 0, reps: 1, lapses: 0, state: 2 },
  });
  const setup = async () => {
    const r = repos();
    for (const id of ["discord:R1", "discord:R2"]) await r.spaces.ensure({ id, platform: "discord" }, "UTC");
    return { r };
  };

  it("reviews: a card per (member, question), saved again in place, whole", async () => {
    const { r } = await setup();
    const m = await r.members.ensure("discord:R1", { id: "m", name: "M" });
    const o = await r.members.ensure("discord:R1", { id: "o", name: "O" });
    expect(await r.reviews.get(m.id, "q1")).toBeUndefined();
    await r.reviews.save("discord:R1", m.id, card("q1", 1, 2), at);
    await r.reviews.save("discord:R1", o.id, card("q1", 5, 8), at);
    expect(await r.reviews.get(m.id, "q1")).toEqual(card("q1", 1, 2));
    await r.reviews.save("discord:R1", m.id, card("q1", 3, 4.5), days(1));
    expect(await r.reviews.get(m.id, "q1")).toEqual(card("q1", 3, 4.5));
    expect(await r.reviews.get(o.id, "q1")).toEqual(card("q1", 5, 8));
    expect(await r.reviews.upcoming(m.id, at)).toEqual({ next: days(3), total: 1 });
    expect(await r.reviews.get(ABSENT_ID, "q1")).toBeUndefined();
  });

  it("reviews: due cards most overdue first (same due time: by question id), at most `limit`; upcoming is the soonest not yet due", async () => {
    const { r } = await setup();
    const m = await r.members.ensure("discord:R1", { id: "m", name: "M" });
    const o = await r.members.ensure("discord:R1", { id: "o", name: "O" });
    for (const c of [card("q-c", -1, 1), card("q-a", -3, 1), card("q-d", 0, 1), card("q-b", -1, 1), card("q-e", 2, 1), card("q-f", 4, 1)]) {
      await r.reviews.save("discord:R1", m.id, c, at);
    }
    await r.reviews.save("discord:R1", o.id, card("q-o", -9, 1), at);
    expect((await r.reviews.due(m.id, at, 10)).map((c) => c.questionId)).toEqual(["q-a", "q-b", "q-c", "q-d"]); // due == now is due
    expect(await r.reviews.due(m.id, at, 2)).toEqual([card("q-a", -3, 1), card("q-b", -1, 1)]);
    expect(await r.reviews.due(m.id, days(-5), 10)).toEqual([]);
    expect(await r.reviews.upcoming(m.id, at)).toEqual({ next: days(2), total: 6 });
    expect(await r.reviews.upcoming(m.id, days(5))).toEqual({ next: undefined, total: 6 });
    expect(await r.reviews.upcoming(ABSENT_ID, at)).toEqual({ next: undefined, total: 0 });
  });

  it("reviews: the retention board counts a space's cards at or above a stability, with competition ranks and the documented tiebreak", async () => {
    const { r } = await setup();
    // Names chosen so that code-point order ("Zed" < "ana") differs from a locale's.
    const names = ["ana", "Zed", "Bea", "Cy", "Di"];
    const m: Record<string, number> = {};
    for (const n of names) m[n] = (await r.members.ensure("discord:R1", { id: n, name: n })).id;
    const far = (await r.members.ensure("discord:R2", { id: "far", name: "Far" })).id;
    const hold = async (name: string, kept: number, weak = 0) => {
      for (let i = 0; i < kept; i++) await r.reviews.save("discord:R1", m[name]!, card(`q-${i}`, 30, 21 + i), at);
      for (let i = 0; i < weak; i++) await r.reviews.save("discord:R1", m[name]!, card(`q-w${i}`, 3, 20.9), at);
    };
    await hold("ana", 2, 3);
    await hold("Zed", 2);
    await hold("Bea", 4);
    await hold("Cy", 1, 5);
    await hold("Di", 0, 4); // no card kept: not on the board
    // Another space's member holds more, and is on their own board only.
    for (let i = 0; i < 9; i++) await r.reviews.save("discord:R2", far, card(`q-${i}`, 30, 50), at);

    const row = (name: string, points: number, rank: number) => ({ memberId: m[name]!, name, points, rank });
    expect(await r.reviews.retentionTop("discord:R1", 21, 10)).toEqual([row("Bea", 4, 1), row("Zed", 2, 2), row("ana", 2, 2), row("Cy", 1, 4)]);
    expect(await r.reviews.retentionTop("discord:R1", 21, 2)).toEqual([row("Bea", 4, 1), row("Zed", 2, 2)]);
    expect(await r.reviews.retentionTop("discord:R1", 22, 10)).toEqual([row("Bea", 3, 1), row("Zed", 1, 2), row("ana", 1, 2)]);
    expect(await r.reviews.retentionTop("discord:R2", 21, 10)).toEqual([{ memberId: far, name: "Far", points: 9, rank: 1 }]);
    expect(await r.reviews.retentionTop("discord:none", 21, 10)).toEqual([]);

    expect(await r.reviews.retentionOf("discord:R1", m.ana!, 21)).toEqual(row("ana", 2, 2));
    expect(await r.reviews.retentionOf("discord:R1", m.Cy!, 21)).toEqual(row("Cy", 1, 4));
    expect(await r.reviews.retentionOf("discord:R1", m.Cy!, 20)).toEqual(row("Cy", 6, 1));
    expect(await r.reviews.retentionOf("discord:R1", m.Di!, 21)).toBeUndefined();
    expect(await r.reviews.retentionOf("discord:R1", far, 21)).toBeUndefined();
    expect(await r.reviews.retentionOf("discord:R2", far, 21)).toEqual({ memberId: far, name: "Far", points: 9, rank: 1 });
  });

  it("reviews: on the same count and the same name, the lower member id is listed first", async () => {
    const { r } = await setup();
    const ids = [];
    for (const u of ["u1", "u2", "u3"]) ids.push((await r.members.ensure("discord:R1", { id: u, name: "Sam" })).id);
    for (const id of [...ids].reverse()) await r.reviews.save("discord:R1", id, card("q", 30, 40), at);
    expect((await r.reviews.retentionTop("discord:R1", 21, 10)).map((x) => [x.memberId, x.rank])).toEqual([...ids].sort((a, b) => a - b).map((id) => [id, 1]));
  });
}
