import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { once } from "node:events";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { createDispatcher, EVENT_MEMORY_DAYS, forgetOldEvents } from "../../src/bot/dispatcher.js";
import { commands } from "../../src/bot/commands/index.js";
import { actions } from "../../src/bot/actions/index.js";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { checkpointNow, checkpointStats, closeDatabase, MIGRATIONS_DIR, openDatabase, WAL_LIMIT_FRAMES, type Db } from "../../src/storage/db.js";
import { createRepos } from "../../src/storage/index.js";
import { attempts, quizSessions } from "../../src/storage/schema.js";
import { createMemoryRepos } from "../fakes/memory-repos.js";
import { FakeClock, makeEvent, miniCurriculum, seededRandom } from "../fakes/core.js";
import { repoContract } from "./repo-contract.js";

const dir = mkdtempSync(join(tmpdir(), "prepcoach-sqlite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshFile = () => join(dir, `db-${++n}`, "prepcoach.db");

// Each case gets a fresh file, closed after it; the teardown checks that the factory's `close`
// ran, as a store that creates a database relies on. No background checkpointer: the tests below
// cover it, and stopping its thread per case would add seconds.
const openFiles = new Set<Db>();
repoContract("sqlite file", () => {
  const db = openDatabase(freshFile(), { backgroundCheckpoints: false });
  openFiles.add(db);
  return { repos: createRepos(db), close: async () => { await closeDatabase(db); openFiles.delete(db); } };
}, { teardown: () => expect([...openFiles].filter((db) => db.$client.open)).toEqual([]) });
repoContract("in-memory twin", async () => createMemoryRepos());

/** A new database file with the committed migrations applied up to (not including) `tag`. */
function migratedBefore(tag: string) {
  const old = join(dir, `before-${tag}-${++n}`);
  mkdirSync(join(old, "meta"), { recursive: true });
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, "meta/_journal.json"), "utf8")) as { entries: Array<{ tag: string }> };
  journal.entries = journal.entries.filter((e) => e.tag < tag);
  writeFileSync(join(old, "meta/_journal.json"), JSON.stringify(journal));
  for (const e of journal.entries) copyFileSync(join(MIGRATIONS_DIR, `${e.tag}.sql`), join(old, `${e.tag}.sql`));
  const file = freshFile();
  mkdirSync(dirname(file), { recursive: true });
  const before = drizzle(new Database(file));
  migrate(before, { migrationsFolder: old });
  return { file, before };
}

