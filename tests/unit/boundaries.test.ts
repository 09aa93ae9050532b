/** The dependency direction of DESIGN.md: the core and its data know no platform, queue or database. */
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { commands } from "../../src/bot/commands/index.js";

const root = join(import.meta.dirname, "../..");
const PLATFORM = ["discord.js", "@discordjs/", "@slack/", "bullmq", "ioredis"];
const DATABASE = ["drizzle-orm", "better-sqlite3"];
/** The model client lives in src/llm behind the ModelPort (issue 20). */
const MODEL = ["openai"];

function importsUnder(dir: string): Array<{ file: string; spec: string }> {
  const out: Array<{ file: string; spec: string }> = [];
  for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    const file = join(entry.parentPath, entry.name);
    const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    for (const i of info.importedFiles) out.push({ file: relative(root, file), spec: i.fileName });
  }
  return out;
}

const offending = (dir: string, banned: string[]) =>
  importsUnder(dir).filter(({ spec }) => banned.some((b) => spec === b || spec.startsWith(b.endsWith("/") ? b : `${b}/`)));

describe("dependency direction", () => {
  it.each(["src/bot", "src/curriculum", "src/storage"])("%s imports no platform SDK or queue", (dir) => {
    expect(importsUnder(dir).length).toBeGreaterThan(0);
    expect(offending(dir, PLATFORM)).toEqual([]);
  });

  it.each(["src/bot", "src/curriculum"])("%s imports no database library", (dir) => {
    expect(offending(dir, DATABASE)).toEqual([]);
  });

  it.each(["src/bot", "src/curriculum", "src/storage"])("%s imports no model client", (dir) => {
    expect(offending(dir, MODEL)).toEqual([]);
    expect(offending("src/llm", MODEL).length).toBeGreaterThan(0);
  });

  it("src/curriculum imports nothing from the core or the adapters", () => {
    const bad = importsUnder("src/curriculum").filter(({ spec }) => /\/(bot|adapters|jobs|storage)\//.test(spec));
    expect(bad).toEqual([]);
  });

  it("src/bot/views imports no service: views take plain inputs, services call views", () => {
    const views = importsUnder("src/bot/views");
    expect(views.length).toBeGreaterThan(0);
    expect(views.filter(({ spec }) => /(^|\/)services\//.test(spec))).toEqual([]);
    // The other direction is the one in use, so the rule guards a real edge.
    expect(importsUnder("src/bot/services").some(({ spec }) => spec.startsWith("../views/"))).toBe(true);
  });

  it("the check itself sees a banned import when there is one", () => {
    const info = ts.preProcessFile(`import { Client } from "discord.js";\nimport x from "./y.js";`, true, true);
    expect(info.importedFiles.map((i) => i.fileName)).toEqual(["discord.js", "./y.js"]);
  });
});

/**
 * "Commands as data" (DESIGN.md): the core writes no command name into a sentence; it writes a
 * reference (command-ref.ts) that each adapter spells. Strings and template parts in src/bot
 * holding `/<command>` are what this finds (imports and comments are not strings).
 */
const COMMAND_LITERAL = new RegExp(`(?<![\\w/.:<>-])/(${[...commands.map((c) => c.name), "coach"].join("|")})\\b`);

function commandLiterals(file: string, source: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      if (COMMAND_LITERAL.test(node.text)) found.push(`${file}: ${node.text.slice(0, 80)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true));
  return found;
}

describe("commands as data", () => {
  it("no string in src/bot names a command: replies carry references that adapters spell", () => {
    const found: string[] = [];
    for (const entry of readdirSync(join(root, "src/bot"), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
      const file = join(entry.parentPath, entry.name);
      found.push(...commandLiterals(relative(root, file), readFileSync(file, "utf8")));
    }
    expect(found).toEqual([]);
  });

  it("no curriculum text names a command either: it is posted as is on every platform", () => {
    const dir = join(root, "src/curriculum/content");
    const found = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith(".yaml"))
      .flatMap((e) => readFileSync(join(e.parentPath, e.name), "utf8").split("\n").map((line, i) => ({ at: `${e.name}:${i + 1}`, line })))
      // An HTTP request line (`PUT /progress`) names a path, not a command.
      .filter(({ line }) => COMMAND_LITERAL.test(line.replace(/\b(GET|POST|PUT|PATCH|DELETE) \/\S+/g, "")))
      .map(({ at, line }) => `${at}: ${line.trim().slice(0, 80)}`);
    expect(found).toEqual([]);
  });

  it("the scan finds a command in a string or a template, and not in comments, paths or units", () => {
    const src = [
      'const a = "Try `/quiz` now";', "const b = `Use /config set ${x} here`;", "const c = `${x} then /mock end`;",
      "// `/review` in a comment", 'const d = "GB/s, 1,200/s, Asia/Kolkata, ./quiz.js";', 'import x from "./review.js";',
    ].join("\n");
    expect(commandLiterals("x.ts", src)).toEqual(["x.ts: Try `/quiz` now", "x.ts: Use /config set ", "x.ts:  then /mock end"]);
  });
});
