/**
 * `me export` / `me delete` against a real SQLite file: two members in one space (and the same
 * person in another space) with rows in every table; after the delete, every table of the schema
 * is searched for the member's id or platform user id in any identifying column.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { is, sql } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeAction } from "../../src/bot/action-ids.js";
import { commands } from "../../src/bot/commands/index.js";
import { actions } from "../../src/bot/actions/index.js";
import { createDispatcher, type Dispatcher } from "../../src/bot/dispatcher.js";
import type { Member } from "../../src/bot/ports.js";
import type { Reply } from "../../src/bot/reply.js";
import type { Db } from "../../src/storage/db.js";
import { openDatabase } from "../../src/storage/db.js";
import { createRepos, type Repos } from "../../src/storage/index.js";
import * as schema from "../../src/storage/schema.js";
import { FakeClock, makeEvent, miniCurriculum, seededRandom } from "../fakes/core.js";

const dir = mkdtempSync(join(tmpdir(), "prepcoach-member-data-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const X = "console:s1";
const Y = "console:s2";
const ASHA = { id: "ua", name: "Asha", isAdmin: false };
const RAVI = { id: "ub", name: "Ravi", isAdmin: false };

/** Written here independently of src/storage/member-tables.ts: which columns name a member. */
const MEMBER_INT = ["member_id", "partner_id", "rater_id", "ratee_id", "created_by", "started_by"];
const USER_TEXT = ["platform_user_id", "user_id", "created_by", "installed_by"];
const tables = (Object.values(schema) as unknown[]).filter((t): t is SQLiteTable => is(t, SQLiteTable)).map((t) => getTableConfig(t));

/** Every row, in every table, that names the member by id or (in their space) by platform user id. */
function rowsNaming(db: Db, m: Member): Record<string, number> {
  const found: Record<string, number> = {};
  for (const t of tables) {
    for (const c of t.columns) {
      const isInt = c.dataType === "number" && (MEMBER_INT.includes(c.name) || (t.name === "members" && c.name === "id"));
      const isUser = c.dataType === "string" && USER_TEXT.includes(c.name);
      if (!isInt && !isUser) continue;
      const where = isInt ? `"${c.name}" = ${m.id}` : `space_id = '${m.spaceId}' and "${c.name}" = '${m.platformUserId}'`;
      const n = (db.$client.prepare(`select count(*) n from "${t.name}" where ${where}`).get() as { n: number }).n;
      if (n) found[`${t.name}.${c.name}`] = n;
    }
  }
  return found;
}
const count = (db: Db, table: string, where = "1") => (db.$client.prepare(`select count(*) n from "${table}" where ${where}`).get() as { n: number }).n;

