/**
 * The grader's eval (issue 17): labelled free-text answers graded against their own question and
 * key points, and numeric answers judged against a value, a unit and a tolerance. The same file
 * format serves our own sets and any set a maintainer keeps elsewhere.
 */
import { z } from "zod";
import { createOfflineGrader, type Grader } from "./grading.js";
import { judgeReading, readingOf, type Reading } from "./quantity.js";

const text = z.string().trim().min(1);

export const FreeCase = z.object({
  id: text,
  question: text,
  keyPoints: z.array(text).min(1),
  misconceptions: z.array(text).optional(),
  answers: z.array(z.object({
    id: text,
    label: text,
    text: z.string(),
    expected: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]).refine(([lo, hi]) => lo <= hi, "expected is [min, max] with min ≤ max"),
    covers: z.array(z.number().int().min(0)).optional(),
    mustNotCredit: z.array(text).optional(),
  })).min(1),
});

export const VERDICTS = ["accept", "reject", "unit-mismatch", "unparseable"] as const;
export type Verdict = (typeof VERDICTS)[number];

export const NumericCase = z.object({
  id: text,
  question: text,
  expected: z.object({ value: z.number().finite(), unit: text }),
  tolerance: z.union([z.number().positive(), z.literal("oom")]),
  answer: z.string(),
  verdict: z.enum(VERDICTS),
});

export const EvalFile = z.object({
  freeText: z.array(FreeCase).default([]),
  numeric: z.array(NumericCase).default([]),
}).superRefine((f, ctx) => {
  f.numeric.forEach((c, i) => {
    if (!readingOf(c.expected.value, c.expected.unit)) {
      ctx.addIssue({ code: "custom", path: ["numeric", i, "expected", "unit"], message: `unknown unit "${c.expected.unit}"` });
    }
  });
});
export type EvalFile = z.infer<typeof EvalFile>;

export interface Tally { total: number; inRange: number }
export interface EvalReport {
  freeText: { total: number; inRange: number; byLabel: Record<string, Tally>; mustNotCreditViolations: number };
  numeric: { total: number; right: number; byVerdict: Record<string, { total: number; right: number }> };
}

export interface FreeResult { id: string; label: string; score: number; expected: readonly [number, number]; inRange: boolean; violations: string[]; covered: readonly string[] }
export interface NumericResult { id: string; answer: string; want: Verdict; got: Verdict }

/** "(GB per day)" at the end of a question: the unit a bare number is read in. */
function bareUnit(question: string, exp: Reading): Reading {
  const hint = /\(([^()]+)\)\s*$/.exec(question)?.[1];
  const r = hint ? readingOf(1, hint) : undefined;
  return r && r.quantity.dimension === exp.quantity.dimension ? { ...exp, unitFactor: r.quantity.value } : exp;
}

export function verdictOf(c: z.infer<typeof NumericCase>): Verdict {
  const exp = readingOf(c.expected.value, c.expected.unit);
  if (!exp) return "unparseable";
  const j = judgeReading(bareUnit(c.question, exp), c.tolerance, c.answer);
  return j.kind === "correct" ? "accept" : j.kind === "wrong-unit" ? "unit-mismatch" : j.kind === "unreadable" ? "unparseable" : "reject";
}

const norm = (s: string) => s.trim().toLowerCase();

export function runEval(file: EvalFile, grader: Grader = createOfflineGrader()): { report: EvalReport; free: FreeResult[]; numeric: NumericResult[] } {
  const free: FreeResult[] = [];
  for (const q of file.freeText) {
    const question = {
      prompt: q.question,
      keyPoints: q.keyPoints.map((point) => ({ point })),
      misconceptions: (q.misconceptions ?? []).map((claim) => ({ claim, why: claim })),
    };
    for (const a of q.answers) {
      const g = grader.gradeFree(question, a.text);
      const covered = new Set(g.covered.map(norm));
      const violations = (a.mustNotCredit ?? []).filter((p) => covered.has(norm(p)));
      const [lo, hi] = a.expected;
      free.push({ id: a.id, label: a.label, score: g.score, expected: a.expected, inRange: g.score >= lo - 1e-9 && g.score <= hi + 1e-9, violations, covered: g.covered });
    }
  }
  const numeric = file.numeric.map((c) => ({ id: c.id, answer: c.answer, want: c.verdict, got: verdictOf(c) }));

  const byLabel: Record<string, Tally> = {};
  for (const r of free) {
    const t = (byLabel[r.label] ??= { total: 0, inRange: 0 });
    t.total++;
    if (r.inRange) t.inRange++;
  }
  const byVerdict: Record<string, { total: number; right: number }> = {};
  for (const r of numeric) {
    const t = (byVerdict[r.want] ??= { total: 0, right: 0 });
    t.total++;
    if (r.got === r.want) t.right++;
  }
  return {
    report: {
      freeText: {
        total: free.length, inRange: free.filter((r) => r.inRange).length, byLabel,
        mustNotCreditViolations: free.filter((r) => r.violations.length > 0).length,
      },
      numeric: { total: numeric.length, right: numeric.filter((r) => r.got === r.want).length, byVerdict },
    },
    free, numeric,
  };
}

const pct = (n: number, d: number) => (d === 0 ? "—" : `${((100 * n) / d).toFixed(1)}%`);

/** The human-readable report: per label and in total, violations, numeric verdicts per verdict. */
export function formatReport(r: EvalReport): string {
  const lines = ["Free text (score within the expected range):"];
  for (const [label, t] of Object.entries(r.freeText.byLabel)) lines.push(`  ${label.padEnd(10)} ${t.inRange}/${t.total}  ${pct(t.inRange, t.total)}`);
  lines.push(`  ${"total".padEnd(10)} ${r.freeText.inRange}/${r.freeText.total}  ${pct(r.freeText.inRange, r.freeText.total)}`);
  lines.push(`  mustNotCredit violations: ${r.freeText.mustNotCreditViolations}`);
  lines.push("Numeric (verdict right):");
  for (const [v, t] of Object.entries(r.numeric.byVerdict)) lines.push(`  ${v.padEnd(14)} ${t.right}/${t.total}  ${pct(t.right, t.total)}`);
  lines.push(`  ${"total".padEnd(14)} ${r.numeric.right}/${r.numeric.total}  ${pct(r.numeric.right, r.numeric.total)}`);
  return lines.join("\n");
}
