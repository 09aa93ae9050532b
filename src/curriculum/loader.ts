/**
 * Reads the YAML content under `src/curriculum/content/`, validates every file with its zod
 * schema and the cross-references between files, and returns one immutable `Curriculum`.
 * A defect names the file, the item id and what is wrong.
 */
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { judgeAnswer, parseQuantity } from "./quantity.js";
import { Lexicon } from "./lexicon.js";
import { Drill, Framework, Plan, Problem, Topic, type Question } from "./schema.js";

export const CONTENT_DIR = fileURLToPath(new URL("./content/", import.meta.url));

export interface Curriculum {
  readonly topics: readonly Topic[];
  readonly drills: readonly Drill[];
  readonly problems: readonly Problem[];
  readonly frameworks: readonly Framework[];
  readonly plans: readonly Plan[];
  readonly questionsById: ReadonlyMap<string, Question & { topic: string }>;
}

export class CurriculumError extends Error {
  override readonly name = "CurriculumError";
  constructor(readonly problems: readonly string[]) {
    super(`Curriculum has ${problems.length} defect(s):\n  ${problems.join("\n  ")}`);
  }
}

const yamlFiles = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f)) : [];

/** The id of the item a zod issue path points into, e.g. questions[3] → "q-caching-1-04". */
export function itemIdAt(data: unknown, path: readonly PropertyKey[]): string | undefined {
  let node: unknown = data;
  let found: string | undefined;
  for (const key of path) {
    if (node === null || typeof node !== "object") break;
    node = (node as Record<PropertyKey, unknown>)[key];
    const id = node && typeof node === "object" ? (node as { id?: unknown }).id : undefined;
    if (typeof id === "string") found = id;
  }
  return found;
}

/** Every `id` in a parsed file, at any depth: what a rejected file takes out of the curriculum. */
function collectIds(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) for (const x of node) collectIds(x, into);
  else if (node && typeof node === "object") {
    const id = (node as { id?: unknown }).id;
    if (typeof id === "string") into.add(id);
    for (const v of Object.values(node)) collectIds(v, into);
  }
}

/**
 * A file that fails its schema is reported once per broken item (all of the item's issues on one
 * line), and its ids go into `rejected`: references to them elsewhere are not reported again, so
 * one broken question gives one error, not one per plan and problem that names its topic.
 */
function parseFile<T extends z.ZodTypeAny>(
  file: string, schema: T, defects: string[], root: string, rejected: Set<string>,
): z.infer<T> | undefined {
  const name = relative(root, file);
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, "utf8"));
  } catch (err) {
    defects.push(`${name}: not valid YAML: ${(err as Error).message.split("\n")[0]}`);
    return undefined;
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const byItem = new Map<string, string[]>();
  for (const issue of parsed.error.issues) {
    const id = itemIdAt(data, issue.path) ?? "(file)";
    byItem.set(id, [...(byItem.get(id) ?? []), `${issue.path.join(".") || "root"}: ${issue.message}`]);
  }
  for (const [id, issues] of byItem) defects.push(`${name}: ${id}: ${issues.join("; ")}`);
  collectIds(data, rejected);
  return undefined;
}

