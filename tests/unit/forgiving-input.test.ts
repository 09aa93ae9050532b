/**
 * Forgiving input (issue 15): a left-out argument may be skipped ("/quiz caching free"), a problem
 * is found by its id without `p-` or by its name, and an unknown topic, plan or problem gets the
 * closest ids suggested. Lines go through the console's and Slack's real parsers into the core.
 */
import { describe, expect, it } from "vitest";
import { consoleSpeller } from "../../src/adapters/console/spell.js";
import { parseForCommand } from "../../src/adapters/console/parse.js";
import { parseSlash } from "../../src/adapters/slack/commands.js";
import { expandRefs } from "../../src/bot/command-ref.js";
import { commands } from "../../src/bot/commands/index.js";
import type { Reply } from "../../src/bot/reply.js";
import { closest, editDistance, orList } from "../../src/bot/suggest.js";
import { loadCurriculum } from "../../src/curriculum/loader.js";
import { createTestCore, makeEvent } from "../fakes/core.js";

const curriculum = loadCurriculum();
const find = (name: string) => commands.find((c) => c.name === name);
const textOf = (r: Reply | undefined) => expandRefs(r?.blocks.map((b) => (b.kind === "text" ? b.markdown : "")).join("\n") ?? "", consoleSpeller);

/** A typed console line through the console's parser and the core, as an admin. */
async function typed(line: string, core = createTestCore({ curriculum })) {
  const head = line.slice(1).split(/\s+/)[0]!;
  const { name, args } = parseForCommand(line, find(head));
  const reply = await core.dispatcher.handle(makeEvent({ kind: "command", name, args, user: { id: "u1", name: "Asha", isAdmin: true } }));
  return { core, reply, args };
}

describe("a left-out argument may be skipped", () => {
  it("/quiz caching free: the format without a level, on the console and on Slack", async () => {
    expect(parseForCommand("/quiz caching free", find("quiz")).args).toEqual({ topic: "caching", format: "free" });
    expect(parseSlash("/quiz", "caching free", commands).args).toEqual({ topic: "caching", format: "free" });
    expect(parseSlash("/coach", "quiz caching mcq", commands).args).toEqual({ topic: "caching", format: "mcq" });
    const { reply } = await typed("/quiz caching free");
    expect(reply?.blocks.some((b) => b.kind === "form")).toBe(true); // a free-text question: answered in a form
  });

  it("keeps the schema's own error when a word fits no argument", async () => {
    expect(parseForCommand("/quiz caching 5", find("quiz")).args).toEqual({ topic: "caching", level: "5" });
    expect(textOf((await typed("/quiz caching 5")).reply)).toContain("level must be 1, 2 or 3");
  });
});

describe("a mock problem by id, id without p-, or name", () => {
  it.each(["/mock start p-url-shortener", "/mock start url-shortener", "/mock start url shortener", "/mock start URL Shortener 30"])("%s", async (line) => {
    const { core, reply } = await typed(line);
    expect(reply?.title).toBe("Mock interview started");
    expect(core.outbox.threads[0]!.name).toBe("Mock: URL shortener (bit.ly-like)");
  });

  it.each([["/mock start distributed api rate limiter", "Mock: Distributed API rate limiter"], ["/mock start Flash ticket booking", "Mock: Flash ticket booking (IRCTC Tatkal-style)"]])("%s: by its title", async (line, thread) => {
    const { core } = await typed(line);
    expect(core.outbox.threads[0]!.name).toBe(thread);
  });

  it("the minutes after a two-word name still count", async () => {
    expect(parseForCommand("/mock start url shortener 30", find("mock")).args).toEqual({ action: "start", problem: "url shortener", minutes: "30" });
    expect(parseSlash("/coach", "mock start url shortener 30", commands).args).toEqual({ action: "start", problem: "url shortener", minutes: "30" });
  });
});

describe("did you mean …?", () => {
  it("an unknown topic gets the closest topic ids", async () => {
    expect(textOf((await typed("/quiz cache")).reply)).toBe("There is no topic `cache`. Did you mean `caching`?");
    expect(textOf((await typed("/quiz shardng 2")).reply)).toBe("There is no topic `shardng`. Did you mean `sharding`?");
    expect(textOf((await typed("/round start cachng")).reply)).toBe("There is no topic `cachng`. Did you mean `caching`?");
  });

  it("a topic nothing is near gets the full list", async () => {
    expect(textOf((await typed("/quiz zebra")).reply)).toMatch(/^There is no topic `zebra`\. Topics: api-design, .*caching/);
  });

  it("an unknown plan gets the closest plan ids, wherever a plan is named", async () => {
    expect(textOf((await typed("/plan start thirty")).reply)).toBe("There is no plan `thirty`. Did you mean `thirty-day`?");
    expect(textOf((await typed("/config set plan thirty-days")).reply)).toBe("There is no plan `thirty-days`. Did you mean `thirty-day`?");
    expect(textOf((await typed("/daily seven")).reply)).toBe("There is no plan `seven`. Did you mean `seven-week`?");
    expect(textOf((await typed("/plan start xyz")).reply)).toBe("There is no plan `xyz`. Plans: final-sprint, seven-week, thirty-day.");
  });

  it("an unknown problem gets the closest problem ids", async () => {
    const { core, reply } = await typed("/mock start url shortner");
    expect(textOf(reply)).toBe("There is no problem `url shortner`. Did you mean `p-url-shortener`?");
    expect(core.outbox.threads).toHaveLength(0);
  });

  it("ranks by edit distance and formats the ids as a short list", () => {
    expect(editDistance("cache", "caching")).toBe(3);
    expect(closest("cachng", [{ id: "caching", names: ["caching"] }, { id: "sharding", names: ["sharding"] }])).toEqual(["caching"]);
    expect(closest("", [{ id: "caching", names: ["caching"] }])).toEqual([]);
    expect(orList(["a"])).toBe("`a`");
    expect(orList(["a", "b", "c"])).toBe("`a`, `b` or `c`");
  });
});
