/**
 * The shared, versioned lexicon of system-design concepts (content/lexicon.yaml): the ways each
 * concept is said, chat and Indian-English spellings, and concepts that are opposites. The
 * grader reads every answer and every key point through it, so "nodes can't reach each other"
 * and "network partition" are one claim about one thing.
 */
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { words, stem } from "./words.js";

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "concept ids are lower-kebab-case");
/** YAML reads `429` or `99.9` as numbers; they are ways of saying things all the same. */
const variant = z.preprocess((v) => (typeof v === "number" ? String(v) : v), z.string().trim().min(1));

export const LexiconConcept = z.object({
  id,
  /** Every way of saying it; the id itself is not one unless listed. */
  says: z.array(variant).min(1),
  /** Concepts that state the opposite (sync vs async): one said in place of the other flips a claim. */
  opposite: z.array(id).default([]),
  /**
   * Concepts commonly taken for one another (SLO and SLA, L4 and L7): a clause that names one of
   * them and then says something says it of that one, so what follows a sibling is not said of it.
   */
  siblings: z.array(id).default([]),
}).strict();

export const Lexicon = z.object({
  version: z.number().int().positive(),
  /** Chat spellings and abbreviations → the words they stand for ("cant" → "can not"). */
  spellings: z.record(z.string().regex(/^[a-z0-9/'&.+-]+$/, "a spelling is one lower-case token"), variant),
  concepts: z.array(LexiconConcept).min(1),
}).strict().superRefine((lex, ctx) => {
  const ids = new Set<string>();
  lex.concepts.forEach((c, i) => {
    if (ids.has(c.id)) ctx.addIssue({ code: "custom", path: ["concepts", i, "id"], message: `duplicate concept ${c.id}` });
    ids.add(c.id);
  });
  lex.concepts.forEach((c, i) => c.opposite.forEach((o, j) => {
    if (!ids.has(o)) ctx.addIssue({ code: "custom", path: ["concepts", i, "opposite", j], message: `unknown concept ${o}` });
  }));
  lex.concepts.forEach((c, i) => c.siblings.forEach((o, j) => {
    if (!ids.has(o)) ctx.addIssue({ code: "custom", path: ["concepts", i, "siblings", j], message: `unknown concept ${o}` });
  }));
});
export type Lexicon = z.infer<typeof Lexicon>;

/** A lexicon ready to read text with: variants as stem sequences, longest first. */
export interface CompiledLexicon {
  readonly version: number;
  readonly spellings: ReadonlyMap<string, readonly string[]>;
  /** First stem → variants starting with it (stem sequence + concept id), longest first. */
  readonly byFirst: ReadonlyMap<string, ReadonlyArray<{ stems: readonly string[]; concept: string }>>;
  readonly opposites: ReadonlyMap<string, ReadonlySet<string>>;
  /** Concept → the concepts commonly taken for it (symmetric). */
  readonly siblings: ReadonlyMap<string, ReadonlySet<string>>;
  /** Concept → the stems of its one-word variants, for matching a word to a concept it derives from. */
  readonly oneWord: ReadonlyMap<string, readonly string[]>;
}

/** Words a variant may skip over: "the", "a" never decide what is said. */
export const FILLER = new Set(["a", "an", "the"]);

export function variantStems(text: string, spellings: ReadonlyMap<string, readonly string[]>): string[] {
  return words(text, spellings).map((w) => stem(w)).filter((s) => !FILLER.has(s));
}

export function compileLexicon(lex: Lexicon): CompiledLexicon {
  const spellings = new Map(Object.entries(lex.spellings).map(([k, v]) => [k, v.toLowerCase().split(/\s+/)] as const));
  const byFirst = new Map<string, Array<{ stems: string[]; concept: string }>>();
  const opposites = new Map<string, Set<string>>();
  const siblings = new Map<string, Set<string>>();
  const relate = (to: Map<string, Set<string>>, a: string, b: string) => {
    if (!to.has(a)) to.set(a, new Set());
    to.get(a)!.add(b);
  };
  const oppose = (a: string, b: string) => relate(opposites, a, b);
  const oneWord = new Map<string, string[]>();
  for (const c of lex.concepts) {
    for (const say of c.says) {
      const stems = variantStems(say, spellings);
      const first = stems[0];
      if (!first) continue;
      if (stems.length === 1) oneWord.set(c.id, [...(oneWord.get(c.id) ?? []), first]);
      if (!byFirst.has(first)) byFirst.set(first, []);
      byFirst.get(first)!.push({ stems, concept: c.id });
    }
    for (const o of c.opposite) { oppose(c.id, o); oppose(o, c.id); }
    for (const o of c.siblings) { relate(siblings, c.id, o); relate(siblings, o, c.id); }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  return { version: lex.version, spellings, byFirst, opposites, siblings, oneWord };
}

export const LEXICON_FILE = new URL("./content/lexicon.yaml", import.meta.url);

export function parseLexicon(text: string): z.ZodSafeParseResult<Lexicon> {
  return Lexicon.safeParse(parseYaml(text));
}

let cached: CompiledLexicon | undefined;

/** The bot's own lexicon, read once; the loader validates it with the rest of the curriculum. */
export function defaultLexicon(): CompiledLexicon {
  if (!cached) {
    const parsed = parseLexicon(readFileSync(LEXICON_FILE, "utf8"));
    if (!parsed.success) throw new Error(`lexicon.yaml is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    cached = compileLexicon(parsed.data);
  }
  return cached;
}
