import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { curriculumCounts } from "../../src/curriculum/counts.js";
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

  it("the content meets the issue's counts", () => {
    const n = curriculumCounts(c);
    expect(n.topics).toBeGreaterThanOrEqual(16);
    expect(n.thinTopics).toEqual([]);
    expect(n.questions).toBeGreaterThanOrEqual(192);
    expect(Math.min(n.mcq, n.free) / n.questions).toBeGreaterThan(0.4);
    expect(n.drills).toBeGreaterThanOrEqual(40);
    expect(n.problems).toBeGreaterThanOrEqual(12);
    expect(c.plans.map((p) => p.id).sort()).toEqual(["final-sprint", "seven-week", "thirty-day"]);
    expect(c.frameworks.map((f) => f.id).sort()).toEqual(["radio", "redsco"]);
  });

  it("npm run curriculum:check prints the counts and exits 0", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "src/curriculum/check.ts"], { cwd: join(import.meta.dirname, "../.."), encoding: "utf8" });
    expect(out).toMatch(/^topics\s+\d+/m);
    expect(out).toMatch(/^questions\s+\d+ \(foundation \d+, application \d+, expert \d+; multiple choice \d+, free text \d+\)/m);
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
