import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EvalFile, runEval } from "../../src/curriculum/eval.js";

const evalDir = join(import.meta.dirname, "../../src/curriculum/eval");
const load = (name: string) => EvalFile.parse(JSON.parse(readFileSync(join(evalDir, name), "utf8")));

describe("the grader's eval on the blind dev half (grader-dev.json)", () => {
  const { report } = runEval(load("grader-dev.json"));
  const share = (label: string) => report.freeText.byLabel[label]!.inRange / report.freeText.byLabel[label]!.total;

  // Issue 17's targets are ≥ 90 % per label and no mustNotCredit violation. Where the grader does
  // not reach them yet (strong, wrong, violations), these hold today's dev figures as a floor so
  // a regression fails; raise them as the grader improves.
  it.each([["weak", 0.98], ["stuffed", 1], ["partial", 0.92], ["strong", 0.67], ["wrong", 0.88]] as const)(
    "%s answers land in range (≥ %s)", (label, floor) => expect(share(label)).toBeGreaterThanOrEqual(floor));
  it("credits few wrong answers with a point they must not earn", () => {
    expect(report.freeText.mustNotCreditViolations).toBeLessThanOrEqual(27);
  });
});

/**
 * The held-out half: questions nobody tuned on (the README reports these figures). Issue 17's
 * targets are ≥ 90 % in range per label and no violation; where the grader falls short today
 * (strong, partial, wrong, violations) these hold the measured figures so a regression fails.
 * Never tune on this file: change the grader against grader-dev.json, then read this one. The
 * wrong-claim attribution chosen on dev moved this half from strong 57 / wrong 64 / 36 violations
 * to strong 55 / wrong 68 / 31 violations: the strong floor went down with it, on purpose.
 * Lexicon v4's general vocabulary (dev: strong 60→61, partial 82→83, violations 28→27) left
 * every figure of this half as it was.
 */
describe("the grader's eval on the blind test half (grader-test.json)", () => {
  const { report } = runEval(load("grader-test.json"));
  const share = (label: string) => report.freeText.byLabel[label]!.inRange / report.freeText.byLabel[label]!.total;
  it.each([["weak", 0.98], ["stuffed", 1], ["partial", 0.86], ["strong", 0.61], ["wrong", 0.75]] as const)(
    "%s answers land in range (≥ %s)", (label, floor) => expect(share(label)).toBeGreaterThanOrEqual(floor));
  it("credits few wrong answers with a point they must not earn", () => {
    expect(report.freeText.mustNotCreditViolations).toBeLessThanOrEqual(31);
  });
});

describe("the grader's eval on numeric answers", () => {
  it.each(["numeric-dev.json", "numeric-test.json"])("gets at least 98 %% of verdicts right in %s", (file) => {
    const { report } = runEval(load(file));
    expect(report.numeric.right / report.numeric.total).toBeGreaterThanOrEqual(0.98);
  });
});

describe("npm run grader:eval", () => {
  const dir = mkdtempSync(join(tmpdir(), "grader-eval-"));
  const file = join(dir, "cases.json");
  writeFileSync(file, JSON.stringify({
    freeText: [{ id: "q1", question: "Why add jitter to TTLs?", keyPoints: ["Add random jitter to each TTL so keys expire at different times"],
      answers: [{ id: "a1", label: "strong", text: "put a random offset on every ttl, then the keys expire at different moments", expected: [0.75, 1] },
        { id: "a2", label: "stuffed", text: "jitter ttl expiry random keys", expected: [0, 0.2] }] }],
    numeric: [{ id: "n1", question: "Links per second? (per second)", expected: { value: 1160, unit: "per-second" }, tolerance: 0.2, answer: "1.1-1.2k/s", verdict: "accept" }],
  }));
  const run = (...args: string[]) => spawnSync("npx", ["tsx", "src/curriculum/eval-cli.ts", ...args], { encoding: "utf8" });

  it("prints one JSON object in the issue's shape with --json", () => {
    const out = JSON.parse(execFileSync("npx", ["tsx", "src/curriculum/eval-cli.ts", file, "--json"], { encoding: "utf8" }));
    expect(out).toEqual({
      freeText: { total: 2, inRange: 2, byLabel: { strong: { total: 1, inRange: 1 }, stuffed: { total: 1, inRange: 1 } }, mustNotCreditViolations: 0 },
      numeric: { total: 1, right: 1, byVerdict: { accept: { total: 1, right: 1 } } },
    });
  });
  it("exits 1 with a one-line error naming what is wrong in an invalid file", () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ numeric: [{ id: "n", question: "q", expected: { value: 1, unit: "furlongs" }, tolerance: 0.1, answer: "1", verdict: "accept" }] }));
    const r = run(bad);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("numeric.0.expected.unit");
  });
});
