/** Picks a question for a member from the banks, honouring filters and avoiding recent ones. */
import type { Curriculum } from "./loader.js";
import type { Level, Question } from "./schema.js";

export interface QuestionFilter {
  topic?: string;
  level?: Level;
  format?: "mcq" | "free";
  /** Question ids to avoid (asked recently); used only while something else is left. */
  avoid?: ReadonlySet<string>;
}

export type TopicQuestion = Question & { topic: string };

export function candidates(c: Curriculum, f: QuestionFilter): TopicQuestion[] {
  return c.topics
    .filter((t) => !f.topic || t.id === f.topic)
    .flatMap((t) => t.questions.map((q) => ({ ...q, topic: t.id })))
    .filter((q) => (!f.level || q.level === f.level) && (!f.format || q.format === f.format));
}

/** A uniformly random fresh candidate, else a random recent one, else undefined. */
export function pickQuestion(c: Curriculum, f: QuestionFilter, random: () => number): TopicQuestion | undefined {
  const all = candidates(c, f);
  const fresh = all.filter((q) => !f.avoid?.has(q.id));
  const pool = fresh.length > 0 ? fresh : all;
  return pool[Math.floor(random() * pool.length)];
}
