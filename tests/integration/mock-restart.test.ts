/**
 * Restart mid-interview: process A (the real `npm start` console) starts a solo mock and is
 * SIGKILLed; process B, on the same SQLite file and the same Redis queue prefix, carries on. The
 * phase timers are minutes away, so the test promotes their delayed jobs (their ids are
 * deterministic) to run now: B posts each nudge once, even with a second replica (C) on the queue
 * and the same timer enqueued again, and B's `/mock end` scores lines written in A and in B.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import type { TranscriptLine } from "../../src/bot/ports.js";
import { connectionFor } from "../../src/jobs/connection.js";
import { TIMER_QUEUE, timerJobId, type TimerData } from "../../src/jobs/timers.js";
import { startConsole, type ConsoleProcess } from "../e2e/console-process.js";
import { TEST_REDIS_URL } from "../redis-setup.js";

const dir = mkdtempSync(join(tmpdir(), "prepcoach-mock-restart-"));
const prefix = `test-${randomUUID()}`;
const consoles: ConsoleProcess[] = [];
const queue = new Queue<TimerData>(TIMER_QUEUE, { connection: connectionFor(TEST_REDIS_URL), prefix });

afterAll(async () => {
  for (const c of consoles) await c.crash();
  await queue.close();
  const redis = new Redis(TEST_REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  rmSync(dir, { recursive: true, force: true });
});

const dbFile = join(dir, "prepcoach.db");
const env = { DATABASE_URL: `file:${dbFile}`, QUEUE_PREFIX: prefix, REDIS_URL: TEST_REDIS_URL };

async function boot(): Promise<ConsoleProcess> {
  const p = startConsole(env);
  consoles.push(p);
  await p.waitFor(/type \/help to start/);
  return p;
}

function session(): { id: string; transcript: TranscriptLine[]; endedAt: number | null } {
  const db = new Database(dbFile, { readonly: true });
  try {
    const row = db.prepare("select id, transcript, ended_at from mock_sessions").get() as { id: string; transcript: string; ended_at: number | null };
    return { id: row.id, transcript: JSON.parse(row.transcript) as TranscriptLine[], endedAt: row.ended_at };
  } finally {
    db.close();
  }
}

const until = async (cond: () => boolean | Promise<boolean>, what: string, ms = 30_000) => {
  const start = Date.now();
  while (!(await cond())) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};
const count = (text: string, pattern: RegExp) => text.match(new RegExp(pattern.source, "g"))?.length ?? 0;
const completed = (id: string) => until(async () => (await queue.getJob(id))?.finishedOn !== undefined, `${id} to finish`);

describe("a mock interview survives a restart", () => {
  it("process B continues A's running mock: its timers fire once, and the scorecard covers lines from both", async () => {
    const a = await boot();
    a.type("/mock start p-url-shortener 20");
    await a.waitFor(/Mock interview started/);
    a.type("How many new links per day?");
    await a.waitFor(/100 million new short links per day/);
    a.type("Requirements: shorten and redirect. A Redis cache for hot codes in front of the database.");
    await until(() => session().transcript.length === 3, "A's lines in the transcript");
    const { id } = session();
    const ids = { over: timerJobId("mock-nudge", `${id}-p0-over`), warn: timerJobId("mock-nudge", `${id}-warn5`), wrap: timerJobId("mock-nudge", `${id}-wrap`) };
    for (const jobId of Object.values(ids)) expect(await (await queue.getJob(jobId))?.getState()).toBe("delayed");

    await a.crash();
    const b = await boot();
    const fromB = b.output().length;
    await (await queue.getJob(ids.over))!.promote();
    await b.waitFor(/The time for Requirements is up/, fromB);
    await completed(ids.over);
    // The nudge put B's console in the interview's thread: a plain line joins A's transcript.
    b.type("To grow 10x, shard by code with consistent hashing.");
    await until(() => session().transcript.some((l) => l.text.includes("consistent hashing")), "B's line in the transcript");

    // A second replica on the same queue, the warning promoted twice, then enqueued again as a new
    // job with the same id (as after a lost completion record): one warning in all.
    const c = await boot();
    const warn = (await queue.getJob(ids.warn))!;
    await warn.promote();
    await warn.promote().catch(() => undefined);
    await completed(ids.warn);
    const data = (await queue.getJob(ids.warn))!.data;
    await (await queue.getJob(ids.warn))!.remove();
    await queue.add("mock-nudge", data, { jobId: ids.warn });
    await completed(ids.warn);
    const warned = () => count(b.output(), /Five minutes left/) + count(c.output(), /Five minutes left/);
    expect(warned()).toBe(1);

    const fromEnd = b.output().length;
    b.type("/mock end");
    const card = await b.waitFor(/━━ Scorecard: URL shortener[\s\S]*Rate yourself \(1\/\d\)/, fromEnd);
    expect(card).toMatch(/Requirements you asked about: [^\n]*traffic/);
    expect(card).toMatch(/Components you covered: [^\n]*Cache for hot codes/);
    expect(card).toMatch(/Deep dives you covered: [^\n]*Growing 10x/);
    expect(session().endedAt).not.toBeNull();
    expect(await queue.getJob(ids.wrap)).toBeUndefined(); // ending cancels the wrap-up timer
    expect(count(b.output() + c.output(), /The time for Requirements is up/)).toBe(1);
    expect(session().transcript.filter((l) => l.who === "bot").map((l) => l.text)).toEqual(["timer:over-0", "timer:warn5--1"]);
    b.type("/quit");
    c.type("/quit");
    expect(await b.exited).toBe(0);
    expect(await c.exited).toBe(0);
  }, 120_000);
});
