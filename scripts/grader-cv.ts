/**
 * Cross-validation of the free-text grader on the dev half (authoring aid, issue 17):
 * `npx tsx scripts/grader-cv.ts [cases.json] [--bank-misconceptions] [--grid | --grid=attribution] [--tuning={json}]`.
 * Questions are split into three folds (the n-th question of each topic in fold n mod 3), so each
 * fold has every topic. Prints per-fold figures per label; with `--grid`, picks the tuning that
 * does best on two folds and reports it on the third, so a change that only fits the questions it
 * was tuned on shows up as a gap between the two. The `mean` lines average the three folds: the
 * held-out mean is the figure a change must improve (without more violations) to be kept.
 */
import { readFileSync } from "node:fs";
import { EvalFile, runEval, type EvalReport } from "../src/curriculum/eval.js";
import { createOfflineGrader, TUNING, type Tuning } from "../src/curriculum/grading.js";
import { loadCurriculum } from "../src/curriculum/loader.js";

const args = process.argv.slice(2);
const file = EvalFile.parse(JSON.parse(readFileSync(args.find((a) => !a.startsWith("--")) ?? "src/curriculum/eval/grader-dev.json", "utf8")));
if (args.includes("--bank-misconceptions")) {
  // The eval format carries misconceptions as plain claims; borrow the bank's for the same question.
  const bank = loadCurriculum().questionsById;
  for (const q of file.freeText) {
    const b = bank.get(q.id);
    if (b?.format === "free" && !q.misconceptions) q.misconceptions = b.misconceptions.flatMap((m) => (m.claim ? [m.claim] : []));
  }
}

const override = args.find((a) => a.startsWith("--tuning="));
const base: Tuning = { ...TUNING, ...(override ? (JSON.parse(override.slice("--tuning=".length)) as Partial<Tuning>) : {}) };

const topicOf = (id: string) => id.replace(/-\d+-\d+$/, "");
const seen = new Map<string, number>();
const foldOf = new Map(file.freeText.map((q) => {
  const n = seen.get(topicOf(q.id)) ?? 0;
  seen.set(topicOf(q.id), n + 1);
  return [q.id, n % 3] as const;
}));
const folds = [0, 1, 2].map((f) => ({ ...file, freeText: file.freeText.filter((q) => foldOf.get(q.id) === f) }));
const LABELS = ["strong", "partial", "weak", "wrong", "stuffed"];

const share = (r: EvalReport, l: string) => (r.freeText.byLabel[l] ? r.freeText.byLabel[l]!.inRange / r.freeText.byLabel[l]!.total : 1);
/** What tuning optimises: the worst label counts most, each violation costs as much as a miss. */
const objective = (r: EvalReport) =>
  r.freeText.inRange - r.freeText.mustNotCreditViolations + 20 * Math.min(...LABELS.map((l) => share(r, l)));
const line = (name: string, r: EvalReport) =>
  `${name.padEnd(8)} ${LABELS.map((l) => `${l} ${(100 * share(r, l)).toFixed(0).padStart(3)}%`).join("  ")}  violations ${r.freeText.mustNotCreditViolations}`;
const merge = (parts: readonly EvalFile[]): EvalFile => ({ freeText: parts.flatMap((p) => p.freeText), numeric: [] });

const t0 = Date.now();
const all = runEval(file, createOfflineGrader(undefined, base)).report;
console.log(line("all", all), `(${Date.now() - t0} ms)`);
const fixed = folds.map((f, i) => {
  const r = runEval(f, createOfflineGrader(undefined, base)).report;
  console.log(line(`fold ${i}`, r));
  return r;
});
console.log(average(fixed));

/** The per-label shares and violations averaged over the three held-out folds. */
function average(reports: readonly EvalReport[]): string {
  const mean = (f: (r: EvalReport) => number) => reports.reduce((x, r) => x + f(r), 0) / reports.length;
  return `${"mean".padEnd(8)} ${LABELS.map((l) => `${l} ${(100 * mean((r) => share(r, l))).toFixed(0).padStart(3)}%`).join("  ")}`
    + `  violations ${mean((r) => r.freeText.mustNotCreditViolations).toFixed(1)}  objective ${mean(objective).toFixed(1)}`;
}

/** The thresholds the grid tries: coverage, or (`--grid=attribution`) when a window is read as a wrong claim. */
function gridOf(): Tuning[] {
  const grid: Tuning[] = [];
  if (args.includes("--grid=attribution")) {
    // An attribution above 1 never fires: the grid may choose to switch it off.
    for (const attribution of [1.01, 0.4, 0.5, 0.6]) for (const attributionDistinct of [0.3, 0.5]) grid.push({ ...base, attribution, attributionDistinct });
    return grid;
  }
  for (const coverage of [0.35, 0.4, 0.45, 0.5]) for (const wordWeight of [0.5, 0.7, 1]) for (const partly of [0.5, 0.6, 0.7]) {
    grid.push({ ...base, coverage, wordWeight, partly });
  }
  return grid;
}

if (args.some((a) => a.startsWith("--grid"))) {
  const grid = gridOf();
  const tested: EvalReport[] = [];
  folds.forEach((held, i) => {
    const train = merge(folds.filter((_, j) => j !== i));
    let best = grid[0]!, bestScore = -Infinity;
    for (const t of grid) {
      const s = objective(runEval(train, createOfflineGrader(undefined, t)).report);
      if (s > bestScore) { best = t; bestScore = s; }
    }
    const trained = runEval(train, createOfflineGrader(undefined, best)).report;
    const picked = Object.fromEntries(Object.entries(best).filter(([k, v]) => v !== base[k as keyof Tuning]));
    console.log(`held-out fold ${i}: tuned ${JSON.stringify(picked)}`);
    console.log(line("  train", trained));
    const test = runEval(held, createOfflineGrader(undefined, best)).report;
    tested.push(test);
    console.log(line("  test", test));
  });
  console.log(`held-out, tuned on the other two folds:\n${average(tested)}`);
}
