/** ReportRepo cases of the repository contract (repo-contract.ts), run against SQLite and the twin. */
import { expect, it } from "vitest";
import type { Repos } from "../../src/storage/index.js";

export function reportContractCases(repos: () => Repos, at: Date) {
  const later = (s: number) => new Date(at.getTime() + s * 1_000);

  it("reports: one per member, item and kind; a note replaces only the note; per space, newest first", async () => {
    const r = repos();
    for (const id of ["slack:T1", "slack:T2"]) await r.spaces.ensure({ id, platform: "slack" }, "UTC");
    const a = await r.members.ensure("slack:T1", { id: "a", name: "A" });
    const b = await r.members.ensure("slack:T1", { id: "b", name: "B" });
    const c = await r.members.ensure("slack:T2", { id: "c", name: "C" });
    const report = (memberId: number, spaceId: string, itemId: string, kind: "wrong" | "typo", s: number, note?: string) =>
      r.reports.record({ spaceId, memberId, itemId, kind, at: later(s), ...(note !== undefined ? { note } : {}) });

    expect(await report(a.id, "slack:T1", "q-caching-1-01", "wrong", 1)).toBe(true);
    // Two clicks at once, and one later: still one report, at its first time.
    expect(await Promise.all([report(a.id, "slack:T1", "q-caching-1-01", "wrong", 2), report(a.id, "slack:T1", "q-caching-1-01", "wrong", 2)])).toEqual([false, false]);
    expect(await report(a.id, "slack:T1", "q-caching-1-01", "wrong", 3, "the key says LRU")).toBe(false);
    expect(await report(a.id, "slack:T1", "q-caching-1-01", "typo", 4)).toBe(true);
    expect(await report(b.id, "slack:T1", "d-01", "typo", 5, "‘secnods’")).toBe(true);
    expect(await report(c.id, "slack:T2", "d-01", "wrong", 6)).toBe(true);

    expect(await r.reports.inSpace("slack:T1", 10)).toEqual([
      { spaceId: "slack:T1", memberId: b.id, itemId: "d-01", kind: "typo", note: "‘secnods’", at: later(5) },
      { spaceId: "slack:T1", memberId: a.id, itemId: "q-caching-1-01", kind: "typo", note: null, at: later(4) },
      { spaceId: "slack:T1", memberId: a.id, itemId: "q-caching-1-01", kind: "wrong", note: "the key says LRU", at: later(1) },
    ]);
    expect((await r.reports.inSpace("slack:T1", 2)).map((x) => x.kind)).toEqual(["typo", "typo"]);
    expect((await r.reports.all()).map((x) => [x.spaceId, x.itemId, x.kind])).toEqual([
      ["slack:T2", "d-01", "wrong"], ["slack:T1", "d-01", "typo"], ["slack:T1", "q-caching-1-01", "typo"], ["slack:T1", "q-caching-1-01", "wrong"],
    ]);
  });

  it("reports: a member's are theirs in me export, and go with me delete; others' stay", async () => {
    const r = repos();
    await r.spaces.ensure({ id: "slack:T1", platform: "slack" }, "UTC");
    const a = await r.members.ensure("slack:T1", { id: "a", name: "A" });
    const b = await r.members.ensure("slack:T1", { id: "b", name: "B" });
    await r.reports.record({ spaceId: "slack:T1", memberId: a.id, itemId: "d-01", kind: "typo", note: "mine", at });
    await r.reports.record({ spaceId: "slack:T1", memberId: b.id, itemId: "d-01", kind: "typo", at });
    const exported = await r.memberData.export(a);
    expect(exported.item_reports).toHaveLength(1);
    expect(JSON.stringify(exported.item_reports)).toContain("mine");
    expect(await r.memberData.erase(a)).toMatchObject({ item_reports: 1 });
    expect((await r.reports.all()).map((x) => x.memberId)).toEqual([b.id]);
  });
}
