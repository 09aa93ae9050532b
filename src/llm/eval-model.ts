/**
 * The model grader against the offline one on the same eval cases (issue 20): each free-text
 * answer graded both ways, through the same checks the bot applies (gradeAnswer), tallied per
 * label. An answer whose model verdict was unusable counts with the offline score, and is counted.
 */
import type { ModelFailure, ModelPort } from "../bot/ports.js";
import { gradeAnswer } from "../bot/services/model-grade.js";
import type { EvalFile, Tally } from "../curriculum/eval.js";
import { createOfflineGrader } from "../curriculum/grading.js";

export interface SideReport { total: number; inRange: number; byLabel: Record<string, Tally>; mustNotCreditViolations: number }
export interface ComparisonReport {
  offline: SideReport;
  model: SideReport;
  /** Answers where the model's verdict was not used, by reason. */
  fallbacks: Record<string, number>;
  /** Answers whose two scores are within 0.25 of each other. */
  agreement: { total: number; within: number };
}

const norm = (s: string) => s.trim().toLowerCase();
const side = (): SideReport => ({ total: 0, inRange: 0, byLabel: {}, mustNotCreditViolations: 0 });

function tally(s: SideReport, label: string, score: number, [lo, hi]: readonly [number, number], covered: readonly string[], mustNot: readonly string[]) {
  const inRange = score >= lo - 1e-9 && score <= hi + 1e-9;
  const t = (s.byLabel[label] ??= { total: 0, inRange: 0 });
  t.total++;
  s.total++;
  if (inRange) {
    t.inRange++;
    s.inRange++;
  }
  const got = new Set(covered.map(norm));
  if (mustNot.some((p) => got.has(norm(p)))) s.mustNotCreditViolations++;
}

/** `model` should have no practical daily cap here (eval-cli builds it so). */
export async function compareGraders(file: EvalFile, model: ModelPort, progress?: (done: number, total: number) => void): Promise<ComparisonReport> {
  const offlineGrader = createOfflineGrader();
  const report: ComparisonReport = { offline: side(), model: side(), fallbacks: {}, agreement: { total: 0, within: 0 } };
  let reason: ModelFailure | undefined;
  const watched: ModelPort = { ...model, fellBack: (task, r) => { reason = r; model.fellBack(task, r); } };
  const total = file.freeText.reduce((n, q) => n + q.answers.length, 0);
  let done = 0;
  for (const q of file.freeText) {
    const question = {
      id: q.id, prompt: q.question, keyPoints: q.keyPoints.map((point) => ({ point })),
      misconceptions: (q.misconceptions ?? []).map((claim) => ({ claim, why: claim })),
    };
    for (const a of q.answers) {
      const off = offlineGrader.gradeFree(question, a.text);
      reason = undefined;
      const withModel = await gradeAnswer({ model: watched }, 0, question, a.text);
      if (reason) report.fallbacks[reason] = (report.fallbacks[reason] ?? 0) + 1;
      tally(report.offline, a.label, off.score, a.expected, off.covered, a.mustNotCredit ?? []);
      tally(report.model, a.label, withModel.grade.score, a.expected, withModel.grade.covered, a.mustNotCredit ?? []);
      report.agreement.total++;
      if (Math.abs(off.score - withModel.grade.score) <= 0.25) report.agreement.within++;
      progress?.(++done, total);
    }
  }
  return report;
}

const pct = (n: number, d: number) => (d === 0 ? "—" : `${((100 * n) / d).toFixed(1)}%`);
const cell = (t: Tally | undefined) => (t ? `${`${t.inRange}/${t.total}`.padStart(7)} ${pct(t.inRange, t.total).padStart(6)}` : "      —       ");

export function formatComparison(r: ComparisonReport, model: string): string {
  const lines = [`Free text, score within the expected range: offline grader vs model (${model})`, `  ${"label".padEnd(10)} ${"offline".padStart(14)}   ${"model".padStart(14)}`];
  for (const label of Object.keys(r.offline.byLabel)) lines.push(`  ${label.padEnd(10)} ${cell(r.offline.byLabel[label])}   ${cell(r.model.byLabel[label])}`);
  lines.push(`  ${"total".padEnd(10)} ${cell(r.offline)}   ${cell(r.model)}`);
  lines.push(`  mustNotCredit violations: offline ${r.offline.mustNotCreditViolations}, model ${r.model.mustNotCreditViolations}`);
  const fell = Object.entries(r.fallbacks);
  lines.push(`  model verdict not used (offline score counted): ${fell.length ? fell.map(([k, n]) => `${k} ${n}`).join(", ") : "none"}`);
  lines.push(`  scores within 0.25 of each other: ${r.agreement.within}/${r.agreement.total}  ${pct(r.agreement.within, r.agreement.total)}`);
  return lines.join("\n");
}