export function loadCurriculum(dir: string = CONTENT_DIR): Curriculum {
  const defects: string[] = [];
  const rejected = new Set<string>();
  const topics = yamlFiles(join(dir, "topics")).map((f) => parseFile(f, Topic, defects, dir, rejected));
  const drills = yamlFiles(join(dir, "drills")).flatMap((f) => parseFile(f, z.array(Drill), defects, dir, rejected) ?? []);
  const problems = yamlFiles(join(dir, "problems")).map((f) => parseFile(f, Problem, defects, dir, rejected));
  const frameworks = yamlFiles(join(dir, "frameworks")).map((f) => parseFile(f, Framework, defects, dir, rejected));
  const plans = yamlFiles(join(dir, "plans")).map((f) => parseFile(f, Plan, defects, dir, rejected));
  // The grader's lexicon is validated with the content it reads (a fixture bank may have none).
  const lexiconFile = join(dir, "lexicon.yaml");
  if (existsSync(lexiconFile)) parseFile(lexiconFile, Lexicon, defects, dir, rejected);

  const curriculum = {
    topics: topics.filter((t): t is Topic => t !== undefined),
    drills,
    problems: problems.filter((p): p is Problem => p !== undefined),
    frameworks: frameworks.filter((f): f is Framework => f !== undefined),
    plans: plans.filter((p): p is Plan => p !== undefined),
    questionsById: new Map<string, Question & { topic: string }>(),
  };
  checkReferences(curriculum, defects, rejected);
  if (defects.length > 0) throw new CurriculumError(defects);
  return Object.freeze(curriculum);
}

function checkReferences(
  c: Omit<Curriculum, "questionsById"> & { questionsById: Map<string, Question & { topic: string }> }, defects: string[], rejected: ReadonlySet<string>,
): void {
  // An id from a rejected file is missing because of a defect reported already.
  const knows = (ids: { has(id: string): boolean }) => (id: string) => ids.has(id) || rejected.has(id);
  const seen = new Set<string>();
  const unique = (where: string, id: string) => {
    if (seen.has(id)) defects.push(`${where}: ${id}: duplicate id`);
    seen.add(id);
  };
  const topicIds = new Set(c.topics.map((t) => t.id));
  for (const t of c.topics) {
    unique(`topics/${t.id}.yaml`, t.id);
    for (const q of t.questions) {
      unique(`topics/${t.id}.yaml`, q.id);
      if (!q.id.startsWith(`q-${t.id}-${q.level}-`)) {
        defects.push(`topics/${t.id}.yaml: ${q.id}: id must start with q-${t.id}-${q.level}-`);
      }
      c.questionsById.set(q.id, { ...q, topic: t.id });
      if (q.format === "free") {
        q.misconceptions.forEach((m, i) => {
          const bad = m.contradicts.filter((k) => k >= q.keyPoints.length);
          if (bad.length) defects.push(`topics/${t.id}.yaml: ${q.id}: misconceptions[${i}] contradicts key point ${bad.join(", ")}, but there are ${q.keyPoints.length}`);
        });
      }
    }
  }
  const drillIds = new Set(c.drills.map((d) => d.id));
  for (const d of c.drills) {
    unique("drills", d.id);
    // A drill's own answer must parse, and be judged right against itself.
    if (!parseQuantity(d.answer).ok) defects.push(`drills: ${d.id}: answer "${d.answer}" is not a number with a unit the parser reads`);
    else if (judgeAnswer(d.answer, d.tolerance, d.answer).kind !== "correct") defects.push(`drills: ${d.id}: answer does not match itself`);
  }
  const problemIds = new Set(c.problems.map((p) => p.id));
  for (const p of c.problems) {
    unique(`problems/${p.id}.yaml`, p.id);
    for (const t of p.topics) if (!knows(topicIds)(t)) defects.push(`problems/${p.id}.yaml: ${p.id}: unknown topic ${t}`);
  }
  for (const f of c.frameworks) unique(`frameworks/${f.id}.yaml`, f.id);
  for (const plan of c.plans) {
    unique(`plans/${plan.id}.yaml`, plan.id);
    for (const day of plan.days) {
      const where = `plans/${plan.id}.yaml: day ${day.day}`;
      for (const t of day.topics) if (!knows(topicIds)(t)) defects.push(`${where}: unknown topic ${t}`);
      for (const q of day.questions) if (!knows(c.questionsById)(q)) defects.push(`${where}: unknown question ${q}`);
      for (const d of day.drills) if (!knows(drillIds)(d)) defects.push(`${where}: unknown drill ${d}`);
      if (day.problem && !knows(problemIds)(day.problem)) defects.push(`${where}: unknown problem ${day.problem}`);
    }
  }
}
