import type { Curriculum } from "./loader.js";

export interface CurriculumCounts {
  topics: number;
  questions: number;
  byLevel: Record<1 | 2 | 3, number>;
  mcq: number;
  free: number;
  drills: number;
  problems: number;
  frameworks: number;
  plans: number;
  /** Topics with fewer than 4 questions at some level. */
  thinTopics: string[];
}

export function curriculumCounts(c: Curriculum): CurriculumCounts {
  const questions = c.topics.flatMap((t) => t.questions);
  const byLevel = { 1: 0, 2: 0, 3: 0 } as Record<1 | 2 | 3, number>;
  for (const q of questions) byLevel[q.level] += 1;
  const thinTopics = c.topics
    .filter((t) => ([1, 2, 3] as const).some((l) => t.questions.filter((q) => q.level === l).length < 4))
    .map((t) => t.id);
  return {
    topics: c.topics.length,
    questions: questions.length,
    byLevel,
    mcq: questions.filter((q) => q.format === "mcq").length,
    free: questions.filter((q) => q.format === "free").length,
    drills: c.drills.length,
    problems: c.problems.length,
    frameworks: c.frameworks.length,
    plans: c.plans.length,
    thinTopics,
  };
}

export function formatCounts(n: CurriculumCounts): string {
  return [
    `topics      ${n.topics}`,
    `questions   ${n.questions} (foundation ${n.byLevel[1]}, application ${n.byLevel[2]}, expert ${n.byLevel[3]}; multiple choice ${n.mcq}, free text ${n.free})`,
    `drills      ${n.drills}`,
    `problems    ${n.problems}`,
    `frameworks  ${n.frameworks}`,
    `plans       ${n.plans}`,
    n.thinTopics.length ? `thin topics (< 4 questions at a level): ${n.thinTopics.join(", ")}` : "every topic has at least 4 questions at each level",
  ].join("\n");
}
