/**
 * The daily cap under concurrent answers by one member, from two processes on one SQLite file:
 * each record reads the member's day total inside its own BEGIN IMMEDIATE transaction, so the two
 * writers take turns and no day ends above the cap (read outside, both pass it: issue 19).
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { closeDatabase, openDatabase } from "../../src/storage/db.js";
import { createRepos } from "../../src/storage/index.js";

const ROOT = join(import.meta.dirname, "../..");

interface Answerer { ready: Promise<void>; go(): void; done: Promise<{ earned: number }> }

/** A child process that answers once told to go; `ready` when it has loaded and opened its sessions. */
function answerer(args: string[]): Answerer {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/helpers/activity-process.ts", ...args], { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  let markReady!: () => void;
  const ready = new Promise<void>((r) => { markReady = r; });
  child.stdout!.on("data", (d: Buffer) => {
    out += d.toString();
    if (out.startsWith("ready\n")) markReady();
  });
  const done = new Promise<{ earned: number }>((resolve, reject) => {
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!) as { earned: number }) : reject(new Error(`answerer exited ${code}`))));
  });
  return { ready, go: () => child.stdin!.end("go\n"), done };
}

describe("scored activities across processes", () => {
  it("two processes answering as one member never pass the daily cap; every answer is stored once", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "prepcoach-cap-")), "coach.sqlite");
    const db = openDatabase(file);
    const repos = createRepos(db);
    await repos.spaces.ensure({ id: "discord:cap", platform: "discord" }, "UTC");
    const member = await repos.members.ensure("discord:cap", { id: "u", name: "U" });
    await closeDatabase(db);
    const COUNT = 1_500;
    const PERIODS = 100; // 15 answers per period per process: 300 points asked for against a cap of 100
    const children = ["p1", "p2"].map((name) => answerer([file, String(member.id), name, String(COUNT), String(PERIODS)]));
    // Both start together however long each took to load (a fixed start time lost one on a busy machine).
    await Promise.all(children.map((c) => c.ready));
    for (const c of children) c.go();
    const [one, two] = await Promise.all(children.map((c) => c.done));
    const check = openDatabase(file, { backgroundCheckpoints: false });
    const c = check.$client;
    const days = c.prepare("select period, points from point_totals where board = 'space' and member_id = ?").all(member.id) as Array<{ period: string; points: number }>;
    expect(days).toHaveLength(PERIODS);
    expect(days.every((d) => d.points === 100)).toBe(true);
    expect(c.prepare("select sum(points) s from points where member_id = ?").get(member.id)).toEqual({ s: PERIODS * 100 });
    expect(one!.earned + two!.earned).toBe(PERIODS * 100);
    // Both processes really competed: each was awarded part of the total.
    expect(Math.min(one!.earned, two!.earned)).toBeGreaterThan(0);
    expect(c.prepare("select count(*) n from attempts").get()).toEqual({ n: 2 * COUNT });
    expect(c.prepare("select count(*) n from processed_events").get()).toEqual({ n: 2 * COUNT });
    await closeDatabase(check);
  }, 60_000);
});
