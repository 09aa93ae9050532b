import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { contentShortfalls, curriculumCounts } from "../../src/curriculum/counts.js";
import { checkEvalSets, formatEvalCounts } from "../../src/curriculum/eval-check.js";
import { CONTENT_DIR, CurriculumError, loadCurriculum } from "../../src/curriculum/loader.js";

const FIXTURES = join(import.meta.dirname, "../fixtures");

describe("the curriculum", () => {
  const c = loadCurriculum();

  it("parses every content file with its schema and has a usable starter set", () => {
    const n = curriculumCounts(c);
    const full = c.topics.filter((t) => ([1, 2, 3] as const).every((l) => t.questions.filter((q) => q.level === l).length >= 4));
    expect(full.length).toBeGreaterThanOrEqual(3);
    expect(n.mcq).toBeGreaterThan(0);
    expect(n.free).toBeGreaterThan(0);
    expect(n.plans).toBeGreaterThanOrEqual(1);
  });

  it("gives every question a stable, unique id that matches its topic and level", () => {
    const ids = c.topics.flatMap((t) => t.questions.map((q) => q.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of c.topics) for (const q of t.questions) expect(q.id.startsWith(`q-${t.id}-${q.level}-`)).toBe(true);
  });

  it("stops on a malformed file, naming the file, the item and what is wrong", () => {
    let error: unknown;
    try {
      loadCurriculum(join(FIXTURES, "curriculum-broken"));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CurriculumError);
    const problems = (error as CurriculumError).problems;
    expect(problems).toContain("topics/caching.yaml: q-caching-1-01: questions.0.options: every wrong option needs a one-line why");
    // One line per broken item, with all of its issues.
    const second = problems.filter((p) => p.startsWith("topics/caching.yaml: q-caching-2-01: "));
    expect(second).toHaveLength(1);
    expect(second[0]).toContain("questions.1.keyPoints: ");
    expect(second[0]).toContain("questions.1.source: ");
  });

  it("one broken item in the real tree gives one error naming file and item, not one per plan and problem that uses its topic", () => {
    const dir = mkdtempSync(join(tmpdir(), "prepcoach-content-"));
    try {
      cpSync(CONTENT_DIR, dir, { recursive: true });
      const file = join(dir, "topics", "caching.yaml");
      writeFileSync(file, readFileSync(file, "utf8").replace(/\n    explanation: /, "\n    explanationx: "));
      let error: unknown;
      try { loadCurriculum(dir); } catch (err) { error = err; }
      expect((error as CurriculumError).problems).toEqual([
        expect.stringMatching(/^topics\/caching\.yaml: q-caching-1-01: questions\.0\.explanation: .*; questions\.0: Unrecognized key: "explanationx"$/),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("npm run curriculum:check exits non-zero and names the defects of a broken tree", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/curriculum/check.ts", join(FIXTURES, "curriculum-broken")], {
      cwd: join(import.meta.dirname, "../.."), encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("topics/caching.yaml: q-caching-1-01: questions.0.options: every wrong option needs a one-line why");
  });

  it("the content meets its targets (issue 18): 30 topics, 360 questions, 5 problems a level, 20 level-3 drills, no length cue, two misconceptions a free question", () => {
    const n = curriculumCounts(c);
    expect(contentShortfalls(n)).toEqual([]);
    expect(n.topics).toBeGreaterThanOrEqual(30);
    expect(n.questions).toBeGreaterThanOrEqual(360);
    expect(Math.min(n.mcq, n.free) / n.questions).toBeGreaterThan(0.4);
    expect(n.longestCorrect.overall).toBeLessThanOrEqual(0.3);
    for (const q of c.topics.flatMap((t) => t.questions)) {
      if (q.format === "mcq") for (const o of q.options) expect(o.text.length, `${q.id}: ${o.text}`).toBeLessThanOrEqual(80);
    }
    expect(c.plans.map((p) => p.id).sort()).toEqual(["final-sprint", "seven-week", "thirty-day"]);
    expect(c.frameworks.map((f) => f.id).sort()).toEqual(["radio", "redsco"]);
  });

  it("contentShortfalls names each target a tree misses", () => {
    const n = curriculumCounts(loadCurriculum(join(FIXTURES, "curriculum-mini")));
    const short = contentShortfalls(n).join("\n");
    expect(short).toMatch(/^topics: \d+, need 30$/m);
    expect(short).toMatch(/^level-1 problems: \d+, need 5$/m);
    expect(short).toMatch(/^level-3 drills: \d+, need 20$/m);
  });

  it("npm run curriculum:check prints the counts and exits 0", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "src/curriculum/check.ts"], { cwd: join(import.meta.dirname, "../.."), encoding: "utf8" });
    expect(out).toMatch(/^topics\s+\d+/m);
    expect(out).toMatch(/^questions\s+\d+ \(foundation \d+, application \d+, expert \d+; multiple choice \d+, free text \d+\)/m);
    expect(out).toMatch(/^eval sets\s+\d+ files, \d+ free-text items, \d+ answers \(strong \d+, partial \d+, weak \d+, wrong \d+, stuffed \d+\), \d+ numeric; \d+ of \d+ free questions have ≥ 5 answers covering every label/m);
  });

  it("validates the lexicon with the content: a bad one stops the load, naming the file and the concept", () => {
    let error: unknown;
    try {
      loadCurriculum(join(FIXTURES, "curriculum-bad-lexicon"));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CurriculumError);
    expect((error as CurriculumError).problems).toEqual(["lexicon.yaml: async: concepts.0.opposite.0: unknown concept synchronous"]);
  });
});

describe("the grader's eval sets (curriculum:check)", () => {
  const mini = loadCurriculum(join(FIXTURES, "curriculum-mini"));
  const sets = (name: string) => join(FIXTURES, "eval-sets", name);

  it("our own sets parse with the eval tool's schema, with no defect; each free question is fully covered once the test half is in", () => {
    const { counts, defects, shortfalls } = checkEvalSets(loadCurriculum());
    expect(defects).toEqual([]);
    expect(shortfalls).toEqual([]);
    expect(counts.items).toBeGreaterThanOrEqual(90);
    expect(counts.covered).toBeGreaterThanOrEqual(90);
    if (counts.hasTestHalf) expect(counts.covered).toBe(counts.bankFree);
  });

  it("counts a question whose five labelled answers sit in one file", () => {
    const { counts, defects, shortfalls } = checkEvalSets(mini, sets("complete"));
    expect({ defects, shortfalls }).toEqual({ defects: [], shortfalls: [] });
    expect(counts).toMatchObject({ files: 1, items: 1, answers: 5, numeric: 1, bankFree: 1, covered: 1, hasTestHalf: false });
    expect(formatEvalCounts(counts)).toBe("eval sets   1 files, 1 free-text items, 5 answers (strong 1, partial 1, weak 1, wrong 1, stuffed 1), 1 numeric; "
      + "1 of 1 free questions have ≥ 5 answers covering every label (every one is required once grader-test.json is added)");
  });

  it("counts answers across the dev and test halves", () => {
    const { counts, defects, shortfalls } = checkEvalSets(mini, sets("split"));
    expect({ defects, shortfalls }).toEqual({ defects: [], shortfalls: [] });
    expect(counts).toMatchObject({ files: 2, answers: 5, covered: 1, hasTestHalf: true });
    expect(formatEvalCounts(counts)).not.toContain("required once");
  });

  it("before the test half exists, a question short of answers is counted, not failed", () => {
    const { counts, shortfalls } = checkEvalSets(mini, sets("dev-only"));
    expect(shortfalls).toEqual([]);
    expect(counts).toMatchObject({ answers: 3, covered: 0, bankFree: 1, hasTestHalf: false });
    expect(formatEvalCounts(counts)).toContain("0 of 1 free questions have ≥ 5 answers covering every label");
  });

  it("once grader-test.json exists, a question short of answers or of a label fails, naming its file and id", () => {
    expect(checkEvalSets(mini, sets("short")).shortfalls)
      .toEqual(["topics/caching.yaml: q-caching-2-01: 4 answers in the eval sets (needs ≥ 5; no stuffed answer)"]);
  });

  it("a file that is not JSON, an answer the schema refuses, and a mustNotCredit that is not a key point are defects naming the file and item", () => {
    const { defects } = checkEvalSets(mini, sets("broken"));
    expect(defects).toHaveLength(3);
    expect(defects[0]).toBe("broken/must-not-credit.json: q-caching-2-01#wrong: mustNotCredit \"Write-through for hot pages\" is not one of the item's key points");
    expect(defects[1]).toMatch(/^broken\/not-json\.json: not valid JSON: /);
    expect(defects[2]).toBe("broken/schema.json: q-caching-2-01#strong: freeText.0.answers.0.expected: expected is [min, max] with min ≤ max");
  });

  it("npm run curriculum:check fails on a broken eval set and names its defects", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/curriculum/check.ts", join(FIXTURES, "curriculum-mini"), "--eval", sets("broken")], {
      cwd: join(import.meta.dirname, "../.."), encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^eval sets\s+3 files/m);
    expect(run.stderr).toContain("The eval sets have 3 defect(s):");
    expect(run.stderr).toContain("broken/schema.json: q-caching-2-01#strong: freeText.0.answers.0.expected");
  });

  it("npm run curriculum:check fails on a missing answer set once the test half is there", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/curriculum/check.ts", join(FIXTURES, "curriculum-mini"), "--eval", sets("short")], {
      cwd: join(import.meta.dirname, "../.."), encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("topics/caching.yaml: q-caching-2-01: 4 answers in the eval sets (needs ≥ 5; no stuffed answer)");
  });
});

