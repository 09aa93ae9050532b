/**
 * Forgiving input: "did you mean caching?" for `cache`. What was typed is compared with each
 * known id (and its other names, e.g. a problem's title) by shared prefix and edit distance.
 */

/** An id and the names it may be typed as (the id itself, a title, the id without its prefix). */
export interface Known { id: string; names: readonly string[] }

/** Lower case, words joined by hyphens: "URL Shortener" → "url-shortener". */
export const slug = (s: string) => s.trim().toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

/** Levenshtein distance, one row at a time. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

const sharedPrefix = (a: string, b: string) => {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
};

/** How far `typed` is from `name`, or undefined when it is too far to suggest. */
function distance(typed: string, name: string): number | undefined {
  const d = editDistance(typed, name);
  const isPrefix = typed.length >= 3 && (name.startsWith(typed) || typed.startsWith(name));
  // A typo budget of about one edit in four, and a shared stem ("cach-e" / "cach-ing").
  if (isPrefix || sharedPrefix(typed, name) >= 4 || d <= Math.max(1, Math.floor(name.length / 4))) return d;
  return undefined;
}

/** The ids closest to what was typed, nearest first (at most `max`). */
export function closest(typed: string, known: readonly Known[], max = 3): string[] {
  const t = slug(typed);
  if (!t) return [];
  return known
    .map((k) => ({ id: k.id, d: Math.min(...k.names.map((n) => distance(t, slug(n)) ?? Infinity)) }))
    .filter((x) => x.d < Infinity)
    .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
    .slice(0, max)
    .map((x) => x.id);
}

/** "`a`", "`a` or `b`", "`a`, `b` or `c`". */
export function orList(ids: readonly string[]): string {
  const code = ids.map((id) => `\`${id}\``);
  return code.length <= 1 ? code.join("") : `${code.slice(0, -1).join(", ")} or ${code.at(-1)}`;
}
