/**
 * The key-point matcher shared by quiz grading and mock-interview scorecards.
 *
 * A phrasing covers an answer when every content word of the phrasing (after normalising case,
 * punctuation, plurals and simple suffixes, and dropping stop words) appears in the answer.
 * Word order does not matter, so "replicas only help reads" covers "reads are the only thing
 * read replicas help". Alternatives inside one phrasing are written `a/b` ("lru/lfu").
 */

const STOP_WORDS = new Set(
  ("a an the of to in on for and or but is are was were be been being it its this that these those " +
    "with as at by from into than then so such do does did can could would should will shall may might " +
    "you your we our they their them he she his her i me my not no yes if when which who whom what how " +
    "there here also just only very more most much many some any all each every about over under per via").split(" "),
);

/** Negations are kept: "not idempotent" must not cover "idempotent". */
const KEEP = new Set(["not", "no", "never", "only", "more", "most"]);

const SUFFIXES: ReadonlyArray<[RegExp, string]> = [
  [/ies$/, "y"], [/sses$/, "ss"], [/([^s])s$/, "$1"],
  [/ational$/, "ate"], [/ization$/, "ize"], [/isation$/, "ize"], [/ise$/, "ize"], [/ised$/, "ized"],
  [/ing$/, ""], [/edly$/, ""], [/ed$/, ""], [/ly$/, ""], [/ment$/, ""], [/er$/, ""], [/e$/, ""],
];

/** A crude stemmer: enough to make "caching", "cached", "caches" and "cache" one word. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  for (const [pattern, replacement] of SUFFIXES) {
    const next = w.replace(pattern, replacement);
    if (next !== w && next.length >= 3) w = next;
  }
  return w;
}

/** Lower-cases, strips punctuation (keeping digits, `.` inside numbers, `%`) and splits. */
export function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/(\d),(\d)/g, "$1$2")
    .replace(/[^a-z0-9.%/+\-\s]/g, " ")
    .replace(/(?<!\d)\.|\.(?!\d)/g, " ")
    .split(/[\s\-+]+/)
    .filter((t) => t.length > 0);
}

export interface Normalised {
  readonly stems: ReadonlySet<string>;
}

export function normalise(text: string): Normalised {
  const stems = new Set<string>();
  for (const t of tokens(text)) {
    for (const part of t.split("/")) if (part) stems.add(stem(part));
    if (t.includes("/")) stems.add(t);
  }
  return { stems };
}

/** The content words of a phrasing; each is a list of alternatives. */
function phrasingTerms(phrasing: string): string[][] {
  return tokens(phrasing)
    .filter((t) => KEEP.has(t) || !STOP_WORDS.has(t))
    .map((t) => t.split("/").filter(Boolean).map(stem));
}

export function phrasingMatches(answer: Normalised, phrasing: string): boolean {
  const terms = phrasingTerms(phrasing);
  if (terms.length === 0) return false;
  return terms.every((alternatives) => alternatives.some((a) => answer.stems.has(a)));
}

export function anyPhrasingMatches(answer: Normalised, phrasings: readonly string[]): boolean {
  return phrasings.some((p) => phrasingMatches(answer, p));
}

const NEGATION = /\b(not|no|never|cannot|without|neither|nor)\b|n['’]t\b/i;

/**
 * True when one sentence of the answer states the phrasing without negating it. Used for
 * misconceptions, so "replicas do not spread writes" is not mistaken for the wrong claim.
 */
export function statesWithoutNegation(answer: string, phrasings: readonly string[]): boolean {
  return answer
    .split(/[.!?;\n]+|\bbut\b/i)
    .filter((s) => !NEGATION.test(s))
    .some((s) => anyPhrasingMatches(normalise(s), phrasings));
}

/** How specific the best matching phrasing is (its number of content words); 0 when none matches. */
export function matchStrength(answer: Normalised, phrasings: readonly string[]): number {
  return Math.max(0, ...phrasings.filter((p) => phrasingMatches(answer, p)).map((p) => phrasingTerms(p).length));
}
