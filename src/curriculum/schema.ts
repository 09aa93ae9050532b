/**
 * The shape of every content file under `src/curriculum/content/`. Content is data written in
 * YAML; it is parsed here where it enters, so a broken bank stops the start (and CI), not a quiz.
 */
import { z } from "zod";

export const LEVELS = [1, 2, 3] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_NAMES: Record<Level, string> = { 1: "foundation", 2: "application", 3: "expert" };

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-kebab-case");
const nonEmpty = z.string().trim().min(1);

/** Where a fact comes from: a seed file and its lines, or knowledge outside the seeds. */
export const Source = z.union([
  z.object({
    seed: z.enum(["000", "001", "002", "003", "004"]),
    lines: z.string().regex(/^\d+(-\d+)?(, ?\d+(-\d+)?)*$/, "lines like 132-135 or 12, 40-44"),
  }).strict(),
  z.object({ external: z.literal(true), note: nonEmpty.optional() }).strict(),
]);

/**
 * A key point of a free-text answer, written in plain English: that sentence is what the grader
 * reads. Phrasings are optional hints (extra ways of saying it), never the only way in.
 */
export const KeyPoint = z.object({
  point: nonEmpty,
  phrasings: z.array(nonEmpty).default([]),
}).strict();

/**
 * A wrong claim people really make, in plain English as a member would state it. It never earns
 * credit; the key points it contradicts (indexes into keyPoints) are not credited when it is
 * stated, and the reply names it with `why`.
 */
export const Misconception = z.object({
  claim: nonEmpty.optional(),
  why: nonEmpty,
  contradicts: z.array(z.number().int().min(0)).default([]),
  phrasings: z.array(nonEmpty).default([]),
}).strict();

export const McqOption = z.object({
  text: nonEmpty,
  correct: z.boolean().default(false),
  why: nonEmpty.optional(),
}).strict();

const questionBase = {
  id: z.string().regex(/^q-[a-z0-9-]+-[123]-\d{2}$/, "ids look like q-<topic>-<level>-<nn>"),
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  prompt: nonEmpty,
  explanation: nonEmpty,
  analogy: nonEmpty.optional(),
  tags: z.array(slug).default([]),
  source: Source,
};

export const McqQuestion = z.object({
  ...questionBase,
  format: z.literal("mcq"),
  options: z.array(McqOption).min(3).max(5)
    .refine((o) => o.filter((x) => x.correct).length === 1, "exactly one option must be correct")
    .refine((o) => o.every((x) => x.correct || x.why), "every wrong option needs a one-line why"),
}).strict();

export const FreeQuestion = z.object({
  ...questionBase,
  format: z.literal("free"),
  keyPoints: z.array(KeyPoint).min(3).max(6),
  misconceptions: z.array(Misconception).default([]),
  modelAnswer: nonEmpty,
}).strict();

export const Question = z.discriminatedUnion("format", [McqQuestion, FreeQuestion]);
export type Question = z.infer<typeof Question>;
export type McqQuestion = z.infer<typeof McqQuestion>;
export type FreeQuestion = z.infer<typeof FreeQuestion>;

export const Topic = z.object({
  id: slug,
  title: nonEmpty,
  summary: nonEmpty,
  questions: z.array(Question).min(1),
}).strict();
export type Topic = z.infer<typeof Topic>;

/** A back-of-envelope drill; `answer` is written the way a person would type it ("1,160/s"). */
export const Drill = z.object({
  id: z.string().regex(/^d-\d{2,3}$/, "ids look like d-<nn>"),
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(1),
  prompt: nonEmpty,
  inputs: z.array(nonEmpty).min(1),
  answer: nonEmpty,
  /** Relative tolerance (0.2 = ±20 %), or "oom": within a factor of 3 either way. */
  tolerance: z.union([z.number().positive().max(1), z.literal("oom")]),
  solution: nonEmpty,
  source: Source,
}).strict();
export type Drill = z.infer<typeof Drill>;

export const FACT_KINDS = [
  "users", "traffic", "read-write", "latency", "availability", "consistency",
  "data-size", "retention", "regions", "features", "other",
] as const;

export type FactKind = (typeof FACT_KINDS)[number];

/** A fact the interviewer reveals only when the candidate asks the matching question. */
export const InterviewerFact = z.object({
  kind: z.enum(FACT_KINDS),
  asks: z.array(nonEmpty).min(1),
  answer: nonEmpty,
}).strict();

/** Something a strong answer mentions, matched with the same key-point matcher as quizzes. */
export const Expectation = z.object({
  name: nonEmpty,
  phrasings: z.array(nonEmpty).min(1),
  note: nonEmpty.optional(),
}).strict();

export const PHASE_IDS = [
  "requirements", "architecture", "data-model", "interface", "optimisation", "wrap-up",
  "redsco-r", "redsco-e", "redsco-d", "redsco-s", "redsco-c", "redsco-o",
] as const;

export const RubricCriterion = z.object({
  id: slug,
  label: nonEmpty,
  phase: z.enum(PHASE_IDS),
  weight: z.number().positive(),
  strong: nonEmpty,
  weak: nonEmpty,
}).strict();

export const Problem = z.object({
  id: z.string().regex(/^p-[a-z0-9-]+$/, "ids look like p-<slug>"),
  title: nonEmpty,
  prompt: nonEmpty,
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  topics: z.array(slug).min(1),
  facts: z.array(InterviewerFact).min(5),
  components: z.array(Expectation).min(3),
  deepDives: z.array(Expectation).min(2),
  mistakes: z.array(nonEmpty).min(2),
  rubric: z.array(RubricCriterion).min(3),
  modelOutline: nonEmpty,
  source: Source,
}).strict();
export type Problem = z.infer<typeof Problem>;

export const FrameworkPhase = z.object({
  id: z.enum(PHASE_IDS),
  title: nonEmpty,
  /** Minutes in a 45-minute interview; scaled for other lengths. */
  minutes: z.number().nonnegative(),
  cover: z.array(nonEmpty).min(1),
  prompt: nonEmpty,
}).strict();

export const Framework = z.object({
  id: slug,
  title: nonEmpty,
  summary: nonEmpty,
  phases: z.array(FrameworkPhase).min(2),
  source: Source,
}).strict();
export type Framework = z.infer<typeof Framework>;

export const PlanDay = z.object({
  day: z.number().int().positive(),
  title: nonEmpty,
  topics: z.array(slug).min(1),
  task: nonEmpty,
  questions: z.array(z.string()).default([]),
  drills: z.array(z.string()).default([]),
  problem: z.string().optional(),
}).strict();

export const Plan = z.object({
  id: slug,
  title: nonEmpty,
  summary: nonEmpty,
  days: z.array(PlanDay).min(1)
    .refine((d) => d.every((x, i) => x.day === i + 1), "days must be numbered 1, 2, 3… in order"),
  source: Source,
}).strict();
export type Plan = z.infer<typeof Plan>;

/**
 * A seed error (curriculum brief §9) and the item that states the fact correctly. A test checks
 * that the item's text contains every `mustContain` and none of `mustNotContain`.
 */
export const Erratum = z.object({
  brief: nonEmpty,
  item: z.string().regex(/^[qdp]-[a-z0-9-]+$/),
  mustContain: z.array(nonEmpty).min(1),
  mustNotContain: z.array(nonEmpty).default([]),
}).strict();
export type Erratum = z.infer<typeof Erratum>;
