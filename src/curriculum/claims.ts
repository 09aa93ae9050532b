/**
 * Reads text as claims: sentences split into clauses, each clause a list of units (lexicon
 * concepts, or content words) with the polarity they are said with. "write-back never loses
 * data" gives `write-back` (positive) and `data-loss` (negated): a claim, not a bag of words.
 */
import { FILLER, type CompiledLexicon } from "./lexicon.js";
import { stem, words } from "./words.js";

/** One thing said: a concept (`c:partition`) or a content word (`w:shard`), and whether it is negated. */
export interface Unit {
  readonly id: string;
  readonly neg: boolean;
}

/** A unit, or a marker the key-point reader needs ("or" between alternatives, examples). */
export type Item = Unit | { readonly mark: "or" | "examples" | "end-examples" };

export interface Clause {
  /** The member's own words, as typed (trimmed), for quoting. */
  readonly text: string;
  readonly sentence: number;
  readonly items: readonly Item[];
  readonly units: readonly Unit[];
  /** How many words, and how many of them are function words (a list of terms has almost none). */
  readonly wordCount: number;
  readonly functionWords: number;
}

/** Words that flip the polarity of what follows them in the clause. */
const NEGATORS = new Set(["not", "no", "never", "without", "none", "neither", "nor", "nothing", "nobody", "instead", "rather", "lack", "lacks", "lacking", "cannot"]);

/**
 * Function words: they carry no concept of their own, but sentences have them and a list of
 * buzzwords does not. Stemmed forms, since units are compared stemmed.
 */
export const FUNCTION_WORDS = new Set((
  "a an the of to in on for and or but is are was were be been being it its this that these those with as at by from " +
  "into onto than then so such do doe did done can could would should will shall may might must you your we our us they " +
  "their them he she his her i me my if when whenever which who whom what how there here also just very much many some " +
  "any all each every about over under via has have had having get got gets getting go goe going went make makes made " +
  "let lets only even still already yet though although while whereas because since until unless till whether both either " +
  "one ones thing things way ways like eg ie etc per up down out off again once too more most less least own same other " +
  "another else ok okay yes yeah well basically actually really simply generally usually just need needs needed use used " +
  "using uses am isnt arent whose where why instead rather not no never without nor about around roughly nearly approximately " +
  "approx almost maybe probably perhaps may might could possibly basically mostly often quite pretty stuff"
).split(" "));

const FUNCTION_STEMS = new Set([...FUNCTION_WORDS].map((w) => stem(w)));

/** A negation reaches this many units, and stops early at a word that starts a new claim. */
const NEGATION_REACH = 3;
const SCOPE_END = new Set(["and", "if", "when", "that", "who", "until", "till", "unless", "then", "where", "whereas", "else"]);

/** Words that carry no content but are not function words either (filler in chat answers). */
const EMPTY = new Set(["pls", "please", "hmm", "hi", "sir", "bro", "yaar", "na", "lol", "imo", "imho", "btw", "kind", "sort", "ya", "oh"]);

const SENTENCE_BREAK = /(?<!\d)[.!?]+(?!\d)|[;\n]+/;
/** Where one clause ends and the next begins: commas, dashes, brackets, and linking words. */
const CLAUSE_BREAK = /,|\s[-–—]+\s|—|–|:|\(|\)|\b(?:but|whereas|while|because|coz|bcoz|bcz|cuz|since|so|hence|therefore|however|although|though|unless|which|otherwise|whereby|and then|then)\b/i;

/** Abbreviations whose dots are not sentence ends. */
function protectDots(text: string): string {
  return text.replace(/\b(e)\.(g)\.?/gi, "$1$2").replace(/\b(i)\.(e)\.?/gi, "$1$2").replace(/\b(vs|etc|approx|min|max|sec|avg|no)\./gi, "$1");
}

/** Units of one run of words: concepts matched longest-first, negation applied forward. */
function unitsOf(ws: readonly string[], lex: CompiledLexicon): { items: Item[]; functionWords: number } {
  const stems = ws.map((w) => stem(w));
  const items: Item[] = [];
  // Units still inside the last negation's reach; a second negation inside it cancels it.
  let reach = 0;
  const neg = () => reach > 0;
  let functionWords = 0;
  let depth = 0;
  const pushUnit = (id: string) => {
    items.push({ id, neg: neg() });
    if (reach > 0) reach--;
  };
  for (let i = 0; i < stems.length;) {
    const match = conceptAt(stems, i, lex);
    if (match) {
      pushUnit(`c:${match.concept}`);
      i = match.end;
      continue;
    }
    const s = stems[i]!;
    const w = ws[i]!;
    if (NEGATORS.has(w)) {
      // "not only X but Y" affirms X; "no longer", "instead of", "rather than" negate what follows.
      functionWords++;
      if (w === "not" && ws[i + 1] === "only") { i += 2; continue; }
      reach = reach > 0 ? 0 : NEGATION_REACH;
      i++;
      continue;
    }
    if (SCOPE_END.has(w)) reach = 0;
    if (w === "or" || s === "or") items.push({ mark: "or" });
    if ((w === "such" && ws[i + 1] === "as") || w === "eg" || w === "like" || (w === "for" && ws[i + 1] === "example")) {
      items.push({ mark: "examples" });
      depth++;
    }
    if (FUNCTION_WORDS.has(w) || FUNCTION_STEMS.has(s)) functionWords++;
    else if (!EMPTY.has(w) && !FILLER.has(w) && w.length > 1 || /\d/.test(w)) pushUnit(`w:${s}`);
    i++;
  }
  if (depth > 0) items.push({ mark: "end-examples" });
  return { items, functionWords };
}

function conceptAt(stems: readonly string[], at: number, lex: CompiledLexicon): { concept: string; end: number } | undefined {
  const candidates = lex.byFirst.get(stems[at]!);
  if (!candidates) return undefined;
  for (const c of candidates) {
    let j = at;
    let ok = true;
    for (const want of c.stems) {
      while (j < stems.length && FILLER.has(stems[j]!)) j++;
      if (stems[j] !== want) { ok = false; break; }
      j++;
    }
    if (ok) return { concept: c.concept, end: j };
  }
  return undefined;
}

const isUnit = (i: Item): i is Unit => "id" in i;

/** The clauses of `text`, in order, each with its units and polarity. */
export function readClauses(text: string, lex: CompiledLexicon): Clause[] {
  const clauses: Clause[] = [];
  protectDots(text).split(SENTENCE_BREAK).forEach((sentence, index) => {
    for (const part of sentence.split(new RegExp(CLAUSE_BREAK.source, "gi"))) {
      const raw = (part ?? "").trim();
      if (!raw) continue;
      const ws = words(raw, lex.spellings);
      if (ws.length === 0) continue;
      const { items, functionWords } = unitsOf(ws, lex);
      clauses.push({ text: raw, sentence: index, items, units: items.filter(isUnit), wordCount: ws.length, functionWords });
    }
  });
  return clauses;
}

/** The sentence texts of `text` in the same numbering as `Clause.sentence`. */
export function sentences(text: string): string[] {
  return protectDots(text).split(SENTENCE_BREAK).map((s) => s.trim());
}

export { isUnit };
