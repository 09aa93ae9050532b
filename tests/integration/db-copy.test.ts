/**
 * `npm run db:copy` (issue 21) both ways: a SQLite file seeded through the real repositories is
 * copied into a fresh PostgreSQL database (the script, run as an operator runs it), compared
 * through the repositories there, then copied back into a new SQLite file that must hold every
 * row of the first. Also: every table of both schemas is accounted for, a non-empty target is
 * refused, and new rows on a copy get new ids.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Member } from "../../src/bot/ports.js";
import { privateReply, text } from "../../src/bot/reply.js";
import {
  copyStore, CopyRefused, pgEndpoint, pgTables, planCopy, sqliteEndpoint, sqliteTables, TARGET_FILLED, type CopyEndpoint, type TableInfo,
} from "../../src/storage/copy.js";
import { runCopy } from "../../src/storage/copy-cli.js";
import { closeDatabase, openDatabase, type Db } from "../../src/storage/db.js";
import { createRepos, type Repos } from "../../src/storage/index.js";
import { closePgDatabase, openPgDatabase, type PgDb } from "../../src/storage/pg/db.js";
import { createPgRepos } from "../../src/storage/pg/index.js";
import { createTestDatabase } from "../helpers/pg-database.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "prepcoach-copy-"));
const run = promisify(execFile);
const dbCopy = (...args: string[]) => run("npm", ["run", "--silent", "db:copy", "--", ...args], {
  cwd: ROOT, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp" },
});

const SPACE = "discord:G1";
const at = new Date("2026-11-23T09:30:00.123Z");
const later = (min: number) => new Date(at.getTime() + min * 60_000);

/** Through the repositories, something in every table a running bot writes. */
async function seed(r: Repos): Promise<Member[]> {
  await r.spaces.ensure({ id: SPACE, platform: "discord", name: "Guild" }, "Europe/Berlin");
  await r.spaces.ensure({ id: "slack:T1", platform: "slack" }, "UTC");
  const members: Member[] = [];
  for (const [id, name] of [["a", "Asha"], ["b", "Ravi"], ["c", "Zed"], ["d", "ana"]] as const) members.push(await r.members.ensure(SPACE, { id, name }));
  const [a, b, c, d] = members as [Member, Member, Member, Member];
  members.push(await r.members.ensure("slack:T1", { id: "a", name: "Asha" }));
  const group = (await r.groups.create(SPACE, "evening", a.id, at))!;
  await r.groups.join(SPACE, group.id, a.id, at);
  await r.groups.join(SPACE, group.id, b.id, later(1));

  let n = 0;
  const answer = async (m: Member, points: number, format: "mcq" | "free" = "mcq") => {
    const sessionId = `s${++n}`;
    await r.quizzes.open({ id: sessionId, spaceId: m.spaceId, memberId: m.id, questionId: "q-caching-1-01", channelId: "c1", kind: "quiz",
      cardBefore: n % 2 ? null : { due: at.toISOString(), stability: 1.5 } as never, createdAt: later(n) });
    const outcome = await r.activities.record({
      spaceId: m.spaceId, memberId: m.id, at: later(n),
      attempt: { spaceId: m.spaceId, memberId: m.id, sessionId, questionId: "q-caching-1-01", topic: "caching", level: 1, format,
        answer: `answer ${n} of ${m.displayName}`, score: 0.75, isCorrect: true, at: later(n) },
      review: { questionId: "q-caching-1-01", card: { due: later(1440).toISOString(), stability: 2.3, reps: n } as never, due: later(1440), stability: 2.3 },
      award: { ref: `quiz-${sessionId}`, points, reason: "quiz", periods: ["all", "w2026-11-23", "d2026-11-23"], cap: { period: "d2026-11-23", limit: 100 } },
      streak: (s) => ({ memberId: m.id, spaceId: m.spaceId, current: (s?.current ?? 0) + 1, best: (s?.best ?? 0) + 1, freezes: 1, lastDate: "2026-11-23", remindersOn: n % 2 === 0, remindedOn: null }),
      event: { key: `evt-${sessionId}`, userId: m.platformUserId },
      reply: (p) => privateReply("Graded", [text(`**+${p}** points`), { kind: "divider" }], `+${p}`),
    });
    expect(outcome.status).toBe("recorded");
    return sessionId;
  };
  // Ties (b and c) and a member on an odd total exercise the rank tree.
  await answer(a, 10); await answer(a, 7, "free"); await answer(b, 12); await answer(c, 12); await answer(d, 3); await answer(members[4]!, 9);
  expect(await r.quizzes.dispute({ spaceId: SPACE, memberId: a.id, sessionId: "s2", questionId: "q-caching-1-01", keyPoint: 1, point: "TTL", at })).toBe(true);
  expect(await r.points.award(SPACE, c.id, { ref: "round-x", points: 5, reason: "round", periods: ["all"] }, later(30))).toBe(true);

  const sub = await r.subscriptions.upsert({ spaceId: SPACE, channelId: "c1", time: "09:00", timezone: "Europe/Berlin", days: ["mon", "wed"], planId: null,
    startDate: "2026-11-23", createdBy: "a", updatedAt: at });
  await r.subscriptions.upsert({ spaceId: "slack:T1", channelId: "c2", time: "08:00", timezone: "UTC", days: ["fri"], planId: null, startDate: "2026-11-20", createdBy: "a", updatedAt: at });
  await r.deliveries.claim({ spaceId: SPACE, subscriptionId: sub.id, localDate: "2026-11-23", slotAt: at, at, leaseMs: 60_000 });
  await r.deliveries.markPosted({ subscriptionId: sub.id, localDate: "2026-11-23" }, "msg-1");
  await r.deliveries.recordMissed({ spaceId: SPACE, subscriptionId: sub.id, localDate: "2026-11-25", slotAt: later(2880), at: later(2881) });

  await r.rounds.create({ id: "rd1", spaceId: SPACE, channelId: "c1", questionId: "q-caching-1-01", startedBy: a.id, createdAt: at, closesAt: later(5) });
  await r.rounds.answer(SPACE, "rd1", { memberId: a.id, choice: 0, isCorrect: true, answeredAt: later(1) });
  await r.rounds.answer(SPACE, "rd1", { memberId: b.id, choice: 2, isCorrect: false, answeredAt: later(1) });
  const mock = { spaceId: SPACE, problemId: "p-url-shortener", framework: "radio", channelId: "c1", phase: 1, minutes: 45, phaseStartedAt: at, startedAt: at };
  await r.mocks.create({ ...mock, id: "mk1", memberId: a.id, partnerId: null, threadId: "t1", endedAt: later(45), transcript: [{ role: "user", text: "hi" }] as never, ratings: { scope: 3 } as never });
  await r.mocks.create({ ...mock, id: "mk2", memberId: b.id, partnerId: c.id, threadId: null, endedAt: null, transcript: [], ratings: {} });
  await r.pairs.saveScore({ spaceId: SPACE, mockId: "mk2", raterId: c.id, rateeId: b.id, ratings: { scope: 4, depth: 2 }, total: 7.5, at });
  expect(await r.pairs.enqueue({ memberId: d.id, spaceId: SPACE, channelId: "c1", level: 2, queuedAt: at })).toBe(true);
  await r.memberPlans.save({ memberId: a.id, spaceId: SPACE, planId: "tiny", startDate: "2026-11-20", skipped: 1, pausedOn: null, pausedDays: 2 });
  await r.reports.record({ spaceId: SPACE, memberId: b.id, itemId: "q-caching-1-01", kind: "unclear", note: "which cache?", at });
  await r.events.save(SPACE, "evt-plain", privateReply(undefined, [text("hello")]), "d");

  await r.bookings.create({ id: "bk1", spaceId: SPACE, channelId: "c1", memberId: a.id, level: 1, startsAt: later(60), createdAt: at });
  await r.bookings.create({ id: "bk2", spaceId: SPACE, channelId: "c1", memberId: b.id, level: 1, startsAt: later(90), createdAt: at });
  expect(await r.bookings.match({ matchId: "m1", matchAt: later(90), whiteboard: "https://excalidraw.com/#room=x,y", candidate: "bk1", interviewer: "bk2" })).toBe(true);
  await r.roles.setPing(SPACE, "role-ping", at);
  await r.roles.setReward({ spaceId: SPACE, roleId: "r7", kind: "streak", threshold: 7, removeOnBreak: true, createdBy: "a" }, at);
  await r.roles.granted(SPACE, a.id, "r7", at);
  const item = { id: "my-topic", title: "Mine", summary: "ours" };
  await r.banks.replace(SPACE, { format: "yaml", fileName: "bank.yaml", importedAt: at, items: [{ kind: "topic", id: "my-topic", line: 2, item, raw: { title: "Mine", id: "my-topic", summary: "ours" } }] });
  await r.banks.setTopicOff(SPACE, "caching", true);
  return members;
}

