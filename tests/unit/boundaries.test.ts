/** The dependency direction of DESIGN.md: the core and its data know no platform, queue or database. */
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const PLATFORM = ["discord.js", "@discordjs/", "@slack/", "bullmq", "ioredis"];
const DATABASE = ["drizzle-orm", "better-sqlite3"];

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

  it("src/curriculum imports nothing from the core or the adapters", () => {
    const bad = importsUnder("src/curriculum").filter(({ spec }) => /\/(bot|adapters|jobs|storage)\//.test(spec));
    expect(bad).toEqual([]);
  });

  it("the check itself sees a banned import when there is one", () => {
    const info = ts.preProcessFile(`import { Client } from "discord.js";\nimport x from "./y.js";`, true, true);
    expect(info.importedFiles.map((i) => i.fileName)).toEqual(["discord.js", "./y.js"]);
  });
});
