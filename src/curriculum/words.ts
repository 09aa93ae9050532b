/**
 * Words as the grader reads them: lower case, contractions and chat spellings expanded
 * ("can't", "cant" → "can not"; "u" → "you"), and a light stemmer so that inflections of one
 * word meet ("expire", "expires", "expired", "expiry" → "expir").
 */

/** Apostrophe contractions; chat spellings without the apostrophe live in the lexicon. */
const CONTRACTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bwon'?t\b/g, "will not"], [/\bcan'?t\b/g, "can not"], [/\bcannot\b/g, "can not"], [/\bshan'?t\b/g, "shall not"],
  [/n't\b/g, " not"], [/'re\b/g, " are"], [/'ll\b/g, " will"], [/'ve\b/g, " have"], [/'m\b/g, " am"],
  [/'d\b/g, " would"], [/'s\b/g, ""],
];

const RAW_TOKEN = /[a-z0-9]+(?:[./&][a-z0-9]+)*%?|%/g;

/**
 * The words of `text`, with chat spellings expanded through `spellings` ("thru" → ["through"]).
 * Slashes and dots inside a token split it ("read/write", "e.g"), unless the whole token is a
 * spelling ("w/o") or a number ("99.9").
 */
export function words(text: string, spellings: ReadonlyMap<string, readonly string[]> = new Map()): string[] {
  let s = text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[’‘`´]/g, "'");
  for (const [re, to] of CONTRACTIONS) s = s.replace(re, to);
  s = s.replace(/(\d),(\d)/g, "$1$2");
  const out: string[] = [];
  const push = (t: string) => {
    const expanded = spellings.get(t);
    if (expanded) out.push(...expanded);
    else out.push(t);
  };
  for (const raw of s.match(RAW_TOKEN) ?? []) {
    if (spellings.has(raw) || /^\d+(\.\d+)?%?$/.test(raw)) push(raw);
    else for (const part of raw.split(/[./&]/)) if (part) push(part);
  }
  return out;
}

const KEEP_DOUBLE = new Set(["l", "s", "z"]);

function undouble(w: string): string {
  const last = w[w.length - 1];
  return last && w.length > 3 && last === w[w.length - 2] && !KEEP_DOUBLE.has(last) && /[bcdfghjkmnprtvw]/.test(last) ? w.slice(0, -1) : w;
}

/** A small stemmer: plurals, -ing/-ed, -ly, -ation, British -ise, and a trailing e or y. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word.replace(/iz(e|ed|es|ing|ation|ations|er|ers)$/, "is$1");
  if (/ies$/.test(w) && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(sses|xes|ches|shes)$/.test(w)) w = w.slice(0, -2);
  else if (/[^su]s$/.test(w) && !/(is|ss|us|ys)$/.test(w)) w = w.slice(0, -1);
  if (/ied$/.test(w) && w.length > 4) w = `${w.slice(0, -3)}y`;
  const step: ReadonlyArray<readonly [RegExp, string]> = [
    [/ational$/, "ate"], [/ation$/, "ate"], [/ness$/, ""], [/ment$/, ""], [/edly$/, ""], [/ingly$/, ""],
    [/ing$/, ""], [/ed$/, ""], [/ly$/, ""], [/er$/, ""],
  ];
  for (const [re, to] of step) {
    const next = w.replace(re, to);
    if (next !== w && next.length >= 3) {
      w = re.source.startsWith("ing") || re.source.startsWith("ed") || re.source.startsWith("er") ? undouble(next) : next;
      break;
    }
  }
  if (w.length > 3 && /[ey]$/.test(w)) w = w.slice(0, -1);
  return w;
}