/** What a store shows through its repositories: boards, ranks, each member's export. */
async function view(r: Repos, members: readonly Member[]) {
  const groupId = (await r.groups.byName(SPACE, "evening"))!.id;
  const boards = [];
  for (const period of ["all", "w2026-11-23", "d2026-11-23"]) {
    boards.push(await r.points.top(SPACE, period, 10), await r.points.top(SPACE, period, 10, groupId));
    for (const m of members) boards.push(await r.points.standing(m.spaceId, period, m.id), await r.points.standing(m.spaceId, period, m.id, groupId));
  }
  const exports = [];
  for (const m of members) {
    // Rows as a set per table: an export lists a table's rows in storage order, which a copy may change.
    const data = sorted(await r.memberData.export(m)) as Record<string, unknown[]>;
    exports.push(Object.fromEntries(Object.entries(data).map(([t, rows]) => [t, rows.map((x) => JSON.stringify(x)).sort()])));
  }
  return { boards, exports };
}

/** JSON with object keys in order (jsonb keeps its own order) and dates as ISO strings. */
function sorted(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
  return v;
}

/** Every row of every table the copy writes, per table, order-free. */
async function contents(e: CopyEndpoint) {
  return e.read(async (s) => {
    const out: Record<string, string[]> = {};
    for (const t of e.tables.values()) {
      const rows: string[] = [];
      // A rank count that fell to zero stays as a row where it was kept, and is never made by a rebuild.
      const counted = TARGET_FILLED[t.name]?.counts ?? (() => true);
      for await (const page of s.read(t, 1000)) for (const row of page) if (counted(row)) rows.push(JSON.stringify(sorted(row)));
      out[t.name] = rows.sort();
    }
    return out;
  });
}

