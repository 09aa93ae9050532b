/**
 * The Docker image's recipe without a Docker engine (this machine kind has none): the files the
 * Dockerfile copies, its build, its production-only prune, and its command, run as a process.
 * It fails when the image would: a runtime package in devDependencies, a file the build or the
 * bot needs that the Dockerfile does not copy, a final stage that runs as root.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { productionCommand } from "../../bench/production-command.js";
import { CHART_HEIGHT, CHART_WIDTH } from "../../src/bot/services/chart.js";
import { pngInfo } from "../fakes/png.js";
import { freePort, removeTestQueues, ROOT, startConsole, type ConsoleProcess } from "./console-process.js";

const dockerfile = readFileSync(join(ROOT, "Dockerfile"), "utf8");
const stages = dockerfile.split(/^FROM /m).slice(1).map((s) => `FROM ${s}`);
const lines = (stage: string, op: string) => stage.split("\n").filter((l) => l.startsWith(`${op} `)).map((l) => l.slice(op.length + 1).trim());
const build = stages[0]!;
const final = stages.at(-1)!;

let dir: string;
let app: ConsoleProcess | undefined;

/** Hard links: 300 MB of packages in seconds. npm rewrites its hidden lockfile in place, so that
 * one file is a real copy (through a link, the prune would rewrite the project's own). A
 * node_modules that is itself a symlink (a git worktree's) is followed: copied as a link, the
 * prune would empty the shared install. */
function copyPackages(from: string, to: string): void {
  const real = realpathSync(from);
  execFileSync("cp", ["-al", real, to]);
  rmSync(join(to, ".package-lock.json"), { force: true });
  if (existsSync(join(real, ".package-lock.json"))) cpSync(join(real, ".package-lock.json"), join(to, ".package-lock.json"));
}

/** A stage's COPY lines: `COPY a b ./dest` from the project, `COPY --from=build /app/x ./x` from the build folder. */
function copyAsDockerfile(stage: string, from: { project: string; build?: string }, into: string): void {
  for (const spec of lines(stage, "COPY")) {
    const parts = spec.split(/\s+/);
    const fromBuild = parts[0]!.startsWith("--from=");
    const base = fromBuild ? from.build! : from.project;
    const sources = fromBuild ? parts.slice(1, -1).map((s) => s.replace(/^\/app\//, "")) : parts.slice(0, -1);
    const dest = parts.at(-1)!;
    for (const src of sources) {
      const target = dest.endsWith("/") ? join(into, dest, src.split("/").at(-1)!) : join(into, dest);
      if (src === "node_modules") copyPackages(join(base, src), target);
      else cpSync(join(base, src), target, { recursive: true });
    }
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "prepcoach-image-"));
  const buildDir = join(dir, "build");
  const appDir = join(dir, "app");
  for (const d of [buildDir, appDir]) mkdirSync(d);
  // Build stage: its COPY lines, the packages as `npm ci` installed them here, then its build and prune.
  copyAsDockerfile(build, { project: ROOT }, buildDir);
  copyPackages(join(ROOT, "node_modules"), join(buildDir, "node_modules"));
  const buildRun = lines(build, "RUN").find((r) => r.includes("npm run build"))!;
  execFileSync("sh", ["-c", buildRun], { cwd: buildDir, stdio: "pipe" });
  // Final stage: only what it copies from the build stage and the project.
  copyAsDockerfile(final, { project: ROOT, build: buildDir }, appDir);
}, 180_000);

afterAll(async () => {
  if (app && app.child.exitCode === null && app.child.signalCode === null) app.signal("SIGKILL");
  await removeTestQueues();
  rmSync(dir, { recursive: true, force: true });
});

describe("the Docker image's recipe, run without Docker", () => {
  it("runs Node 20 as a non-root user in the final stage", () => {
    expect(final).toMatch(/^FROM node:20[\w.-]*/);
    const user = lines(final, "USER").at(-1);
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user);
    expect(final.indexOf(`USER ${user}`)).toBeLessThan(final.indexOf("CMD "));
  });

  it("ships production packages only: the dev tools are pruned", () => {
    const modules = join(dir, "app/node_modules");
    for (const dev of ["typescript", "vitest", "tsx", "drizzle-kit"]) expect(existsSync(join(modules, dev)), dev).toBe(false);
    for (const runtime of ["better-sqlite3", "bullmq", "discord.js", "@slack/bolt", "pino"]) expect(existsSync(join(modules, runtime)), runtime).toBe(true);
  });

  it("starts from the pruned install with its CMD: migrates, answers a command, draws a chart, serves /healthz", async () => {
    const port = await freePort();
    const filesDir = join(dir, "files");
    app = startConsole({
      NODE_ENV: "production", DATABASE_URL: `file:${join(dir, "data/prepcoach.db")}`, HTTP_PORT: String(port), LOG_LEVEL: "warn",
      PREPCOACH_FILES_DIR: filesDir,
    }, { command: productionCommand(ROOT), cwd: join(dir, "app") });
    const health = await waitForHealth(port);
    expect(health).toEqual({ status: "ok", database: "up", redis: "up" });
    app.type("/quiz caching 1 mcq");
    await app.waitFor(/Type a number to choose/, 0, 20_000);
    let mark = app.output().length;
    app.type("1");
    await app.waitFor(/━━ (Correct|Not quite) ━━/, mark, 20_000);
    // The chart is drawn by the worker the build copied into dist (plain JS beside the compiled pool).
    expect(existsSync(join(dir, "app/dist/charts/render-worker.mjs"))).toBe(true);
    mark = app.output().length;
    app.type("/stats");
    const chart = /Chart saved to (\S+\.png)/.exec(await app.waitFor(/Chart saved to \S+\.png/, mark, 30_000))![1]!;
    expect(pngInfo(readFileSync(chart))).toMatchObject({ isPng: true, width: CHART_WIDTH, height: CHART_HEIGHT });
    app.child.stdin.end();
    expect(await app.exited).toBe(0);
  });

  it("compose runs the bot beside a Redis service it points at", () => {
    const compose = parse(readFileSync(join(ROOT, "compose.yaml"), "utf8")) as {
      services: Record<string, { image?: string; build?: string; environment?: Record<string, string> }>;
    };
    const redisHost = new URL(compose.services.bot!.environment!.REDIS_URL!).hostname;
    expect(compose.services[redisHost]?.image).toMatch(/^redis:/);
    expect(compose.services.bot!.build).toBe(".");
  });
});

async function waitForHealth(port: number): Promise<unknown> {
  const started = Date.now();
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      return await res.json();
    } catch (err) {
      if (app?.child.exitCode !== null || Date.now() - started > 30_000) throw new Error(`no /healthz on ${port}: ${String(err)}\n${app?.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
