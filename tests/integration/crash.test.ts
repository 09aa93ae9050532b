/**
 * 1,000 subscriptions due at once; the worker process is SIGKILLed mid fan-out and started
 * again: every channel gets its post exactly once.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { localParts } from "../../src/bot/time.js";
import { openDatabase } from "../../src/storage/db.js";
import { createRepos } from "../../src/storage/index.js";
import { MINI_CURRICULUM_DIR } from "../fakes/core.js";
import { TEST_REDIS_URL } from "../redis-setup.js";

const ROOT = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "prepcoach-crash-"));
const prefix = `test-${randomUUID()}`;
const children: ChildProcess[] = [];
let server: Server | undefined;

afterAll(async () => {
  for (const c of children) c.kill("SIGKILL");
  server?.close();
  const redis = new Redis(TEST_REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  rmSync(dir, { recursive: true, force: true });
});

/** A fake platform that, like Discord with enforce_nonce, creates one message per nonce. */
function fakePlatform() {
  const messages = new Map<string, string>();
  let requests = 0;
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => { body += d; });
    req.on("end", () => {
      requests += 1;
      const { nonce } = JSON.parse(body) as { nonce: string };
      if (!messages.has(nonce)) messages.set(nonce, `msg-${messages.size + 1}`);
      // A little latency, as a real platform has, so the kill lands mid fan-out.
      setTimeout(() => { res.setHeader("content-type", "application/json"); res.end(JSON.stringify({ id: messages.get(nonce) })); }, 3);
    });
  });
  return new Promise<{ url: string; messages: Map<string, string>; requests: () => number }>((resolve) => {
    server!.listen(0, "127.0.0.1", () => {
      const port = (server!.address() as { port: number }).port;
      resolve({ url: `http://127.0.0.1:${port}/post`, messages, requests: () => requests });
    });
  });
}

function startWorker(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/helpers/worker-process.ts"], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  return child;
}

const until = async (cond: () => boolean | Promise<boolean>, ms = 60_000) => {
  const start = Date.now();
  while (!(await cond())) {
    if (Date.now() - start > ms) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** A zone where it is now between 01:00 and 23:00, so "a minute ago" is still today there. */
function safeZone(now: Date): string {
  return ["UTC", "Asia/Kolkata", "America/New_York"].find((tz) => {
    const t = localParts(now, tz).time;
    return t > "01:00" && t < "23:00";
  })!;
}

describe("crash mid fan-out", () => {
  it("SIGKILL while posting 1,000 due subscriptions, restart → exactly 1,000 posts, none missing", async () => {
    const dbFile = join(dir, "db.sqlite");
    const db = openDatabase(dbFile);
    const repos = createRepos(db);
    const now = new Date();
    const tz = safeZone(now);
    const due = localParts(new Date(now.getTime() - 60_000), tz);
    const today = localParts(now, tz).date;
    await repos.spaces.ensure({ id: "discord:g", platform: "discord" }, tz);
    const insert = db.$client.prepare(`insert into subscriptions (space_id, channel_id, time, timezone, days, plan_id, start_date, created_by, updated_at)
      values ('discord:g', ?, ?, ?, 'mon,tue,wed,thu,fri,sat,sun', 'tiny', ?, 'admin', ?)`);
    db.$client.transaction(() => { for (let i = 0; i < 1_000; i++) insert.run(`ch${i}`, due.time, tz, today, now.getTime()); })();

    const platform = await fakePlatform();
    const env = { DB_FILE: dbFile, REDIS_URL: TEST_REDIS_URL, PREFIX: prefix, OUTBOX_URL: platform.url, CONTENT_DIR: MINI_CURRICULUM_DIR, LEASE_MS: "3000" };

    const first = startWorker(env);
    await until(() => platform.messages.size >= 250);
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));
    const beforeRestart = platform.messages.size;
    expect(beforeRestart).toBeLessThan(1_000); // the kill really landed mid fan-out

    startWorker(env);
    const posted = () => (db.$client.prepare("select count(*) c from deliveries where status = 'posted'").get() as { c: number }).c;
    await until(() => posted() === 1_000, 90_000);

    expect(platform.messages.size).toBe(1_000);
    const keys = [...platform.messages.keys()];
    expect(new Set(keys).size).toBe(1_000);
    expect(keys.every((k) => k.endsWith(`-${today}`))).toBe(true);
    expect(db.$client.prepare("select count(*) c from deliveries").get()).toEqual({ c: 1_000 });
  }, 150_000);
});
