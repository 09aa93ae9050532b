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

const pickFrom = <T>(pool: readonly T[], random: () => number): T | undefined => pool[Math.floor(random() * pool.length)];

/** A uniformly random fresh candidate, else a random recent one, else undefined. */
export function pickQuestion(c: Curriculum, f: QuestionFilter, random: () => number): TopicQuestion | undefined {
  const all = candidates(c, f);
  const fresh = all.filter((q) => !f.avoid?.has(q.id));
  return pickFrom(fresh.length > 0 ? fresh : all, random);
}

export interface AdaptiveInput {
  /** Question ids whose review is due, most overdue first. */
  due: readonly string[];
  /** Topics the member is weak in, weakest first. */
  weakTopics: readonly string[];
  /** The member's unlocked level per topic. */
  levelOf: (topic: string) => Level;
  /** Asked within the no-repeat window. */
  recent: ReadonlySet<string>;
  /** Ever asked. */
  seen: ReadonlySet<string>;
}

export type AdaptiveReason = "due" | "weak" | "new" | "practice";

/**
 * `/quiz` with no arguments: a due review first, then a weak topic at the member's level, then
 * new material at the member's level, then anything not asked within the no-repeat window.
 */
export function pickAdaptive(
  c: Curriculum, input: AdaptiveInput, random: () => number,
): { question: TopicQuestion; reason: AdaptiveReason } | undefined {
  const dueId = input.due.find((id) => c.questionsById.has(id));
  if (dueId) return { question: c.questionsById.get(dueId)! as TopicQuestion, reason: "due" };
  const atLevel = (topic?: string) => c.topics
    .filter((t) => !topic || t.id === topic)
    .flatMap((t) => t.questions.filter((q) => q.level === input.levelOf(t.id)).map((q) => ({ ...q, topic: t.id })));
  for (const topic of input.weakTopics) {
    const q = pickFrom(atLevel(topic).filter((x) => !input.recent.has(x.id)), random);
    if (q) return { question: q, reason: "weak" };
  }
  const fresh = pickFrom(atLevel().filter((x) => !input.seen.has(x.id)), random);
  if (fresh) return { question: fresh, reason: "new" };
  const practice = pickFrom(atLevel().filter((x) => !input.recent.has(x.id)), random);
  return practice ? { question: practice, reason: "practice" } : undefined;
}
