/** Drives the real `npm start` (console adapter) as a person would: type a line, read the screen. */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";

/** Each console run gets its own queue prefix, so no run's schedules reach another's database. */
const prefixes: string[] = [];
export async function removeTestQueues(redisUrl = "redis://127.0.0.1:6379"): Promise<void> {
  const redis = new Redis(redisUrl);
  for (const p of prefixes.splice(0)) {
    const keys = await redis.keys(`${p}:*`);
    if (keys.length) await redis.del(...keys);
  }
  redis.disconnect();
}

export const ROOT = join(import.meta.dirname, "../..");

/** A scratch folder for a test file's processes, and `remove`: it and the queues they used, for its afterAll. */
export function scratchDir(prefix: string): { dir: string; remove(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    async remove() {
      await removeTestQueues();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Output lines that are neither blank nor npm's own notes about the failed script. */
export const ownLines = (out: string): string[] => out.split("\n").filter((l) => l.trim() !== "" && !/^(npm (ERR!|error)|> )/.test(l.trim()));

export interface ConsoleProcess {
  child: ChildProcessWithoutNullStreams;
  /** Its QUEUE_PREFIX (removed by removeTestQueues); a second process given it shares the queues. */
  prefix: string;
  output(): string;
  /** Resolves with the output since `from` once it matches, or rejects after the timeout. */
  waitFor(pattern: RegExp, from?: number, timeoutMs?: number): Promise<string>;
  type(line: string): void;
  /** Signals the whole process group (npm, tsx, the bot): npm alone does not pass SIGTERM on. */
  signal(name: NodeJS.Signals): void;
  exited: Promise<number | null>;
  /** SIGKILLs npm and everything under it (tsx, node): a crash, not a shutdown. */
  crash(): Promise<void>;
}

export { freePort } from "../free-port.js";

/** `npm start` in the project, unless `run` names another command (e.g. the built `node dist/main.js`). */
export function startConsole(env: Record<string, string>, run: { command: string[]; cwd: string } = { command: ["npm", "start"], cwd: ROOT }): ConsoleProcess {
  const prefix = env.QUEUE_PREFIX ?? `test-${randomUUID()}`;
  if (!prefixes.includes(prefix)) prefixes.push(prefix);
  const child = spawn(run.command[0]!, run.command.slice(1), {
    cwd: run.cwd, detached: true,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", LOG_LEVEL: "warn", QUEUE_PREFIX: prefix, ...env },
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => { out += d.toString(); });
  child.stderr.on("data", (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    prefix,
    output: () => out,
    exited,
    type: (line) => child.stdin.write(`${line}\n`),
    async crash() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(-child.pid!, "SIGKILL");
      await exited;
    },
    signal: (name) => process.kill(-child.pid!, name),
    waitFor(pattern, from = 0, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const started = Date.now();
        const tick = () => {
          const seen = out.slice(from);
          if (pattern.test(seen)) return resolve(seen);
          if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${pattern}; output:\n${out}`));
          setTimeout(tick, 50);
        };
        tick();
      });
    },
  };
}

/** Runs `npm start` with all of `input` piped in at once, as `printf '…' | npm start` does. */
export async function pipeToConsole(input: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const p = startConsole(env);
  p.child.stdin.end(input);
  const code = await p.exited;
  return { code, output: p.output() };
}
