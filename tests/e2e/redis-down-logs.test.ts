/**
 * Redis goes away under a running `npm start`: the log stays bounded and structured (one JSON
 * line per failure kind per minute), with no raw ECONNREFUSED dumps from ioredis or BullMQ; when
 * it comes back empty, the process rebuilds its schedules from the database without a restart.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startThrowawayRedis, type ThrowawayRedis } from "../throwaway-redis.js";
import { startConsole, type ConsoleProcess } from "./console-process.js";

const dir = mkdtempSync(join(tmpdir(), "prepcoach-redis-down-"));
let redis: ThrowawayRedis | undefined;
let app: ConsoleProcess | undefined;
afterAll(async () => {
  await app?.crash();
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("Redis down while the bot runs", () => {
  it("logs one JSON line per failure kind, nothing raw, over several seconds of reconnect attempts", async () => {
    redis = await startThrowawayRedis();
    app = startConsole({ DATABASE_URL: `file:${join(dir, "bot.db")}`, REDIS_URL: redis.url, LOG_LEVEL: "info" });
    let stderr = "";
    app.child.stderr.on("data", (d: Buffer) => { stderr += d.toString(); });
    await app.waitFor(/type \/help to start/, 0, 45_000);
    const from = stderr.length;
    await redis.stop();
    // ioredis retries every 50-2000 ms per connection (six of them here): before the fix this was
    // dozens of JSON lines and as many raw multi-line dumps in a few seconds.
    await app.waitFor(/"msg":"(queue|worker) error"/, 0, 20_000);
    await new Promise((r) => setTimeout(r, 6_000)); // the window under test: what the process writes in it
    const lines = stderr.slice(from).split("\n").filter((l) => l.trim() !== "");
    const parsed = lines.map((l) => { try { return JSON.parse(l) as { kind?: string; level: number }; } catch { return l; } });
    expect(parsed.filter((p) => typeof p === "string")).toEqual([]);
    const errors = (parsed as Array<{ kind?: string; level: number }>).filter((p) => p.level >= 50);
    const kinds = errors.map((e) => e.kind);
    expect(kinds.every((k) => typeof k === "string")).toBe(true);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(errors.length).toBeLessThanOrEqual(8);
    // The console itself still answers.
    const mark = app.output().length;
    app.type("/help");
    await app.waitFor(/quiz/i, mark);
    // Redis comes back empty (no persistence): the reconnect alone has the schedules rebuilt.
    const back = app.output().length;
    await redis.start();
    await app.waitFor(/"msg":"schedules and timers rebuilt"/, back);
  });
});