/** Seed errors (curriculum brief §9) and the items that state the fact correctly. */
describe("seed errors are stated correctly in our content", () => {
  const c = loadCurriculum();
  const dir = join(FIXTURES, "errata");
  const entries = readdirSync(dir, { withFileTypes: true }).filter((f) => f.name.endsWith(".yaml"))
    .flatMap((f) => parse(readFileSync(join(dir, f.name), "utf8")) as Array<{ brief: string; item: string; mustContain: string[]; mustNotContain?: string[] }>);

  const correctTextOf = (id: string): string | undefined => {
    const q = c.questionsById.get(id);
    if (q) {
      return q.format === "mcq"
        ? [q.prompt, q.options.find((o) => o.correct)?.text, q.explanation].join("\n")
        : [q.prompt, ...q.keyPoints.map((k) => k.point), q.modelAnswer, q.explanation].join("\n");
    }
    const d = c.drills.find((x) => x.id === id);
    if (d) return [d.prompt, d.answer, d.solution].join("\n");
    const p = c.problems.find((x) => x.id === id);
    if (p) {
      return [p.prompt, ...p.facts.map((f) => f.answer), ...p.components.map((x) => `${x.name} ${x.note ?? ""}`),
        ...p.deepDives.map((x) => `${x.name} ${x.note ?? ""}`), ...p.mistakes, p.modelOutline].join("\n");
    }
    return undefined;
  };

  it("has entries to check", () => expect(entries.length).toBeGreaterThan(0));
  it.each(entries.map((e) => [e.brief, e] as const))("%s", (_, e) => {
    const text = correctTextOf(e.item)?.toLowerCase();
    expect(text, `item ${e.item} exists`).toBeDefined();
    for (const s of e.mustContain) expect(text).toContain(s.toLowerCase());
    for (const s of e.mustNotContain ?? []) expect(text).not.toContain(s.toLowerCase());
  });
});
