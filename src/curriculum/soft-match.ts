/**
 * Word-vector nearness between a claim's unit and an answer's unit (issue 17): the paraphrase a
 * blind writer uses ("copy" for "replica", "customers" for "users") rarely sits in the lexicon.
 * A concept is as near as the nearest of its one-word ways of being said.
 */
import type { Soft } from "./claim-match.js";
import { defaultEmbeddings, type Embeddings } from "./embeddings.js";
import type { CompiledLexicon } from "./lexicon.js";

/** Past this many remembered pairs the memo starts again, so memory stays flat on a long-running bot. */
const MEMO_LIMIT = 200_000;

export interface SoftTuning {
  /** Cosine at or above which two words are near; 1 or more turns soft matching off. */
  readonly tau: number;
  readonly credit: number;
  readonly flips: boolean;
  readonly anchor: number;
}

/** Cosine of two units' nearest stems (a concept by its one-word ways of being said), or -1. */
export function unitCosine(lex: CompiledLexicon, vectors: Embeddings, a: string, b: string): number {
  const stemsOf = (id: string): readonly string[] =>
    id.startsWith("w:") ? (/\d/.test(id) ? [] : [id.slice(2)]) : lex.oneWord.get(id.slice(2)) ?? [];
  let best = -1;
  for (const x of stemsOf(a)) for (const y of stemsOf(b)) best = Math.max(best, vectors.cosine(x, y) ?? -1);
  return best;
}

/** Whether two units are near, remembered: the same words recur across answers to one question. */
export function createNear(lex: CompiledLexicon, tau: number, given?: Embeddings | null) {
  if (tau >= 1) return undefined;
  const vectors = given === undefined ? defaultEmbeddings() : given;
  if (!vectors) return undefined;
  let memo = new Map<string, Map<string, boolean>>();
  let size = 0;
  return (a: string, b: string): boolean => {
    if (a === b) return false;
    let row = memo.get(a);
    if (!row) {
      if (size >= MEMO_LIMIT) { memo = new Map(); size = 0; }
      memo.set(a, row = new Map());
    }
    let v = row.get(b);
    if (v === undefined) { row.set(b, v = unitCosine(lex, vectors, a, b) >= tau); size++; }
    return v;
  };
}

/** Soft matching against one answer: `answerUnits` are the units it says, `excluded` those never to count as near. */
export function softFor(near: (a: string, b: string) => boolean, answerUnits: readonly string[], t: SoftTuning,
  excluded: (b: string) => boolean = () => false): Soft {
  const cache = new Map<string, ReadonlySet<string>>();
  return {
    credit: t.credit, flips: t.flips, anchor: t.anchor,
    nearTo(a) {
      let v = cache.get(a);
      if (!v) cache.set(a, v = new Set(answerUnits.filter((b) => !excluded(b) && near(a, b))));
      return v;
    },
  };
}

/**
 * Opposites a question's misconceptions show: a wrong claim and the key point it is nearest say
 * the same subject and differ in a word, and where the differing words are near in vector space
 * ("loses" / "keeps", "faster" / "slower") they are the claim's two polarities. Returns, for each
 * such unit, the units that state its opposite.
 */
export function questionOpposites(
  points: ReadonlyArray<ReadonlySet<string>>, wrongs: ReadonlyArray<ReadonlySet<string>>, tau: number,
  near: (a: string, b: string, tau: number) => boolean,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (a: string, b: string) => out.set(a, [...(out.get(a) ?? []), b]);
  for (const w of wrongs) {
    const overlap = points.map((p) => [...p].filter((id) => w.has(id)).length);
    const best = overlap.indexOf(Math.max(...overlap));
    const p = points[best];
    if (!p || overlap[best]! === 0) continue;
    for (const a of p) {
      if (w.has(a)) continue;
      for (const b of w) if (!p.has(b) && a !== b && near(a, b, tau)) { add(a, b); add(b, a); }
    }
  }
  return out;
}
