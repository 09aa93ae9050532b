/** The dependency direction of DESIGN.md: the core and its data know no platform, queue or database. */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
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

/** Where a relative import lands, from the project root and without its extension ("src/bot/ports"). */
const target = (file: string, spec: string) => (spec.startsWith(".") ? join(dirname(file), spec).replace(/\.js$/, "") : spec);

/** Imports from `dir` into `into` (a folder under the project root), each with where it lands. */
const importsInto = (dir: string, into: string) =>
  importsUnder(dir).map((i) => ({ ...i, to: target(i.file, i.spec) })).filter(({ to }) => to.startsWith(`${into}/`));

/** The ports (src/bot/ports.ts and src/bot/ports/*): the one door from storage into the core. */
const isPort = (to: string) => to === "src/bot/ports" || to.startsWith("src/bot/ports/");

/**
 * What a views file exports that is neither a function nor a type: a domain value (a limit, a
 * rubric) the services would read from a view. Arrow functions in a const count as functions.
 */
function viewValues(file: string, source: string): string[] {
  const found: string[] = [];
  const exported = (n: ts.Node) => ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const node of ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true).statements) {
    if (ts.isExportDeclaration(node) || ts.isExportAssignment(node)) {
      if (!(ts.isExportDeclaration(node) && node.isTypeOnly)) found.push(`${file}: ${node.getText().slice(0, 60)}`);
      continue;
    }
    if (!exported(node) || ts.isFunctionDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) continue;
    if (ts.isVariableStatement(node)) {
      for (const d of node.declarationList.declarations) {
        const init = d.initializer;
        if (!init || !(ts.isArrowFunction(init) || ts.isFunctionExpression(init))) found.push(`${file}: ${d.name.getText()}`);
      }
      continue;
    }
    found.push(`${file}: ${node.getText().slice(0, 60)}`); // a class or an enum
  }
  return found;
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

  it("src/storage reaches the core only through its ports (types, and the helpers that define a port)", () => {
    const intoCore = importsInto("src/storage", "src/bot");
    // The edge is real: every repository implements a port.
    expect(intoCore.filter(({ to }) => isPort(to)).length).toBeGreaterThan(10);
    expect(intoCore.filter(({ to }) => !isPort(to))).toEqual([]);
  });

  it("src/bot/views exports only functions and types: limits and rubrics are the services' (views take them as inputs)", () => {
    const files = readdirSync(join(root, "src/bot/views")).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(5);
    expect(files.flatMap((f) => viewValues(`src/bot/views/${f}`, readFileSync(join(root, "src/bot/views", f), "utf8")))).toEqual([]);
  });

  it("commands and actions never import each other: what both need lives in services/ or views/", () => {
    expect(importsInto("src/bot/commands", "src/bot/actions")).toEqual([]);
    expect(importsInto("src/bot/actions", "src/bot/commands")).toEqual([]);
    // Both do share services: the rule points shared code there rather than forbidding it.
    expect(importsInto("src/bot/commands", "src/bot/services").length).toBeGreaterThan(0);
    expect(importsInto("src/bot/actions", "src/bot/services").length).toBeGreaterThan(0);
  });

  it("the layer checks see the imports and exports they forbid", () => {
    expect(target("src/storage/groups.ts", "../bot/services/groups.js")).toBe("src/bot/services/groups");
    expect(isPort(target("src/storage/groups.ts", "../bot/services/groups.js"))).toBe(false);
    expect(isPort(target("src/storage/groups.ts", "../bot/ports.js"))).toBe(true);
    expect(isPort(target("src/storage/pg/groups.ts", "../../bot/ports/groups.js"))).toBe(true);
    expect(target("src/bot/commands/me.ts", "../actions/me-delete.js")).toBe("src/bot/actions/me-delete");
    const view = [
      "export const MAX = 2_000;", "export const RUBRIC = [{ id: 'a' }] as const;", "export const reply = (n: number) => n;",
      "export function card() {}", "export interface Row { a: number }", "export type Kind = 'a';", "const LOCAL = 1;",
      "export { LOCAL };", "export type { Row as R } from './x.js';",
    ].join("\n");
    expect(viewValues("v.ts", view)).toEqual(["v.ts: MAX", "v.ts: RUBRIC", "v.ts: export { LOCAL };"]);
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
