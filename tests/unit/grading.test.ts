import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { gradeFree } from "../../src/curriculum/grading.js";
import { loadCurriculum } from "../../src/curriculum/loader.js";
import { normalise, phrasingMatches, stem, statesWithoutNegation } from "../../src/curriculum/text-match.js";

describe("the key-point matcher", () => {
  it.each([["caching", "cach"], ["caches", "cach"], ["cached", "cach"], ["replicas", "replica"], ["partitions", "partition"], ["queries", "query"]])(
    "stems %s like its family", (word, expected) => expect(stem(word)).toBe(expected));
  it("matches phrasings by content words in any order, with alternatives", () => {
    const a = normalise("Reads go to the read-only replicas; every write still hits the primary.");
    expect(phrasingMatches(a, "replicas reads")).toBe(true);
    expect(phrasingMatches(a, "writes primary")).toBe(true);
    expect(phrasingMatches(a, "leader/primary")).toBe(true);
    expect(phrasingMatches(a, "sharding writes")).toBe(false);
  });
  it("does not credit a misconception the answer negates", () => {
    expect(statesWithoutNegation("Replicas spread the writes.", ["replicas spread writes"])).toBe(true);
    expect(statesWithoutNegation("Replicas don't spread the writes.", ["replicas spread writes"])).toBe(false);
    expect(statesWithoutNegation("Replicas do not spread writes, but they spread reads.", ["replicas spread writes"])).toBe(false);
  });
});

type Labelled = { question: string; answer: string; expect: "strong" | "partial" | "weak"; missing?: string[] };

describe("labelled answers are graded as a person would", () => {
  const c = loadCurriculum();
  const dir = join(import.meta.dirname, "../fixtures/graded-answers");
  const cases = readdirSync(dir).filter((f) => f.endsWith(".yaml"))
    .flatMap((f) => (parse(readFileSync(join(dir, f), "utf8")) as Labelled[]).map((l) => ({ ...l, file: f })));

  it("has at least 30 labelled answers across topics", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map((l) => c.questionsById.get(l.question)?.topic)).size).toBeGreaterThanOrEqual(5);
  });

  it.each(cases.map((l) => [`${l.question} (${l.expect}): ${l.answer.slice(0, 50)}`, l] as const))("%s", (_, l) => {
    const q = c.questionsById.get(l.question);
    expect(q?.format).toBe("free");
    if (q?.format !== "free") return;
    const g = gradeFree(q, l.answer);
    if (l.expect === "strong") expect(g.score).toBeGreaterThanOrEqual(0.8);
    if (l.expect === "weak") expect(g.score).toBeLessThanOrEqual(0.2);
    if (l.expect === "partial") {
      expect(g.score).toBeGreaterThan(0.2);
      expect(g.score).toBeLessThan(0.8);
      for (const m of l.missing ?? []) expect(g.missed.some((p) => p.toLowerCase().includes(m.toLowerCase()))).toBe(true);
    }
  });
});
