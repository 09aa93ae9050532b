/**
 * How much each unit of a key point weighs: a word every key point uses ("data", "request")
 * tells little, a rare one ("fencing", "hinted handoff") tells a lot. Document frequencies come
 * from every key-point sentence in the bank, read once.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { readClauses } from "./claims.js";
import type { Weigher } from "./claim-match.js";
import type { CompiledLexicon } from "./lexicon.js";

const TOPICS_DIR = fileURLToPath(new URL("./content/topics/", import.meta.url));

function keyPointSentences(): string[] {
  const out: string[] = [];
  for (const f of readdirSync(TOPICS_DIR).filter((n) => /\.ya?ml$/.test(n))) {
    const topic = parseYaml(readFileSync(join(TOPICS_DIR, f), "utf8")) as { questions?: Array<{ keyPoints?: Array<{ point?: unknown }> }> };
    for (const q of topic.questions ?? []) for (const kp of q.keyPoints ?? []) if (typeof kp.point === "string") out.push(kp.point);
  }
  return out;
}

/** Weights between 0.35 (in most key points) and 1.4 (in none); lexicon concepts a little more. */
export function backgroundWeigher(lex: CompiledLexicon, docs: readonly string[] = keyPointSentences()): Weigher {
  const df = new Map<string, number>();
  for (const d of docs) {
    for (const id of new Set(readClauses(d, lex).flatMap((c) => c.units.map((u) => u.id)))) df.set(id, (df.get(id) ?? 0) + 1);
  }
  const n = docs.length + 1;
  const max = Math.log(n);
  return (id) => {
    const idf = Math.log(n / ((df.get(id) ?? 0) + 1));
    const base = 0.35 + 1.05 * Math.max(0, idf) / max;
    return id.startsWith("c:") ? base * 1.15 : base;
  };
}
