/**
 * "The curriculum of this space" (issue 22): the built-in content, less the built-in topics the
 * space switched off, plus the space's own imported items. Commands and jobs see it as
 * `deps.curriculum` (the dispatcher and the timer handlers scope it), so no service changes.
 * Cached per space and rebuilt when the bank's version moves: an import in one process is seen
 * by every other process at its next event.
 */
import { createHash } from "node:crypto";
import type { Curriculum } from "../../curriculum/loader.js";
import type { BankItem } from "../../curriculum/bank-schema.js";
import type { Drill, Problem, Question, Topic } from "../../curriculum/schema.js";
import type { BankRepo } from "../ports.js";

export interface SpaceCurricula {
  /** The curriculum members of this space see. */
  forSpace(spaceId: string): Promise<Curriculum>;
}

/**
 * A space's short tag inside its item ids: `q-b1a2b3c-outbox-why`. Ids then never collide with
 * the built-in ones (q-<topic>-<level>-<nn>, d-<nn>, p-<slug> have no "b<hex>" part after the
 * prefix) nor with another space's, and stay short enough for a button's action id.
 */
export const spaceTag = (spaceId: string) => `b${createHash("sha256").update(spaceId).digest("hex").slice(0, 6)}`;

/** The id an imported item has inside the space's curriculum. */
export function namespacedId(spaceId: string, kind: "question" | "drill" | "problem", localId: string): string {
  return `${kind[0]}-${spaceTag(spaceId)}-${localId}`;
}

/** The built-in curriculum with the space's bank merged in and its switched-off topics left out. */
export function mergeCurriculum(builtIn: Curriculum, spaceId: string, items: readonly BankItem[], disabled: ReadonlySet<string>): Curriculum {
  if (!items.length && !disabled.size) return builtIn;
  const questionsOf = new Map<string, Question[]>();
  const drills: Drill[] = [];
  const problems: Problem[] = [];
  const ownTopics: Topic[] = [];
  for (const it of items) {
    if (it.kind === "question") {
      const { topic, ...q } = it.item;
      questionsOf.set(topic, [...(questionsOf.get(topic) ?? []), { ...q, id: namespacedId(spaceId, "question", q.id) } as Question]);
    } else if (it.kind === "drill") drills.push({ ...it.item, id: namespacedId(spaceId, "drill", it.item.id) });
    else if (it.kind === "problem") problems.push({ ...it.item, id: namespacedId(spaceId, "problem", it.item.id) });
  }
  for (const it of items) {
    if (it.kind === "topic") ownTopics.push({ ...it.item, questions: questionsOf.get(it.id) ?? [] });
  }
  const topics: Topic[] = [
    ...builtIn.topics.filter((t) => !disabled.has(t.id)).map((t) => (questionsOf.has(t.id) ? { ...t, questions: [...t.questions, ...questionsOf.get(t.id)!] } : t)),
    // A topic of the space's own with no questions yet still shows in /topics (drills or problems may name it).
    ...ownTopics,
  ];
  const questionsById = new Map<string, Question & { topic: string }>();
  for (const t of topics) for (const q of t.questions) questionsById.set(q.id, { ...q, topic: t.id });
  return Object.freeze({
    ...builtIn,
    topics,
    drills: [...builtIn.drills, ...drills],
    problems: [...builtIn.problems, ...problems],
    questionsById,
  });
}

export function createSpaceCurricula(builtIn: Curriculum, banks: BankRepo): SpaceCurricula {
  const cache = new Map<string, { version: number; curriculum: Curriculum }>();
  return {
    async forSpace(spaceId) {
      const version = await banks.version(spaceId);
      if (version === 0) return builtIn;
      const hit = cache.get(spaceId);
      if (hit && hit.version === version) return hit.curriculum;
      const [bank, disabled] = await Promise.all([banks.get(spaceId), banks.disabledTopics(spaceId)]);
      const curriculum = mergeCurriculum(builtIn, spaceId, bank?.items ?? [], new Set(disabled));
      cache.set(spaceId, { version, curriculum });
      return curriculum;
    },
  };
}

/**
 * The deps with the space's curriculum in place of the built-in one: what the dispatcher and the
 * timer handlers (rounds closing, mock nudges) hand the core for an event of that space.
 */
export async function depsForSpace<D extends { curriculum: Curriculum; builtInCurriculum?: Curriculum }>(
  deps: D, curricula: SpaceCurricula, spaceId: string,
): Promise<D> {
  const builtIn = deps.builtInCurriculum ?? deps.curriculum;
  return { ...deps, builtInCurriculum: builtIn, curriculum: await curricula.forSpace(spaceId) };
}
