/**
 * A plain-English sentence (a key point, a misconception's claim) turned into what it claims —
 * groups of units that must be said, each with its polarity — and the test of whether a stretch
 * of the member's answer says the same thing, says the opposite, or neither.
 */
import { isUnit, readClauses, type Unit } from "./claims.js";
import type { CompiledLexicon } from "./lexicon.js";

/** Units that stand in for one another ("Redis or Memcached"), said with one polarity. */
export interface Group {
  readonly alts: ReadonlySet<string>;
  readonly neg: boolean;
  readonly weight: number;
  /** Examples: they add to what is matched, never to what is required. */
  readonly optional: boolean;
}

export interface ClaimModel {
  readonly groups: readonly Group[];
  readonly total: number;
}

/** How much a unit tells: rarer in the background (all key points) weighs more; concepts a bit more. */
export type Weigher = (id: string) => number;

/**
 * Builds the model of a sentence. Alternatives ("X or Y", "X/Y") form one group; examples (in
 * brackets, or after "such as", "e.g.", "like") form one optional group: naming one helps, but
 * leaving them out costs nothing. Units also in `discount` (the question's prompt) weigh less:
 * restating the question is not knowing the answer.
 */
export function claimModel(sentence: string, lex: CompiledLexicon, weigh: Weigher, discount: ReadonlySet<string> = new Set()): ClaimModel {
  const m = modelOf(sentence, lex, weigh, discount, true);
  // A claim is more than its examples: when what comes before "like" or "such as" leaves under two
  // groups to say ("SQL LIKE queries are enough…", "Like counts can be…"), those words were the claim.
  return m.groups.filter((g) => !g.optional).length < 2 && m.groups.some((g) => g.optional)
    ? modelOf(sentence, lex, weigh, discount, false) : m;
}

function modelOf(sentence: string, lex: CompiledLexicon, weigh: Weigher, discount: ReadonlySet<string>, examples: boolean): ClaimModel {
  const groups: Array<{ alts: Set<string>; neg: boolean; weight: number; optional: boolean }> = [];
  const seen = new Set<string>();
  const bracketed = [...sentence.matchAll(/\(([^)]*)\)/g)].map((m) => m[1] ?? "");
  const main = sentence.replace(/\([^)]*\)/g, ",");
  const weightOf = (id: string) => weigh(id) * (discount.has(id) ? 0.5 : 1);
  const add = (units: readonly Unit[], optional: boolean, joined: (u: Unit, i: number) => boolean) => {
    units.forEach((u, i) => {
      if (seen.has(u.id)) return;
      seen.add(u.id);
      const last = groups[groups.length - 1];
      if (last && joined(u, i)) {
        last.alts.add(u.id);
        last.weight = Math.max(last.weight, weightOf(u.id));
      } else groups.push({ alts: new Set([u.id]), neg: u.neg, weight: weightOf(u.id), optional });
    });
  };
  for (const clause of readClauses(main, lex)) {
    const mainUnits: Unit[] = [];
    const exampleUnits: Unit[] = [];
    const joinedToPrevious = new Set<Unit>();
    let inExamples = false;
    let joinNext = false;
    for (const item of clause.items) {
      if (!isUnit(item)) {
        if (item.mark === "or") joinNext = true;
        if (item.mark === "examples" && examples) inExamples = true;
        continue;
      }
      if (inExamples) exampleUnits.push(item);
      else {
        if (joinNext && mainUnits.length > 0) joinedToPrevious.add(item);
        mainUnits.push(item);
      }
      joinNext = false;
    }
    add(mainUnits, false, (u) => joinedToPrevious.has(u));
    add(exampleUnits, true, (_, i) => i > 0);
  }
  for (const text of bracketed) {
    add(readClauses(text, lex).flatMap((c) => c.units), true, (_, i) => i > 0);
  }
  return { groups, total: groups.filter((g) => !g.optional).reduce((s, g) => s + g.weight, 0) };
}

/** Units said in a stretch of the answer, with the polarities they were said with. */
export type Said = ReadonlyMap<string, { pos: boolean; neg: boolean }>;

export function said(units: Iterable<Unit>): Said {
  const out = new Map<string, { pos: boolean; neg: boolean }>();
  for (const u of units) {
    const e = out.get(u.id) ?? { pos: false, neg: false };
    if (u.neg) e.neg = true;
    else e.pos = true;
    out.set(u.id, e);
  }
  return out;
}

export interface Match {
  /** Weight of groups said with the model's polarity. */
  readonly matched: number;
  readonly matchedGroups: number;
  /** Weight of groups said with the opposite polarity, or replaced by an opposite concept. */
  readonly flipped: number;
  readonly flippedGroups: number;
  readonly total: number;
}

const saidWith = (s: Said, id: string, neg: boolean) => {
  const e = s.get(id);
  return e ? (neg ? e.neg : e.pos) : false;
};

/**
 * Two stems of one family: the shorter (five letters or more) begins the longer, so
 * "simplicity", "predictable" and "limitation" meet "simple", "predict" and "limit", which the
 * stemmer leaves apart. Derivation, not synonymy: it holds for words no lexicon lists.
 */
export function sameFamily(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 5 && long.startsWith(short);
}

const stemsOf = (id: string, lex: CompiledLexicon): readonly string[] =>
  id.startsWith("w:") ? [id.slice(2)] : lex.oneWord.get(id.slice(2)) ?? [];

/** The unit `id` was said with polarity `neg`, itself or as a word of its family. */
function saidLoosely(s: Said, id: string, neg: boolean, lex: CompiledLexicon): boolean {
  if (saidWith(s, id, neg)) return true;
  const mine = stemsOf(id, lex);
  if (mine.length === 0 || (id.startsWith("c:") && !mine.some((m) => m.length >= 5))) return false;
  for (const [other, e] of s) {
    if (!(neg ? e.neg : e.pos) || (other.startsWith("c:") && id.startsWith("c:"))) continue;
    if (stemsOf(other, lex).some((o) => mine.some((m) => sameFamily(m, o)))) return true;
  }
  return false;
}

export function matchClaim(model: ClaimModel, s: Said, lex: CompiledLexicon): Match {
  let matched = 0, flipped = 0, matchedGroups = 0, flippedGroups = 0;
  for (const g of model.groups) {
    const alts = [...g.alts];
    const opposites = alts.flatMap((a) => [...(lex.opposites.get(a.slice(2)) ?? [])].map((o) => `c:${o}`));
    const same = alts.some((a) => saidLoosely(s, a, g.neg, lex)) || opposites.some((o) => saidWith(s, o, !g.neg));
    const other = alts.some((a) => saidLoosely(s, a, !g.neg, lex)) || opposites.some((o) => saidWith(s, o, g.neg));
    if (same) { matched += g.weight; if (!g.optional) matchedGroups++; }
    else if (other && !g.optional) { flipped += g.weight; flippedGroups++; }
  }
  return { matched, matchedGroups, flipped, flippedGroups, total: model.total };
}
