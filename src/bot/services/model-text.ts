/**
 * The checks the core holds model answers to, whatever the model: the member's text goes in as
 * delimited data, a quote must be the member's own words, and the interviewer states no number
 * the problem's facts do not hold (issue 20).
 */

/** Lower case, one space, straight quotes: how answers and quotes are compared (and cached). */
export const normalise = (s: string) =>
  s.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u201c\u201d]/g, "\"").replace(/\s+/g, " ").trim();

/**
 * The member's text as data between tags. The tag itself is taken out of the text, so an
 * answer cannot close its own delimiter and speak as the instructions.
 */
export function delimit(tag: string, memberText: string): string {
  const clean = memberText.replace(new RegExp(`</?\\s*${tag}\\s*>`, "gi"), " ");
  return `<${tag}>\n${clean}\n</${tag}>`;
}

/** Said in the member's text: the quote (trimmed of quote marks and ellipses) occurs in it, compared normalised. */
export function quoteOccurs(quote: string, text: string): boolean {
  const q = normalise(quote).replace(/^["'“”\s.…]+|["'“”\s.…]+$/g, "");
  return q.length >= 3 && normalise(text).includes(q);
}

/** Every number written in a text ("1,200", "99.9", "50ms" → 1200, 99.9, 50), as canonical strings. */
export function numbersIn(text: string): string[] {
  return [...text.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => String(Number(m[0].replace(/,/g, ""))));
}

/** True when every number in `said` appears among the numbers of `sources`. */
export function numbersFrom(said: string, sources: readonly string[]): boolean {
  const known = new Set(sources.flatMap(numbersIn));
  return numbersIn(said).every((n) => known.has(n));
}

/** Word stems (5 letters) of the words of four letters or more: a light "is this about that" check. */
const stems = (s: string) => new Set(normalise(s).split(/[^a-z0-9]+/).filter((w) => w.length >= 4).map((w) => w.slice(0, 5)));

/** The quote shares a content word's stem with one of the texts (the key point or its hints). */
export function sharesStem(quote: string, texts: readonly string[]): boolean {
  const q = stems(quote);
  return texts.some((t) => [...stems(t)].some((w) => q.has(w)));
}

/** The first two sentences of a text, at most `max` characters. */
export function twoSentences(s: string, max = 400): string {
  const parts = s.replace(/\s+/g, " ").trim().match(/[^.!?]+[.!?]+|[^.!?]+$/g) ?? [];
  const two = parts.slice(0, 2).join("").trim();
  return two.length > max ? `${two.slice(0, max - 1)}…` : two;
}