describe("SQLite database file", () => {
  it("migrates from empty into WAL mode with every table of the design", () => {
    const db = openDatabase(freshFile());
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    const tables = db.$client.prepare("select name from sqlite_master where type = 'table'").all().map((r) => (r as { name: string }).name);
    for (const t of ["spaces", "members", "subscriptions", "deliveries", "groups", "group_members", "attempts", "reviews",
      "rounds", "round_answers", "mock_sessions", "points", "streaks", "quiz_sessions", "processed_events", "item_reports"]) {
      expect(tables).toContain(t);
    }
  });

  it("checkpoints the WAL in the background, not in the writer below its limit, and closes cleanly", async () => {
    const file = freshFile();
    const db = openDatabase(file);
    expect(db.$client.pragma("wal_autocheckpoint", { simple: true })).toBe((3 * WAL_LIMIT_FRAMES) / 2);
    const insert = db.$client.prepare("insert into spaces (id, platform) values (?, 'console')");
    for (let i = 0; i < 3_000; i++) insert.run(`console:${i}`);
    // Another connection finds every WAL frame copied into the database file: the background
    // thread runs every 0.5 s, so it is asked until then (a busy machine may take a few rounds).
    const status = await (async () => {
      for (const started = Date.now(); ;) {
        const probe = new Database(file);
        const [s] = probe.pragma("wal_checkpoint(PASSIVE)") as Array<{ busy: number; log: number; checkpointed: number }>;
        probe.close();
        if ((s!.log > 0 && s!.checkpointed === s!.log) || Date.now() - started > 20_000) return s;
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    expect(status!.log).toBeGreaterThan(0);
    expect(status!.checkpointed).toBe(status!.log);
    await closeDatabase(db);
    expect(db.$client.open).toBe(false);
  });

  // The WAL file's size (the thread's RESTART keeps it at its high-water mark) against twice the
  // limit: the bench's bound. Each workload runs once with no checkpoints at all to show it would
  // pass the bound, then as the bot runs it, with SQLite's own checkpoint in the writer off so the
  // thread and the writer's guard alone keep it. Counts of writes, not seconds: no timing.
  const WAL_BOUND_BYTES = 2 * WAL_LIMIT_FRAMES * (4_096 + 24) + 32;
  const largestWal = async (checkpoints: boolean, write: (db: Db) => Iterable<unknown> | AsyncIterable<unknown>) => {
    const file = freshFile();
    const db = openDatabase(file, { backgroundCheckpoints: checkpoints });
    db.$client.pragma("wal_autocheckpoint = 0");
    let largest = 0;
    for await (const _ of write(db)) largest = Math.max(largest, statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);
    const stats = await checkpointStats(db);
    const truncated = checkpoints ? checkpointNow(db) && statSync(`${file}-wal`).size === 0 : undefined;
    await closeDatabase(db);
    return { largest, stats, truncated };
  };

  it("keeps the WAL under twice its limit under a bulk load (1,000-row transactions back to back), and truncates it after", async () => {
    function* bulk(db: Db) {
      db.$client.exec("create table t (id integer primary key, k text, v text); create index t_k on t (k)");
      const insert = db.$client.prepare("insert into t (k, v) values (?, ?)");
      const batch = db.$client.transaction((from: number) => { for (let i = from; i < from + 1_000; i++) insert.run(`k${(i * 7_919) % 100_003}`, "x".repeat(200)); });
      for (let b = 0; b < 150; b++) { batch(b * 1_000); yield b; }
    }
    const unbounded = await largestWal(false, bulk);
    const bounded = await largestWal(true, bulk);
    expect(unbounded.largest).toBeGreaterThan(2 * WAL_BOUND_BYTES);
    expect(bounded.largest).toBeLessThanOrEqual(WAL_BOUND_BYTES);
    expect(bounded.stats!.writerCheckpoints).toBeGreaterThan(0);
    expect(bounded.truncated).toBe(true); // the loader's closing checkpoint gets in beside the thread
  });

  it("keeps the WAL under twice its limit under answers' writes that never pause, through the repos", async () => {
    async function* answers(db: Db) {
      db.$client.exec("insert into spaces (id, platform) values ('discord:wal', 'discord')");
      const member = db.$client.prepare("insert into members (id, space_id, platform_user_id, display_name) values (?, 'discord:wal', ?, ?)");
      db.$client.transaction(() => { for (let m = 1; m <= 5_000; m++) member.run(m, `u${m}`, `member ${m}`); })();
      const { points } = createRepos(db);
      for (let i = 0; i < 12_000; i++) {
        await points.award("discord:wal", 1 + ((i * 7_919) % 5_000), { ref: `wal-${i}`, points: 1 + (i % 17), reason: "quiz", periods: [`w${i % 7}`, `m${i % 3}`, "all"] }, new Date(i));
        if (i % 100 === 0) yield i;
      }
    }
    const unbounded = await largestWal(false, answers);
    const bounded = await largestWal(true, answers);
    expect(unbounded.largest).toBeGreaterThan(WAL_BOUND_BYTES);
    expect(bounded.largest).toBeLessThanOrEqual(WAL_BOUND_BYTES);
    expect(bounded.stats!.restarts).toBeGreaterThan(0); // the thread's RESTARTs get in too (the writer yields to them)
  });

  it("starts the WAL over in the pauses between writes a few ms apart: the writer never parks for a RESTART", async () => {
    // ~50 pages a transaction, one every 20 ms: the WAL passes restartFrames (2,000) every second
    // or so. The thread's passes find a moment with nothing new and leave the reset to the writer.
    async function* paced(db: Db) {
      db.$client.exec("create table t (id integer primary key, v blob)");
      const insert = db.$client.prepare("insert into t (v) values (?)");
      const write = db.$client.transaction(() => { for (let i = 0; i < 50; i++) insert.run(Buffer.alloc(3_500, i)); });
      for (let i = 0; i < 200; i++) {
        write();
        yield i;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    const { stats } = await largestWal(true, paced);
    expect(stats!.quiet).toBeGreaterThan(0);
    expect(stats!.yields).toBe(0);
    expect(stats!.writerCheckpoints).toBe(0);
  });

  it("a write transaction that reads first waits while another connection holds the write lock (the checkpointer's RESTART does)", async () => {
    const file = freshFile();
    const db = openDatabase(file);
    db.$client.exec("insert into spaces (id, platform) values ('discord:lock', 'discord'); insert into members (id, space_id, platform_user_id, display_name) values (1, 'discord:lock', 'u1', 'asha')");
    // Another thread takes the write lock for 300 ms, as a RESTART checkpoint holds it while it copies.
    const holder = new Worker(`
      const { parentPort, workerData } = require("node:worker_threads");
      const db = new (require(workerData.driver))(workerData.file);
      db.exec("begin immediate");
      parentPort.postMessage("locked");
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
      db.exec("commit");
      db.close();
    `, { eval: true, workerData: { file, driver: createRequire(import.meta.url).resolve("better-sqlite3") } });
    await once(holder, "message");
    // groups.create reads (is the name taken?) and then inserts: deferred, the upgrade to a write
    // would fail at once with SQLITE_BUSY; immediate, it waits on busy_timeout and succeeds.
    const group = await createRepos(db).groups.create("discord:lock", "night owls", 1, new Date());
    expect(group?.name).toBe("night owls");
    await once(holder, "exit");
    await closeDatabase(db);
  });

  it("re-opening an existing file applies nothing twice and keeps the data", () => {
    const file = freshFile();
    const db = openDatabase(file);
    db.$client.prepare("insert into spaces (id, platform) values ('console:x', 'console')").run();
    db.$client.close();
    const again = openDatabase(file);
    expect(again.$client.prepare("select count(*) c from spaces").get()).toEqual({ c: 1 });
  });

  it("migration 0003 keeps earlier deliveries and keys the table by (subscription, local date) without a rowid", () => {
    // A database as migrations 0000–0002 left it, with a posted delivery in the old shape.
    const { file, before } = migratedBefore("0003");
    before.$client.exec(`insert into spaces (id, platform) values ('discord:1', 'discord');
      insert into subscriptions (space_id, channel_id, time, timezone, days, start_date, created_by, updated_at)
        values ('discord:1', 'c1', '09:00', 'UTC', 'mon', '2026-11-01', 'u', 0);
      insert into deliveries (space_id, subscription_id, local_date, status, claimed_at, slot_at, message_ref)
        values ('discord:1', 1, '2026-11-23', 'posted', 1, 1, '{"messageId":"m1"}');`);
    expect(before.$client.prepare("select wr from pragma_table_list where name = 'deliveries'").get()).toEqual({ wr: 0 });
    before.$client.close();

    const db = openDatabase(file);
    expect(db.$client.prepare("select subscription_id, local_date, status, message_ref from deliveries").all())
      .toEqual([{ subscription_id: 1, local_date: "2026-11-23", status: "posted", message_ref: '{"messageId":"m1"}' }]);
    expect(db.$client.prepare("select wr from pragma_table_list where name = 'deliveries'").get()).toEqual({ wr: 1 });
    const key = db.$client.prepare("select name from pragma_table_info('deliveries') where pk > 0 order by pk").all();
    expect(key).toEqual([{ name: "subscription_id" }, { name: "local_date" }]);
    // The key refuses a second row for the same day, as the claim relies on.
    expect(() => db.$client.prepare("insert into deliveries (space_id, subscription_id, local_date, status, claimed_at, slot_at) values ('discord:1', 1, '2026-11-23', 'claimed', 2, 2)").run())
      .toThrow(/UNIQUE|PRIMARY KEY/);
  });

  it("migration 0004 closes all but the latest of two open rounds in a channel, then allows one open round per channel", () => {
    const { file, before } = migratedBefore("0004");
    before.$client.exec(`insert into spaces (id, platform) values ('discord:1', 'discord');
      insert into members (id, space_id, platform_user_id, display_name) values (1, 'discord:1', 'u1', 'Asha');
      insert into rounds (id, space_id, channel_id, question_id, started_by, closes_at, created_at) values
        ('r-early', 'discord:1', 'c1', 'q', 1, 5000, 1000), ('r-late', 'discord:1', 'c1', 'q', 1, 6000, 2000),
        ('r-other', 'discord:1', 'c2', 'q', 1, 6000, 2000);`);
    before.$client.close();
    const db = openDatabase(file);
    expect(db.$client.prepare("select id, closed_at from rounds order by id").all()).toEqual([
      { id: "r-early", closed_at: 5000 }, { id: "r-late", closed_at: null }, { id: "r-other", closed_at: null },
    ]);
    const start = db.$client.prepare("insert into rounds (id, space_id, channel_id, question_id, started_by, closes_at) values (?, 'discord:1', 'c1', 'q', 1, 9000)");
    expect(() => start.run("r-again")).toThrow(/UNIQUE/);
    db.$client.prepare("update rounds set closed_at = 7000 where id = 'r-late'").run();
    expect(start.run("r-next").changes).toBe(1);
  });

  it("migration 0008 builds the rank tree from the totals already there, and the triggers keep it after", async () => {
    const { file, before } = migratedBefore("0008");
    // Ranks here: 1 (900), 2, 2 (37 twice), 4 (5) on the space board; a group board and another week beside it.
    before.$client.exec(`insert into spaces (id, platform) values ('discord:1', 'discord');
      insert into members (id, space_id, platform_user_id, display_name) values (1, 'discord:1', 'u1', 'A'), (2, 'discord:1', 'u2', 'B'),
        (3, 'discord:1', 'u3', 'C'), (4, 'discord:1', 'u4', 'D');
      insert into point_totals (space_id, board, period, member_id, points) values ('discord:1', 'space', 'w1', 1, 900),
        ('discord:1', 'space', 'w1', 2, 37), ('discord:1', 'space', 'w1', 3, 37), ('discord:1', 'space', 'w1', 4, 5),
        ('discord:1', 'g1', 'w1', 4, 5), ('discord:1', 'g1', 'w1', 2, 1), ('discord:1', 'space', 'w0', 4, 2000);`);
    before.$client.close();
    const repos = createRepos(openDatabase(file));
    const rank = async (m: number, period = "w1", group?: number) => (await repos.points.standing("discord:1", period, m, group))?.rank;
    expect([await rank(1), await rank(2), await rank(3), await rank(4)]).toEqual([1, 2, 2, 4]);
    expect([await rank(4, "w1", 1), await rank(2, "w1", 1), await rank(4, "w0")]).toEqual([1, 2, 1]);
    await repos.points.award("discord:1", 4, { ref: "late", points: 32, reason: "t", periods: ["w1"] }, new Date());
    expect([await rank(1), await rank(2), await rank(3), await rank(4)]).toEqual([1, 2, 2, 2]);
  });

  it("migration 0007 adds item_reports to a database in use: earlier rows stay, and a report is one per member, item and kind", () => {
    const { file, before } = migratedBefore("0007");
    before.$client.exec(`insert into spaces (id, platform) values ('discord:1', 'discord');
      insert into members (id, space_id, platform_user_id, display_name) values (1, 'discord:1', 'u1', 'Asha');`);
    expect(before.$client.prepare("select name from sqlite_master where name = 'item_reports'").all()).toEqual([]);
    before.$client.close();
    const db = openDatabase(file);
    expect(db.$client.prepare("select display_name from members").all()).toEqual([{ display_name: "Asha" }]);
    const report = db.$client.prepare("insert into item_reports (space_id, member_id, item_id, kind) values ('discord:1', 1, 'q-caching-1-01', ?)");
    expect(report.run("wrong").changes).toBe(1);
    expect(report.run("typo").changes).toBe(1);
    expect(() => report.run("wrong")).toThrow(/UNIQUE/);
    expect(() => db.$client.prepare("insert into item_reports (space_id, member_id, item_id, kind) values ('discord:1', 99, 'd-01', 'typo')").run()).toThrow(/FOREIGN KEY/);
  });

  it("the daily clean-up forgets events older than a week in batches, keeps newer ones, through the age index", async () => {
    const db = openDatabase(freshFile());
    const repos = createRepos(db);
    const now = Date.parse("2026-11-23T03:17:00Z");
    const insert = db.$client.prepare("insert into processed_events (space_id, key, reply, created_at) values ('s', ?, '{}', ?)");
    db.$client.transaction(() => {
      for (let i = 0; i < 12_000; i++) insert.run(`old-${i}`, now - 8 * 86_400_000); // past the week: more than two batches
      for (let i = 0; i < 3; i++) insert.run(`new-${i}`, now - 6 * 86_400_000);
    })();
    expect(await forgetOldEvents({ events: repos.events, clock: { now: () => new Date(now) } })).toBe(12_000);
    expect(db.$client.prepare("select key from processed_events order by key").all()).toEqual([{ key: "new-0" }, { key: "new-1" }, { key: "new-2" }]);
    // The plan walks the age index, not the table.
    const plan = db.$client.prepare("explain query plan select rowid from processed_events where created_at < ? limit 5000").all(now) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(" ")).toContain("processed_events_created");
    expect(EVENT_MEMORY_DAYS).toBe(7);
  });

  it("gives every table with user data a space_id column", () => {
    const db = openDatabase(freshFile());
    const tables = db.$client.prepare("select name from sqlite_master where type = 'table' and name not like '\\_\\_%' escape '\\' and name not like 'sqlite%'").all() as { name: string }[];
    for (const { name } of tables) {
      const cols = (db.$client.prepare(`pragma table_info(${name})`).all() as { name: string }[]).map((c) => c.name);
      // rank_levels holds the constants 0..30 for the rank triggers: no user data.
      expect(cols.includes("space_id") || (name === "spaces" && cols.includes("id")) || name === "rank_levels", name).toBe(true);
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
