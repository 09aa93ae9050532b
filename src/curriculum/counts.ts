import type { Curriculum } from "./loader.js";
import { LEVELS, type Level, type McqQuestion } from "./schema.js";

/** What the built-in content must reach (issue 18); an admin's own bank is held to its schema only. */
export const CONTENT_TARGETS = {
  topics: 30,
  questions: 360,
  problemsPerLevel: 5,
  level3Drills: 20,
  /** The right option may be the longest in at most this share of multiple-choice questions. */
  longestCorrectShare: 0.3,
  misconceptionsPerFree: 2,
} as const;

export interface CurriculumCounts {
  topics: number;
  questions: number;
  byLevel: Record<Level, number>;
  mcq: number;
  free: number;
  drills: number;
  drillsByLevel: Record<Level, number>;
  problems: number;
  problemsByLevel: Record<Level, number>;
  frameworks: number;
  plans: number;
  /** Topics with fewer than 4 questions at some level. */
  thinTopics: string[];
  /** Share of multiple-choice questions whose right option is the longest (ties count), overall and per topic. */
  longestCorrect: { overall: number; byTopic: Record<string, number> };
  /** Free questions with fewer than two misconceptions. */
  freeWithoutMisconceptions: string[];
}

const perLevel = <T extends { level: Level }>(items: readonly T[]): Record<Level, number> =>
  Object.fromEntries(LEVELS.map((l) => [l, items.filter((i) => i.level === l).length])) as Record<Level, number>;

/** True when no other option is longer than the right one: a reader guessing "the longest" would be right. */
export function rightOptionIsLongest(q: McqQuestion): boolean {
  const right = q.options.find((o) => o.correct)!.text.length;
  return q.options.every((o) => o.text.length <= right);
}

const share = (qs: readonly McqQuestion[]) => (qs.length ? qs.filter(rightOptionIsLongest).length / qs.length : 0);

export function curriculumCounts(c: Curriculum): CurriculumCounts {
  const questions = c.topics.flatMap((t) => t.questions);
  const mcqs = questions.filter((q): q is McqQuestion => q.format === "mcq");
  const thinTopics = c.topics
    .filter((t) => LEVELS.some((l) => t.questions.filter((q) => q.level === l).length < 4))
    .map((t) => t.id);
  const byTopic = Object.fromEntries(c.topics.map((t) => [t.id, share(t.questions.filter((q): q is McqQuestion => q.format === "mcq"))]));
  return {
    topics: c.topics.length,
    questions: questions.length,
    byLevel: perLevel(questions),
    mcq: mcqs.length,
    free: questions.length - mcqs.length,
    drills: c.drills.length,
    drillsByLevel: perLevel(c.drills),
    problems: c.problems.length,
    problemsByLevel: perLevel(c.problems),
    frameworks: c.frameworks.length,
    plans: c.plans.length,
    thinTopics,
    longestCorrect: { overall: share(mcqs), byTopic },
    freeWithoutMisconceptions: questions
      .filter((q) => q.format === "free" && q.misconceptions.length < CONTENT_TARGETS.misconceptionsPerFree)
      .map((q) => q.id),
  };
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

export function formatCounts(n: CurriculumCounts): string {
  const worstTopics = Object.entries(n.longestCorrect.byTopic).sort((a, b) => b[1] - a[1]).slice(0, 3)
    .map(([id, s]) => `${id} ${pct(s)}`).join(", ");
  return [
    `topics      ${n.topics}`,
    `questions   ${n.questions} (foundation ${n.byLevel[1]}, application ${n.byLevel[2]}, expert ${n.byLevel[3]}; multiple choice ${n.mcq}, free text ${n.free})`,
    `drills      ${n.drills} (level 1 ${n.drillsByLevel[1]}, level 2 ${n.drillsByLevel[2]}, level 3 ${n.drillsByLevel[3]})`,
    `problems    ${n.problems} (level 1 ${n.problemsByLevel[1]}, level 2 ${n.problemsByLevel[2]}, level 3 ${n.problemsByLevel[3]})`,
    `frameworks  ${n.frameworks}`,
    `plans       ${n.plans}`,
    `longest option is the right one: ${pct(n.longestCorrect.overall)} of multiple choice (highest topics: ${worstTopics})`,
    `free questions with < 2 misconceptions: ${n.freeWithoutMisconceptions.length}`,
    n.thinTopics.length ? `thin topics (< 4 questions at a level): ${n.thinTopics.join(", ")}` : "every topic has at least 4 questions at each level",
  ].join("\n");
}

/** Where the content falls short of CONTENT_TARGETS, one line each; empty when it meets them all. */
export function contentShortfalls(n: CurriculumCounts): string[] {
  const t = CONTENT_TARGETS;
  const out: string[] = [];
  if (n.topics < t.topics) out.push(`topics: ${n.topics}, need ${t.topics}`);
  if (n.questions < t.questions) out.push(`questions: ${n.questions}, need ${t.questions}`);
  for (const l of LEVELS) {
    if (n.problemsByLevel[l] < t.problemsPerLevel) out.push(`level-${l} problems: ${n.problemsByLevel[l]}, need ${t.problemsPerLevel}`);
  }
  if (n.drillsByLevel[3] < t.level3Drills) out.push(`level-3 drills: ${n.drillsByLevel[3]}, need ${t.level3Drills}`);
  if (n.longestCorrect.overall > t.longestCorrectShare) out.push(`longest option right in ${pct(n.longestCorrect.overall)} of multiple choice, at most ${pct(t.longestCorrectShare)}`);
  for (const [id, s] of Object.entries(n.longestCorrect.byTopic)) {
    if (s > t.longestCorrectShare) out.push(`${id}: longest option right in ${pct(s)} of its multiple choice, at most ${pct(t.longestCorrectShare)}`);
  }
  if (n.freeWithoutMisconceptions.length) out.push(`free questions with fewer than ${t.misconceptionsPerFree} misconceptions: ${n.freeWithoutMisconceptions.join(", ")}`);
  if (n.thinTopics.length) out.push(`topics with < 4 questions at a level: ${n.thinTopics.join(", ")}`);
  return out;
}
