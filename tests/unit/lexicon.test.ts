import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readClauses } from "../../src/curriculum/claims.js";
import { compileLexicon, LEXICON_FILE, parseLexicon } from "../../src/curriculum/lexicon.js";
import { words } from "../../src/curriculum/words.js";

const parsed = parseLexicon(readFileSync(LEXICON_FILE, "utf8"));
if (!parsed.success) throw new Error(parsed.error.message);
const lexicon = parsed.data;
const lex = compileLexicon(lexicon);
const unitsOf = (text: string) => readClauses(text, lex).flatMap((c) => c.units.map((u) => u.id));

describe("the lexicon", () => {
  it("is versioned and broad", () => {
    expect(lexicon.version).toBeGreaterThanOrEqual(1);
    expect(lexicon.concepts.length).toBeGreaterThanOrEqual(300);
    expect(Object.keys(lexicon.spellings).length).toBeGreaterThanOrEqual(100);
  });

  // Every way of saying a concept, said alone, is read as that concept (and nothing else claims it).
  it.each(lexicon.concepts.flatMap((c) => c.says.map((say) => [c.id, say] as const)))("%s ← %s", (id, say) => {
    expect(unitsOf(say)).toEqual([`c:${id}`]);
  });

  it.each(Object.entries(lexicon.spellings))("spells %s as %s", (from, to) => {
    expect(words(from, lex.spellings)).toEqual(to.toLowerCase().split(/\s+/));
  });

  it("rejects a concept that names an unknown sibling, and relates siblings both ways", () => {
    expect(parseLexicon("version: 1\nspellings: {}\nconcepts:\n  - { id: a, says: [x], siblings: [b] }\n").success).toBe(false);
    expect(lex.siblings.get("sla")?.has("slo")).toBe(true);
    expect(lex.siblings.get("l7")?.has("l4")).toBe(true);
  });
  it("rejects a concept that names an unknown opposite", () => {
    const broken = parseLexicon("version: 1\nspellings: {}\nconcepts:\n  - { id: a, says: [x], opposite: [b] }\n");
    expect(broken.success).toBe(false);
  });
});