/** Each table's row count, one query after another: a PostgreSQL transaction is one connection (pg refuses overlapping queries from 9.0). */
const counts = async (e: CopyEndpoint) =>
  e.read(async (s) => {
    const out: Record<string, number> = {};
    for (const t of e.tables.values()) out[t.name] = await s.count(t);
    return out;
  });

let sqliteA: Db;
let pgDb: PgDb;
let pgUrl: string;
let members: Member[];
const drops: Array<() => Promise<void>> = [];
const fileA = join(dir, "prepcoach.db");
const fileB = join(dir, "back.db");

beforeAll(async () => {
  sqliteA = openDatabase(fileA, { backgroundCheckpoints: false });
  members = await seed(createRepos(sqliteA));
  const created = await createTestDatabase();
  drops.push(created.drop);
  pgUrl = created.url;
});
afterAll(async () => {
  await closeDatabase(sqliteA);
  if (pgDb) await closePgDatabase(pgDb);
  for (const drop of drops) await drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("db:copy", () => {
  it("accounts for every table of both schemas: each is copied or filled by the target, and one missing from a dialect stops the copy", () => {
    const names = (m: Map<string, TableInfo>) => [...m.keys()].sort();
    for (const [from, to] of [[sqliteTables(), pgTables()], [pgTables(), sqliteTables()]] as const) {
      const plan = planCopy(from, to, { from: "a", to: "b" });
      const handled = [...plan.tables.map((t) => t.name), ...plan.filled].sort();
      expect(handled, "tables the copy handles = the source schema's tables").toEqual(names(from));
      expect(handled, "tables the copy handles = the target schema's tables").toEqual(names(to));
      expect(plan.filled.sort()).toEqual(Object.keys(TARGET_FILLED).sort());
      // Parents before children: every foreign key points back up the list.
      const order = plan.tables.map((t) => t.name);
      for (const t of plan.tables) for (const p of t.to.parents) expect(order.indexOf(p), `${p} before ${t.name}`).toBeLessThan(order.indexOf(t.name));
    }
    const extra = new Map(sqliteTables());
    extra.set("only_here", { ...extra.get("members")!, name: "only_here" });
    expect(() => planCopy(extra, pgTables(), { from: "sqlite", to: "postgres" })).toThrow(/table only_here is in the sqlite schema but not in the postgres one/);
    const narrow = new Map(pgTables());
    const members = narrow.get("members")!;
    narrow.set("members", { ...members, columns: members.columns.filter((c) => c.name !== "timezone") });
    expect(() => planCopy(sqliteTables(), narrow, { from: "sqlite", to: "postgres" })).toThrow(/column members\.timezone is in the sqlite schema but not in the postgres one/);
  });

  it("SQLite → PostgreSQL: the script copies every row, prints per-table counts, and the boards, ranks and exports read the same", async () => {
    const { stdout } = await dbCopy("--from", `file:${fileA}`, "--to", pgUrl);
    pgDb = await openPgDatabase(pgUrl);
    const [source, target] = [sqliteEndpoint(sqliteA), pgEndpoint(pgDb)];
    const want = await counts(source);
    const got = await counts(target);
    const plan = planCopy(source.tables, target.tables, { from: "sqlite", to: "postgres" });
    for (const t of plan.tables) {
      expect(got[t.name], t.name).toBe(want[t.name]);
      expect(stdout).toMatch(new RegExp(`^  ${t.name} +${want[t.name]} rows$`, "m"));
    }
    for (const name of ["members", "attempts", "points", "point_totals", "mock_bookings", "bank_items", "role_grants", "deliveries"]) expect(want[name], name).toBeGreaterThan(0);
    expect(stdout).toMatch(/^  rank_nodes +\d+ rows, filled by the target itself; same as the source$/m);
    expect(stdout).toContain(`Copied ${plan.tables.reduce((n, t) => n + want[t.name]!, 0)} rows in ${plan.tables.length} tables; id sequences moved past the copied ids.`);

    const pg = createPgRepos(pgDb);
    const sqlite = createRepos(sqliteA);
    const [before, after] = [await view(sqlite, members), await view(pg, members)];
    expect(after).toEqual(before);
    // The rank query reads the rebuilt tree: tied members share a rank, the one below skips it.
    expect((await pg.points.top(SPACE, "all", 10)).map((r) => [r.name, r.points, r.rank])).toEqual([["Asha", 17], ["Zed", 17], ["Ravi", 12], ["ana", 3]].map(([n, p], i) => [n, p, i < 2 ? 1 : i + 1]));
    expect(await pg.points.standing(SPACE, "all", members[1]!.id)).toMatchObject({ points: 12, rank: 3 });
    expect(await pg.bookings.ofMatch("m1")).toEqual(await sqlite.bookings.ofMatch("m1"));
    expect(await pg.banks.get(SPACE)).toEqual(await sqlite.banks.get(SPACE));
    expect(await pg.banks.disabledTopics(SPACE)).toEqual(["caching"]);
    expect(await pg.roles.rewards(SPACE)).toEqual(await sqlite.roles.rewards(SPACE));
  });

  it("PostgreSQL → SQLite: a new file holds every row of the original, and reads the same", async () => {
    const lines: string[] = [];
    await runCopy(["--from", pgUrl, "--to", `file:${fileB}`], (l) => lines.push(l));
    expect(lines.at(-2)).toMatch(/^Copied \d+ rows in \d+ tables\.$/);
    const back = openDatabase(fileB, { backgroundCheckpoints: false });
    try {
      expect(await contents(sqliteEndpoint(back))).toEqual(await contents(sqliteEndpoint(sqliteA)));
      expect(await view(createRepos(back), members)).toEqual(await view(createRepos(sqliteA), members));
      // AUTOINCREMENT followed the copied ids: a new member does not take an erased or copied one.
      const maxId = Math.max(...members.map((m) => m.id));
      expect((await createRepos(back).members.ensure(SPACE, { id: "new", name: "New" })).id).toBe(maxId + 1);
    } finally {
      await closeDatabase(back);
    }
  });

  it("after the copy, PostgreSQL gives new rows new ids (sequences moved past the copied ones)", async () => {
    const pg = createPgRepos(pgDb);
    const maxId = Math.max(...members.map((m) => m.id));
    const fresh = await pg.members.ensure(SPACE, { id: "e", name: "Eve" });
    expect(fresh.id).toBe(maxId + 1);
    expect(await pg.points.award(SPACE, fresh.id, { ref: "after-copy", points: 20, reason: "round", periods: ["all"] }, later(60))).toBe(true);
    expect(await pg.points.standing(SPACE, "all", fresh.id)).toMatchObject({ points: 20, rank: 1 });
    expect((await pg.roles.setReward({ spaceId: SPACE, roleId: "r30", kind: "streak", threshold: 30, removeOnBreak: false, createdBy: "a" }, at)).id).toBeGreaterThan(1);
  });

  it("refuses a target that has rows, naming the tables, and writes nothing", async () => {
    const target = pgEndpoint(pgDb);
    const before = await counts(target);
    const err = await dbCopy("--from", `file:${fileA}`, "--to", pgUrl).then(() => undefined, (e: { code: number; stderr: string }) => e);
    expect(err?.code).toBe(1);
    expect(err?.stderr).toMatch(/^db:copy: the target database is not empty: .*\bspaces \(2 rows\), .*\bmembers \(6 rows\), .*Copy into a new, empty database; nothing was written\.\n$/);
    expect(err?.stderr).not.toMatch(/\n\s+at /);
    expect(await counts(target)).toEqual(before);
    // The same refusal from the function, before any table is touched.
    await expect(copyStore(sqliteEndpoint(sqliteA), target)).rejects.toBeInstanceOf(CopyRefused);
  });

  it("says so plainly when the source file does not exist or an argument is missing", async () => {
    const missing = await dbCopy("--from", `file:${join(dir, "nope.db")}`, "--to", `file:${join(dir, "x.db")}`).then(() => undefined, (e: { stderr: string }) => e);
    expect(missing?.stderr).toBe(`db:copy: no SQLite database at ${join(dir, "nope.db")}\n`);
    await expect(runCopy(["--from", pgUrl], () => undefined)).rejects.toThrow(/--from and --to are both needed/);
  });
});
