import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDispatcher } from "../../src/bot/dispatcher.js";
import { actions, commands } from "../../src/bot/commands/index.js";
import Database from "better-sqlite3";
import { closeDatabase, openDatabase } from "../../src/storage/db.js";
import { createRepos } from "../../src/storage/index.js";
import { attempts, quizSessions } from "../../src/storage/schema.js";
import { createMemoryRepos } from "../fakes/memory-repos.js";
import { FakeClock, makeEvent, miniCurriculum, seededRandom } from "../fakes/core.js";
import { repoContract } from "./repo-contract.js";

const dir = mkdtempSync(join(tmpdir(), "prepcoach-sqlite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshFile = () => join(dir, `db-${++n}`, "prepcoach.db");

repoContract("sqlite file", () => createRepos(openDatabase(freshFile())));
repoContract("in-memory twin", () => createMemoryRepos());

describe("SQLite database file", () => {
  it("migrates from empty into WAL mode with every table of the design", () => {
    const db = openDatabase(freshFile());
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    const tables = db.$client.prepare("select name from sqlite_master where type = 'table'").all().map((r) => (r as { name: string }).name);
    for (const t of ["spaces", "members", "subscriptions", "deliveries", "groups", "group_members", "attempts", "reviews",
      "rounds", "round_answers", "mock_sessions", "points", "streaks", "quiz_sessions", "processed_events"]) {
      expect(tables).toContain(t);
    }
  });

  it("checkpoints the WAL in the background, never in the writer, and closes cleanly", async () => {
    const file = freshFile();
    const db = openDatabase(file);
    expect(db.$client.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
    const insert = db.$client.prepare("insert into spaces (id, platform) values (?, 'console')");
    for (let i = 0; i < 3_000; i++) insert.run(`console:${i}`);
    await new Promise((r) => setTimeout(r, 1_200));
    // Another connection finds every WAL frame already copied into the database file.
    const probe = new Database(file);
    const [status] = probe.pragma("wal_checkpoint(PASSIVE)") as Array<{ busy: number; log: number; checkpointed: number }>;
    probe.close();
    expect(status!.log).toBeGreaterThan(0);
    expect(status!.checkpointed).toBe(status!.log);
    await closeDatabase(db);
    expect(db.$client.open).toBe(false);
  });

  it("re-opening an existing file applies nothing twice and keeps the data", () => {
    const file = freshFile();
    const db = openDatabase(file);
    db.$client.prepare("insert into spaces (id, platform) values ('console:x', 'console')").run();
    db.$client.close();
    const again = openDatabase(file);
    expect(again.$client.prepare("select count(*) c from spaces").get()).toEqual({ c: 1 });
  });

  it("gives every table with user data a space_id column", () => {
    const db = openDatabase(freshFile());
    const tables = db.$client.prepare("select name from sqlite_master where type = 'table' and name not like '\\_\\_%' escape '\\' and name not like 'sqlite%'").all() as { name: string }[];
    for (const { name } of tables) {
      const cols = (db.$client.prepare(`pragma table_info(${name})`).all() as { name: string }[]).map((c) => c.name);
      expect(cols.includes("space_id") || (name === "spaces" && cols.includes("id")), name).toBe(true);
    }
  });

  it("handles the same event twice once, against the real file", async () => {
    const db = openDatabase(freshFile());
    const dispatcher = createDispatcher({
      curriculum: miniCurriculum(), ...createRepos(db), clock: new FakeClock(), random: seededRandom(),
      logger: { info() {}, warn() {}, error() {} }, defaultTimezone: "UTC",
      scheduler: { isEnabled: false, subscriptionChanged: async () => undefined },
    }, commands, actions);
    const q = await dispatcher.handle(makeEvent({ kind: "command", name: "quiz", args: { topic: "sharding" } }));
    const choice = q?.blocks.flatMap((b) => (b.kind === "choices" ? b.options : []))[0];
    const click = makeEvent({ kind: "action", name: choice!.action, idempotencyKey: "interaction-77" });
    const first = await dispatcher.handle(click);
    const second = await dispatcher.handle({ ...click });
    expect(second).toEqual(first);
    expect(db.select().from(attempts).all()).toHaveLength(1);
    // A second space with the same platform ids sees nothing of the first.
    const other = await dispatcher.handle(makeEvent({ kind: "action", name: choice!.action, space: { id: "s2" } }));
    expect(JSON.stringify(other)).toContain("can't find that question");
    expect(db.select().from(quizSessions).all().every((s) => s.spaceId === "console:s1")).toBe(true);
  });
});