describe("me export / me delete on SQLite", () => {
  let db: Db;
  let repos: Repos;
  let dispatcher: Dispatcher;
  let clock: FakeClock;
  let asha: Member, ravi: Member, ashaY: Member;
  let groups: { shared: number; solo: number; ravis: number };
  const say = (user: typeof ASHA, kind: "command" | "action", name: string, args: Record<string, string> = {}, space = "s1") =>
    dispatcher.handle(makeEvent({ kind, name, args, user, space: { id: space } }));

  beforeAll(async () => {
    db = openDatabase(join(dir, "prepcoach.db"));
    repos = createRepos(db);
    clock = new FakeClock();
    dispatcher = createDispatcher({
      curriculum: miniCurriculum(), ...repos, clock, random: seededRandom(), logger: { info() {}, warn() {}, error() {} },
      defaultTimezone: "UTC", scheduler: { isEnabled: false, subscriptionChanged: async () => undefined },
    }, commands, actions);
    const at = clock.now();
    // Everyone answers a quiz through the bot: sessions, attempts, reviews, points, totals, processed events.
    for (const [user, space] of [[ASHA, "s1"], [RAVI, "s1"], [ASHA, "s2"]] as const) {
      const q = await say(user, "command", "quiz", { topic: "caching", level: "1" }, space);
      const first = q!.blocks.flatMap((b) => (b.kind === "choices" ? b.options : []))[0]!;
      await say(user, "action", first.action, {}, space);
    }
    // Each disputes a point of their answer ("I covered this"): a grade_disputes row per member.
    const answered = db.$client.prepare("select space_id, member_id, session_id, question_id from attempts").all() as
      Array<{ space_id: string; member_id: number; session_id: string; question_id: string }>;
    for (const a of answered) {
      await repos.quizzes.dispute({ spaceId: a.space_id, memberId: a.member_id, sessionId: a.session_id, questionId: a.question_id, keyPoint: 0, point: "p", at });
    }
    // Each reports a question through its Report button's kinds: an item_reports row per member.
    for (const [user, space] of [[ASHA, "s1"], [RAVI, "s1"], [ASHA, "s2"]] as const) {
      await say(user, "action", encodeAction({ type: "report.kind", itemId: "q-caching-1-01", kind: "unclear" }), {}, space);
    }
    asha = await repos.members.ensure(X, ASHA);
    ravi = await repos.members.ensure(X, RAVI);
    ashaY = await repos.members.ensure(Y, ASHA);
    // Groups: one Asha shares with Ravi, one she is alone in, one of Ravi's she joined.
    const shared = (await repos.groups.create(X, "Caches", asha.id, at))!;
    const solo = (await repos.groups.create(X, "Solo", asha.id, at))!;
    const ravis = (await repos.groups.create(X, "Ravis", ravi.id, at))!;
    groups = { shared: shared.id, solo: solo.id, ravis: ravis.id };
    await repos.groups.join(X, shared.id, asha.id, at);
    await repos.groups.join(X, shared.id, ravi.id, new Date(at.getTime() + 1_000));
    await repos.groups.join(X, solo.id, asha.id, at);
    await repos.groups.join(X, ravis.id, ravi.id, at);
    await repos.groups.join(X, ravis.id, asha.id, at);
    for (const m of [asha, ravi]) await repos.points.award(X, m.id, { ref: `bonus-${m.id}`, points: 5, reason: "drill", periods: ["all"] }, at);
    await repos.streaks.save({ memberId: asha.id, spaceId: X, current: 3, best: 4, freezes: 1, lastDate: "2026-11-22", remindersOn: true, remindedOn: null });
    await repos.streaks.save({ memberId: ravi.id, spaceId: X, current: 1, best: 1, freezes: 0, lastDate: "2026-11-22", remindersOn: true, remindedOn: null });
    // Rounds: one Asha started (Ravi answered too), one Ravi started that she answered.
    const closesAt = new Date(at.getTime() + 300_000);
    await repos.rounds.create({ id: "r-asha", spaceId: X, channelId: "c1", questionId: "q-caching-1-01", startedBy: asha.id, createdAt: at, closesAt });
    await repos.rounds.create({ id: "r-ravi", spaceId: X, channelId: "c2", questionId: "q-caching-1-01", startedBy: ravi.id, createdAt: at, closesAt });
    for (const r of ["r-asha", "r-ravi"]) {
      for (const m of [asha, ravi]) await repos.rounds.answer(X, r, { memberId: m.id, choice: 0, isCorrect: true, answeredAt: at });
    }
    // Mocks: Asha's solo mock, a peer mock of Ravi's with Asha interviewing, one of Asha's with Ravi interviewing.
    const mock = (id: string, memberId: number, partnerId: number | null) => repos.mocks.create({
      id, spaceId: X, memberId, partnerId, problemId: "p-url-shortener", framework: "radio", channelId: "c1", threadId: `t-${id}`,
      phase: 0, minutes: 45, phaseStartedAt: at, startedAt: at, endedAt: null, transcript: [], ratings: {},
    });
    await mock("mk-asha", asha.id, null);
    await mock("mk-ravi-peer", ravi.id, asha.id);
    await mock("mk-asha-peer", asha.id, ravi.id);
    await mock("mk-ravi-solo", ravi.id, null);
    for (const mockId of ["mk-ravi-peer", "mk-asha-peer"]) {
      await repos.pairs.saveScore({ spaceId: X, mockId, raterId: asha.id, rateeId: ravi.id, ratings: { c: 1 }, total: 80, at });
      await repos.pairs.saveScore({ spaceId: X, mockId, raterId: ravi.id, rateeId: asha.id, ratings: { c: 0.6 }, total: 60, at });
    }
    await repos.pairs.enqueue({ memberId: asha.id, spaceId: X, channelId: "c1", level: 1, queuedAt: at });
    // A scheduled mock Asha and Ravi were matched for (issue 22): each row names the other as partner.
    for (const [id, m] of [["bk-asha", asha], ["bk-ravi", ravi]] as const) {
      await repos.bookings.create({ id, spaceId: X, channelId: "c1", memberId: m.id, level: 1, startsAt: at, createdAt: at });
    }
    await repos.bookings.match({ matchId: "bm-1", matchAt: at, whiteboard: "https://excalidraw.com/#room=a,b", candidate: "bk-asha", interviewer: "bk-ravi" });
    // Each follows a plan of their own (Asha in both spaces).
    for (const m of [asha, ravi, ashaY]) {
      await repos.memberPlans.save({ memberId: m.id, spaceId: m.spaceId, planId: "tiny", startDate: "2026-11-22", skipped: 1, pausedOn: null, pausedDays: 0 });
    }
    // Channel schedules Asha set up as an admin, in both spaces, and a delivery of one.
    for (const spaceId of [X, Y]) {
      await repos.subscriptions.upsert({ spaceId, channelId: "daily", time: "09:00", timezone: "UTC", days: ["mon"], planId: null, startDate: "2026-11-23", createdBy: ASHA.id, updatedAt: at });
    }
    const sub = (await repos.subscriptions.get(X, "daily"))!;
    await repos.deliveries.claim({ spaceId: X, subscriptionId: sub.id, localDate: "2026-11-23", slotAt: at, at, leaseMs: 60_000 });
    // Roles (issue 22): the space's ping, a reward Asha set as an admin, reward roles both hold.
    await repos.roles.setPing(X, "role-ping", at);
    await repos.roles.setReward({ spaceId: X, roleId: "role-7", kind: "streak", threshold: 7, removeOnBreak: true, createdBy: ASHA.id }, at);
    for (const m of [asha, ravi]) await repos.roles.granted(X, m.id, "role-7", at);
    // A space's own bank names no member: erasing one leaves it (the seed reaches its tables all the same).
    const bankTopic = { id: "own-topic", title: "Own", summary: "s" };
    await repos.banks.replace(X, { format: "yaml", fileName: "bank.yaml", importedAt: at, items: [{ kind: "topic", id: "own-topic", line: 2, item: bankTopic, raw: bankTopic }] });
    // The app installations (Slack OAuth) Asha made, in both spaces: the installer's user id names her.
    for (const [spaceId, botToken] of [[X, "xoxb-secret-x"], [Y, "xoxb-secret-y"]] as const) {
      await repos.installations.save({
        spaceId: spaceId, workspaceId: spaceId, workspaceName: null, enterpriseId: null, appId: null, botToken, botUserId: "UB", botId: null,
        scopes: ["commands"], installedBy: ASHA.id, installedAt: at, updatedAt: at,
      });
    }
  });

  it("the seed reaches every table of the schema, and every reference to members is a column checked here", () => {
    for (const t of tables) expect(count(db, t.name), t.name).toBeGreaterThan(0);
    const toMembers = tables.flatMap((t) => t.foreignKeys.map((fk) => fk.reference())
      .filter((r) => getTableConfig(r.foreignTable).name === "members").flatMap((r) => r.columns.map((c) => c.name)));
    expect(toMembers.length).toBeGreaterThan(5);
    for (const name of toMembers) expect(MEMBER_INT).toContain(name);
  });

  it("exports every table holding Asha's rows, and nothing that isn't hers", async () => {
    const reply = await say(ASHA, "command", "me", { action: "export" });
    const file = reply!.files![0]!;
    expect(file).toMatchObject({ name: `prepcoach-${asha.id}.json`, contentType: "application/json" });
    const { tables: data } = JSON.parse(Buffer.from(file.data, "base64").toString("utf8")) as { tables: Record<string, Array<Record<string, unknown>>> };
    const holding = Object.keys(rowsNaming(db, asha)).map((k) => k.split(".")[0]!);
    expect(Object.keys(data).sort()).toEqual([...new Set(holding)].sort());
    expect(Object.keys(data)).toEqual(expect.arrayContaining(["members", "attempts", "reviews", "points", "point_totals", "groups", "group_members",
      "streaks", "rounds", "round_answers", "mock_sessions", "peer_scores", "pair_queue", "processed_events", "subscriptions", "quiz_sessions",
      "member_plans", "item_reports", "slack_installations"]));
    // The installation she made is in it, but never the workspace's bot token.
    expect(data.slack_installations).toEqual([expect.objectContaining({ spaceId: X, installedBy: ASHA.id, botToken: "(redacted)" })]);
    expect(Buffer.from(file.data, "base64").toString("utf8")).not.toContain("xoxb-secret");
    const ids = [asha.id];
    const names = (row: Record<string, unknown>) =>
      ["memberId", "partnerId", "raterId", "rateeId", "startedBy", "createdBy"].some((k) => ids.includes(row[k] as number)) ||
      row.platformUserId === ASHA.id || row.userId === ASHA.id || row.createdBy === ASHA.id || row.installedBy === ASHA.id || row.id === asha.id;
    for (const [table, rows] of Object.entries(data)) for (const row of rows) expect(names(row), `${table} ${JSON.stringify(row)}`).toBe(true);
    expect(data.members).toEqual([expect.objectContaining({ id: asha.id, spaceId: X })]);
    expect(data.subscriptions!.every((s) => s.spaceId === X)).toBe(true); // not her schedule in the other space
    expect(data.processed_events!.every((e) => e.spaceId === X)).toBe(true);
  });

  it("erases every row of Asha's after a confirm, keeps everyone else's, and boards drop her at once", async () => {
    const board = async (groupId?: number) => (await repos.points.top(X, "all", 10, groupId)).map((r) => r.name);
    expect((await board()).sort()).toEqual(["Asha", "Ravi"]);
    const ravisBefore = rowsNaming(db, ravi);
    const elsewhereBefore = rowsNaming(db, ashaY);

    const ask = await say(ASHA, "command", "me", { action: "delete" });
    const erase = ask!.blocks.flatMap((b) => (b.kind === "choices" ? b.options : [])).find((o) => o.label === "Erase my data")!;
    const forged = await say(RAVI, "action", erase.action);
    expect(JSON.stringify(forged)).toContain("isn't yours");
    expect(rowsNaming(db, asha)["members.id"]).toBe(1);

    const done: Reply | undefined = await say(ASHA, "action", erase.action);
    expect(done?.title).toBe("Your data is erased");
    expect(rowsNaming(db, asha)).toEqual({});
    expect(await board()).toEqual(["Ravi"]);
    expect(await board(groups.shared)).toEqual(["Ravi"]);

    // Shared rows outlive her, unlinked; Ravi's own rows are untouched.
    expect(db.select().from(schema.groups).all().map((g) => [g.name, g.createdBy]).sort())
      .toEqual([["Caches", ravi.id], ["Ravis", ravi.id]]); // "Solo" had only her: gone
    expect(count(db, "rounds", "id = 'r-asha' and started_by = 0")).toBe(1);
    expect(count(db, "round_answers", `member_id = ${ravi.id}`)).toBe(2);
    expect(count(db, "mock_sessions", "id = 'mk-ravi-peer' and partner_id is null")).toBe(1);
    expect(count(db, "mock_sessions", "id = 'mk-asha-peer'")).toBe(0);
    expect(count(db, "subscriptions", `space_id = '${X}' and created_by = 'deleted-member'`)).toBe(1);
    // A role reward she set is the space's: it stays, without her id; Ravi's reward role stays recorded.
    expect(count(db, "role_rewards", `space_id = '${X}' and created_by = 'deleted-member'`)).toBe(1);
    expect(count(db, "role_grants", `member_id = ${ravi.id}`)).toBe(1);
    expect(count(db, "deliveries")).toBe(1);
    // The workspace keeps the app she installed (its token too); only her name as installer goes, in this space only.
    expect(await repos.installations.find(X)).toMatchObject({ installedBy: null, botToken: "xoxb-secret-x" });
    expect((await repos.installations.find(Y))?.installedBy).toBe(ASHA.id);
    expect(await repos.memberPlans.get(asha.id)).toBeUndefined();
    expect((await repos.memberPlans.get(ashaY.id))?.spaceId).toBe(Y);
    // Of Ravi's rows only those naming Asha too are gone (the peer scores between them, her peer mock
    // he interviewed in); he now owns the group they shared.
    // Her scheduled-mock booking (naming him as partner) goes; his stays, its partner unlinked.
    const { "peer_scores.rater_id": _r, "peer_scores.ratee_id": _e, "mock_sessions.partner_id": _p, "mock_bookings.partner_id": _b, ...kept } = ravisBefore;
    expect([_r, _e, _p, _b]).toEqual([2, 2, 1, 1]);
    expect(count(db, "mock_bookings", "id = 'bk-ravi' and partner_id is null")).toBe(1);
    expect(rowsNaming(db, ravi)).toEqual({ ...kept, "groups.created_by": 2 });
    expect(rowsNaming(db, ashaY)).toEqual(elsewhereBefore);
    // The confirm's own stored reply does not carry her user id (checked above); it exists, without it.
    expect(count(db, "processed_events", `space_id = '${X}' and user_id is null`)).toBe(1);
  });

  it("lets the same person use the bot again afterwards, as a new member", async () => {
    const q = await say(ASHA, "command", "quiz", { topic: "sharding", level: "1" });
    const first = q!.blocks.flatMap((b) => (b.kind === "choices" ? b.options : []))[0]!;
    const graded = await say(ASHA, "action", first.action);
    expect(graded?.title).toMatch(/Correct|Not quite/);
    const fresh = await repos.members.ensure(X, ASHA);
    expect(fresh.id).not.toBe(asha.id);
    expect(count(db, "attempts", `member_id = ${fresh.id}`)).toBe(1);
    expect(db.get<{ n: number }>(sql`select count(*) n from members where platform_user_id = ${ASHA.id}`).n).toBe(2); // here anew, and in the other space
  });
});
