/** MemberPlanRepo cases of the repository contract (repo-contract.ts), run against SQLite and the twin. */
import { expect, it } from "vitest";
import type { MemberPlan } from "../../src/bot/ports.js";
import type { Repos } from "../../src/storage/index.js";

export function memberPlanContractCases(repos: () => Repos) {
  const setup = async () => {
    const r = repos();
    await r.spaces.ensure({ id: "console:mp", platform: "console" }, "UTC");
    const a = await r.members.ensure("console:mp", { id: "a", name: "A" });
    const b = await r.members.ensure("console:mp", { id: "b", name: "B" });
    return { r, a: a.id, b: b.id };
  };
  const row = (memberId: number, extra: Partial<MemberPlan> = {}): MemberPlan => ({
    memberId, spaceId: "console:mp", planId: "tiny", startDate: "2026-11-23", skipped: 0, pausedOn: null, pausedDays: 0, ...extra,
  });

  it("memberPlans: one per member, replaced in place, every field kept, cleared once", async () => {
    const { r, a, b } = await setup();
    expect(await r.memberPlans.get(a)).toBeUndefined();
    await r.memberPlans.save(row(a));
    await r.memberPlans.save(row(b, { planId: "seven-week" }));
    expect(await r.memberPlans.get(a)).toEqual(row(a));

    const changed = row(a, { planId: "thirty-day", startDate: "2026-11-25", skipped: 2, pausedOn: "2026-11-26", pausedDays: 3 });
    await r.memberPlans.save(changed);
    expect(await r.memberPlans.get(a)).toEqual(changed);
    await r.memberPlans.save({ ...changed, pausedOn: null });
    expect((await r.memberPlans.get(a))?.pausedOn).toBeNull();

    expect(await r.memberPlans.clear(a)).toBe(true);
    expect(await r.memberPlans.clear(a)).toBe(false);
    expect(await r.memberPlans.get(a)).toBeUndefined();
    expect(await r.memberPlans.get(b)).toEqual(row(b, { planId: "seven-week" }));
  });

  it("memberPlans: a returned row is a copy (changing it changes nothing stored)", async () => {
    const { r, a } = await setup();
    await r.memberPlans.save(row(a));
    const got = (await r.memberPlans.get(a))!;
    got.skipped = 9;
    expect((await r.memberPlans.get(a))?.skipped).toBe(0);
  });
}
