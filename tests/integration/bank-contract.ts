/** BankRepo cases of the repository contract (repo-contract.ts), run against SQLite and the twin. */
import { expect, it } from "vitest";
import type { StoredBank } from "../../src/bot/ports.js";
import type { Repos } from "../../src/storage/index.js";

const topic = (id: string, line: number) => ({ kind: "topic" as const, id, line, item: { id, title: id, summary: "s" }, raw: { id, title: id, summary: "s" } });

export function bankContractCases(repos: () => Repos, at: Date) {
  const bank = (ids: string[]): StoredBank => ({ format: "yaml", fileName: "bank.yaml", importedAt: at, items: ids.map((id, i) => topic(id, i * 4 + 2)) });

  it("banks: an import replaces the space's whole bank, in file order, and only that space's", async () => {
    const r = repos();
    for (const id of ["slack:T1", "slack:T2"]) await r.spaces.ensure({ id, platform: "slack" }, "UTC");
    expect(await r.banks.get("slack:T1")).toBeUndefined();
    expect(await r.banks.version("slack:T1")).toBe(0);
    await r.banks.replace("slack:T1", bank(["b-topic", "a-topic"]));
    await r.banks.replace("slack:T2", bank(["other"]));
    const v1 = await r.banks.version("slack:T1");
    expect(v1).toBeGreaterThan(0);
    expect(await r.banks.get("slack:T1")).toEqual(bank(["b-topic", "a-topic"]));
    await r.banks.replace("slack:T1", { ...bank(["c-topic"]), format: "csv", fileName: "bank.csv" });
    expect(await r.banks.version("slack:T1")).toBeGreaterThan(v1);
    expect(await r.banks.get("slack:T1")).toEqual({ ...bank(["c-topic"]), format: "csv", fileName: "bank.csv" });
    expect((await r.banks.get("slack:T2"))?.items.map((i) => i.id)).toEqual(["other"]);
  });

  it("banks: remove takes one item or all; topics switch off per space; every change moves the version", async () => {
    const r = repos();
    for (const id of ["slack:T1", "slack:T2"]) await r.spaces.ensure({ id, platform: "slack" }, "UTC");
    await r.banks.replace("slack:T1", bank(["x", "y"]));
    const v = await r.banks.version("slack:T1");
    expect(await r.banks.remove("slack:T1", "nope")).toBe(0);
    expect(await r.banks.version("slack:T1")).toBe(v);
    expect(await r.banks.remove("slack:T1", "x")).toBe(1);
    expect((await r.banks.get("slack:T1"))?.items.map((i) => i.id)).toEqual(["y"]);
    expect(await r.banks.remove("slack:T1")).toBe(1);
    expect(await r.banks.get("slack:T1")).toBeUndefined();
    const afterRemove = await r.banks.version("slack:T1");
    expect(afterRemove).toBeGreaterThan(v);

    await r.banks.setTopicOff("slack:T1", "caching", true);
    await r.banks.setTopicOff("slack:T1", "apis", true);
    await r.banks.setTopicOff("slack:T1", "apis", true);
    expect(await r.banks.disabledTopics("slack:T1")).toEqual(["apis", "caching"]);
    expect(await r.banks.disabledTopics("slack:T2")).toEqual([]);
    await r.banks.setTopicOff("slack:T1", "caching", false);
    expect(await r.banks.disabledTopics("slack:T1")).toEqual(["apis"]);
    expect(await r.banks.version("slack:T1")).toBeGreaterThan(afterRemove);
  });
}
