/**
 * Which interviewer fact a candidate's question asks for, read through the lexicon like answers
 * are: "requests a second" finds "qps". When several facts match, the most specific wins: more
 * of the question matched, then a contrastive qualifier ("peak" against "average", "read"
 * against "write") over the bare measure, so "What is the peak TPS?" gets the peak.
 */
import { readClauses } from "./claims.js";
import { defaultLexicon, type CompiledLexicon } from "./lexicon.js";

const unitsOf = (text: string, lex: CompiledLexicon) => new Set(readClauses(text, lex).flatMap((c) => c.units.map((u) => u.id)));

/** 0 when no ask phrasing is wholly in the question; otherwise how specific the best one is. */
export function factStrength(question: string, asks: readonly string[], lex: CompiledLexicon = defaultLexicon()): number {
  const asked = unitsOf(question, lex);
  let best = 0;
  for (const ask of asks) {
    const units = [...unitsOf(ask, lex)];
    if (units.length === 0 || !units.every((u) => asked.has(u))) continue;
    const qualifiers = units.filter((u) => u.startsWith("c:") && (lex.opposites.get(u.slice(2))?.size ?? 0) > 0).length;
    best = Math.max(best, units.length + 0.5 * qualifiers);
  }
  return best;
}
