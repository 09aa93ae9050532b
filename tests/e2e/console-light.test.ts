/**
 * Start fast and light: the console (`npm start` through a pipe, no platform tokens) loads neither
 * discord.js nor bolt; their adapters are imported only when their tokens are set (and the
 * PostgreSQL driver only for a postgres:// DATABASE_URL). The bot's
 * process reports what its CommonJS loader loaded (both SDKs are CommonJS) through a preload.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CHART_WIDTH } from "../../src/bot/services/chart.js";
import { pngInfo } from "../fakes/png.js";
import { pipeToConsole, removeTestQueues, ROOT } from "./console-process.js";

const dir = mkdtempSync(join(tmpdir(), "prepcoach-light-"));
afterAll(async () => {
  await removeTestQueues();
  rmSync(dir, { recursive: true, force: true });
});

/** The packages (node_modules/<name>) among loaded files. */
const packagesOf = (files: string[]) => new Set(files.flatMap((f) => f.match(/node_modules[/\\]((?:@[^/\\]+[/\\])?[^/\\]+)/)?.[1]?.replace("\\", "/") ?? []));

describe("the console starts without the platforms' SDKs", () => {
  it("answers a command without loading discord.js or @slack/bolt", async () => {
    const report = join(dir, "loaded.json");
    const { code, output } = await pipeToConsole("/help\n", {
      DATABASE_URL: `file:${join(dir, "coach.db")}`, LOADED_MODULES_FILE: report,
      NODE_OPTIONS: `--import ${join(ROOT, "tests/e2e/loaded-modules.mjs")}`,
    });
    expect(code, output).toBe(0);
    expect(output).toMatch(/quiz/i); // it did answer
    const { files } = JSON.parse(readFileSync(report, "utf8")) as { files: string[] };
    const packages = packagesOf(files);
    // The probe sees CommonJS packages the bot does use, so an empty report cannot pass.
    expect(packages.has("better-sqlite3")).toBe(true);
    // Nor node-postgres: the PostgreSQL store loads only for a postgres:// DATABASE_URL.
    for (const sdk of ["discord.js", "@discordjs/ws", "@slack/bolt", "@slack/web-api", "pg"]) expect(packages.has(sdk), sdk).toBe(false);
  }, 60_000);
});

describe("the /stats chart under npm start (tsx)", () => {
  it("is drawn by the plain-JS worker, which needs no TypeScript loader", async () => {
    const filesDir = join(dir, "files");
    const { code, output } = await pipeToConsole("/quiz caching 1 mcq\n1\n/stats\n", {
      DATABASE_URL: `file:${join(dir, "stats.db")}`, PREPCOACH_FILES_DIR: filesDir,
    });
    expect(code, output).toBe(0);
    const path = /Chart saved to (\S+\.png)/.exec(output)?.[1];
    expect(path, output).toBeDefined();
    expect(pngInfo(readFileSync(path!))).toMatchObject({ isPng: true, width: CHART_WIDTH });
  }, 60_000);
});
