/**
 * The grader's labelled eval sets beside the content (issue 17), checked by `npm run curriculum:check`:
 * every file parses with the eval tool's schema, a wrong answer's `mustNotCredit` names its own
 * key points, and every free question of the bank has at least five answers covering each label.
 * The sets are split by question into dev and test halves, so answers count across all files;
 * the coverage is held only once the test half (TEST_HALF) is in the folder.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { EvalFile } from "./eval.js";
import { itemIdAt, type Curriculum } from "./loader.js";

export const EVAL_DIR = fileURLToPath(new URL("./eval/", import.meta.url));
export const TEST_HALF = "grader-test.json";
export const EVAL_LABELS = ["strong", "partial", "weak", "wrong", "stuffed"] as const;
export const MIN_ANSWERS = 5;

export interface EvalSetCounts {
  files: number;
  /** Free-text items and their answers, across the files. */
  items: number;
  answers: number;
  byLabel: Record<string, number>;
  numeric: number;
  /** Free questions of the bank, and those with ≥ MIN_ANSWERS answers covering every label. */
  bankFree: number;
  covered: number;
  hasTestHalf: boolean;
}

export interface EvalSetCheck {
  counts: EvalSetCounts;
  /** A file or an item that is wrong: always a failure. */
  defects: string[];
  /** Bank questions without a full answer set: a failure once the test half exists. */
  shortfalls: string[];
}

const norm = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();

export function checkEvalSets(curriculum: Curriculum, dir: string = EVAL_DIR): EvalSetCheck {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")).sort() : [];
  const defects: string[] = [];
  const labelsOf = new Map<string, string[]>();
  const counts: EvalSetCounts = { files: files.length, items: 0, answers: 0, byLabel: {}, numeric: 0, bankFree: 0, covered: 0, hasTestHalf: files.includes(TEST_HALF) };

  for (const file of files) {
    // Named as "eval/grader-dev.json": the folder and the file.
    const name = `${basename(dir)}/${file}`;
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(join(dir, file), "utf8"));
    } catch (err) {
      defects.push(`${name}: not valid JSON: ${(err as Error).message.split("\n")[0]}`);
      continue;
    }
    const parsed = EvalFile.safeParse(data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        defects.push(`${name}: ${itemIdAt(data, issue.path) ?? "(file)"}: ${issue.path.join(".") || "root"}: ${issue.message}`);
      }
      continue;
    }
    counts.numeric += parsed.data.numeric.length;
    for (const item of parsed.data.freeText) {
      counts.items++;
      const points = new Set(item.keyPoints.map(norm));
      for (const a of item.answers) {
        counts.answers++;
        counts.byLabel[a.label] = (counts.byLabel[a.label] ?? 0) + 1;
        labelsOf.set(item.id, [...(labelsOf.get(item.id) ?? []), a.label]);
        for (const p of a.mustNotCredit ?? []) {
          if (!points.has(norm(p))) defects.push(`${name}: ${a.id}: mustNotCredit "${p}" is not one of the item's key points`);
        }
        const outside = (a.covers ?? []).filter((i) => i >= item.keyPoints.length);
        if (outside.length) defects.push(`${name}: ${a.id}: covers key point ${outside.join(", ")}, but the item has ${item.keyPoints.length}`);
      }
    }
  }

  const shortfalls: string[] = [];
  for (const t of curriculum.topics) {
    for (const q of t.questions) {
      if (q.format !== "free") continue;
      counts.bankFree++;
      const labels = labelsOf.get(q.id) ?? [];
      const missing = EVAL_LABELS.filter((l) => !labels.includes(l));
      if (labels.length >= MIN_ANSWERS && missing.length === 0) {
        counts.covered++;
        continue;
      }
      const lacks = [labels.length < MIN_ANSWERS ? `needs ≥ ${MIN_ANSWERS}` : "", missing.length ? `no ${missing.join(", ")} answer` : ""].filter(Boolean).join("; ");
      shortfalls.push(`topics/${t.id}.yaml: ${q.id}: ${labels.length} answer${labels.length === 1 ? "" : "s"} in the eval sets (${lacks})`);
    }
  }
  return { counts, defects, shortfalls: counts.hasTestHalf ? shortfalls : [] };
}

/** One line: what the eval sets hold, and how many bank questions they fully cover. */
export function formatEvalCounts(n: EvalSetCounts): string {
  const labels = [...EVAL_LABELS, ...Object.keys(n.byLabel).filter((l) => !(EVAL_LABELS as readonly string[]).includes(l))]
    .map((l) => `${l} ${n.byLabel[l] ?? 0}`).join(", ");
  const pending = n.hasTestHalf ? "" : ` (every one is required once ${TEST_HALF} is added)`;
  return `eval sets   ${n.files} files, ${n.items} free-text items, ${n.answers} answers (${labels}), ${n.numeric} numeric; ${n.covered} of ${n.bankFree} free questions have ≥ ${MIN_ANSWERS} answers covering every label${pending}`;
}
