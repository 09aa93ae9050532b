/**
 * A space's own question bank (issue 22): the items an admin imports, checked by the built-in
 * content's own schemas (schema.ts) with only what a bank file may leave out relaxed. Free
 * questions need only plain-English key points: the grader reads them. Ids are the file's own
 * short slugs; the space's curriculum namespaces them (bot/services/space-curriculum.ts).
 */
import { z } from "zod";
import { Drill, FreeQuestion, KeyPoint, McqQuestion, Problem, Source } from "./schema.js";

/** A file's own id: short, so that namespaced it still fits in a button's action id. */
export const LocalId = z.string().trim().max(32, "at most 32 characters")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-kebab-case (a-z, 0-9, dashes)");
const TopicId = z.string().trim().max(30, "at most 30 characters")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-kebab-case (a-z, 0-9, dashes)");
const nonEmpty = z.string().trim().min(1);
const external = { external: true } as const;

/** A new topic of the space; questions may also go into a built-in topic by its id. */
export const BankTopic = z.object({ id: TopicId, title: nonEmpty, summary: nonEmpty }).strict();
export type BankTopic = z.infer<typeof BankTopic>;

/** A key point as a plain sentence, or the built-in form with optional phrasings. */
const BankKeyPoint = z.union([nonEmpty.transform((point) => ({ point, phrasings: [] as string[] })), KeyPoint]);

const bankFields = { id: LocalId, topic: TopicId, source: Source.default(external) };

export const BankMcq = McqQuestion.extend({ ...bankFields, explanation: nonEmpty.optional() })
  .transform((q) => ({ ...q, explanation: q.explanation ?? `The answer: ${q.options.find((o) => o.correct)?.text ?? ""}` }));

export const BankFree = FreeQuestion.extend({
  ...bankFields,
  keyPoints: z.array(BankKeyPoint).min(1, "at least 1 required").max(6, "at most 6"),
  modelAnswer: nonEmpty.optional(),
  explanation: nonEmpty.optional(),
}).transform((q) => {
  const modelAnswer = q.modelAnswer ?? q.keyPoints.map((k) => k.point).join(" ");
  return { ...q, modelAnswer, explanation: q.explanation ?? modelAnswer };
});

export type BankQuestion = z.infer<typeof BankMcq> | z.infer<typeof BankFree>;

/** A question's format decides which schema reads the rest; none or another is one issue. */
const FormatOnly = z.object({ format: z.enum(["mcq", "free"], { message: "must be mcq or free" }) });

export const BankDrill = Drill.extend({ id: LocalId, source: Source.default(external) });
export type BankDrill = z.infer<typeof BankDrill>;

export const BankProblem = Problem.extend({ id: LocalId, topics: z.array(TopicId).min(1), source: Source.default(external) });
export type BankProblem = z.infer<typeof BankProblem>;

export const BANK_KINDS = ["topic", "question", "drill", "problem"] as const;
export type BankKind = (typeof BANK_KINDS)[number];

/** The schema that checks an item of this kind as the file wrote it. */
export function schemaFor(kind: BankKind, raw: unknown): z.ZodType {
  if (kind === "topic") return BankTopic;
  if (kind === "drill") return BankDrill;
  if (kind === "problem") return BankProblem;
  const format = (raw as { format?: unknown } | null)?.format;
  return format === "mcq" ? BankMcq : format === "free" ? BankFree : FormatOnly;
}

/** One validated item with where it was in the file: `raw` is written back on export. */
export type BankItem =
  | { kind: "topic"; id: string; line: number; item: BankTopic; raw: unknown }
  | { kind: "question"; id: string; line: number; item: BankQuestion; raw: unknown }
  | { kind: "drill"; id: string; line: number; item: BankDrill; raw: unknown }
  | { kind: "problem"; id: string; line: number; item: BankProblem; raw: unknown };

export type BankFormat = "yaml" | "csv";
