import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseBankFile, writeBankFile } from "../../src/curriculum/bank-file.js";
import { readCsv } from "../../src/curriculum/bank-csv.js";
import { loadCurriculum } from "../../src/curriculum/loader.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/banks/${name}`, import.meta.url), "utf8");
const example = (name: string) => readFileSync(new URL(`../../docs/examples/${name}`, import.meta.url), "utf8");
const ctx = { builtInTopics: new Set(["caching", "sharding"]) };

describe("question-bank files", () => {
  it("reads a YAML bank with each item's line, filling what a free question may leave out", () => {
    const r = parseBankFile("team.yaml", fixture("team.yaml"), ctx);
    if (!r.ok) throw new Error(r.errors.join("\n"));
    expect(r.items.map((i) => [i.kind, i.id, i.line])).toEqual([
      ["topic", "our-platform", 2], ["question", "outbox-why", 6], ["question", "ttl-mcq", 14], ["drill", "log-volume", 27],
    ]);
    const free = r.items[1]!;
    expect(free.kind === "question" && free.item.format === "free" && free.item.keyPoints[0]).toEqual({ point: "The event is written in the same database transaction as the state change.", phrasings: [] });
    expect(free.kind === "question" && free.item.format === "free" && free.item.modelAnswer).toContain("relay publishes");
  });

  it("names every bad item with its line and reason, and keeps none", () => {
    const r = parseBankFile("bad.yaml", fixture("bad.yaml"), ctx);
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors).toEqual([
      "line 2 (topic caching): id: caching is a built-in topic; put questions in it with topic: caching, without declaring it",
      expect.stringMatching(/^line 6 \(question ok-one\): topic: unknown topic our-stuff/),
      "line 12 (question no-points): keyPoints: at least 1 required",
      expect.stringMatching(/^line 18 \(question two-right\): level: .*; options: exactly one option must be correct$/),
      expect.stringMatching(/^line 28 \(drill Bad_Id\): id: must be lower-kebab-case/),
    ]);
  });

  it("reads CSV rows with their lines, and refuses bad rows by line", () => {
    const bad = parseBankFile("bad.csv", fixture("bad.csv"), ctx);
    expect(bad.ok ? [] : bad.errors).toEqual([
      "line 3 (question empty-points): keyPoints: required",
      "line 4 (question no-format): format: must be mcq or free",
    ]);
    expect(readCsv('a,b\n"multi\nline",x\n"open').ok).toBe(false);
    expect(readCsv('a,b\n"multi\nline",x\nlast,row\n')).toEqual({ ok: true, records: [
      { line: 1, cells: ["a", "b"] }, { line: 2, cells: ["multi\nline", "x"] }, { line: 4, cells: ["last", "row"] },
    ] });
    expect(parseBankFile("x.csv", "kind,colour\n", ctx)).toEqual({ ok: false, errors: [expect.stringContaining('line 1: unknown column "colour"')] });
    expect(parseBankFile("x.txt", "", ctx).ok).toBe(false);
    expect(parseBankFile("x.yaml", "questions: [\n", ctx)).toEqual({ ok: false, errors: [expect.stringMatching(/^line \d+: not valid YAML/)] });
  });

  it("the documented examples import against the real curriculum, and export gives the same items back", () => {
    const builtInTopics = new Set(loadCurriculum().topics.map((t) => t.id));
    for (const name of ["question-bank.yaml", "question-bank.csv"]) {
      const r = parseBankFile(name, example(name), { builtInTopics });
      if (!r.ok) throw new Error(r.errors.join("\n"));
      expect(r.items.length).toBe(4);
      const again = parseBankFile(name, writeBankFile(r.format, r.items), { builtInTopics });
      expect(again.ok && again.items.map((i) => [i.kind, i.item])).toEqual(r.items.map((i) => [i.kind, i.item]));
    }
  });
});
