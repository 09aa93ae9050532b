/**
 * Redis goes away under a running `npm start`: the log stays bounded and structured (one line
 * per failure kind per minute; on the console a record is a line of text, logger.ts plainLines), with no raw ECONNREFUSED dumps from ioredis or BullMQ; when
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
  it("logs one line per failure kind, nothing raw, over several seconds of reconnect attempts", async () => {
    redis = await startThrowawayRedis();
    app = startConsole({ DATABASE_URL: `file:${join(dir, "bot.db")}`, REDIS_URL: redis.url, LOG_LEVEL: "info" });
    let stderr = "";
    app.child.stderr.on("data", (d: Buffer) => { stderr += d.toString(); });
    await app.waitFor(/type \/help to start/, 0, 45_000);
    const from = stderr.length;
    await redis.stop();
    // ioredis retries every 50-2000 ms per connection (six of them here): before the fix this was
    // dozens of JSON lines and as many raw multi-line dumps in a few seconds.
    await app.waitFor(/prepcoach error: (queue|worker) error/, 0, 20_000);
    await new Promise((r) => setTimeout(r, 6_000)); // the window under test: what the process writes in it
    const lines = stderr.slice(from).split("\n").filter((l) => l.trim() !== "");
    // Every line is one log record ("prepcoach <level>: <msg> (<key>=<value>, …)"): nothing raw.
    const RECORD = /^prepcoach (trace|debug|info|warning|error|fatal): .*$/;
    expect(lines.filter((l) => !RECORD.test(l))).toEqual([]);
    const errors = lines.filter((l) => /^prepcoach (error|fatal): /.test(l));
    const kinds = errors.map((l) => /(?:\(|, )kind=(.+?)(?:, \w+=|\)$)/.exec(l)?.[1]);
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
    await app.waitFor(/prepcoach info: schedules and timers rebuilt/, back);
  });
});
