/**
 * The PostgreSQL store itself (issue 21): migrating at start under an advisory lock, a clear
 * error when the server is not there, and exactly-once across hosts: the daily cap for one member
 * answering through two hosts at once (the member row lock in src/storage/pg/tx.ts), and one event
 * delivered to both.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closePgDatabase, openPgDatabase, PgOpenError } from "../../src/storage/pg/db.js";
import { openStore } from "../../src/storage/store.js";
import { freePort } from "../free-port.js";
import { createTestDatabase, query } from "../helpers/pg-database.js";

const drops: Array<() => Promise<void>> = [];
afterAll(async () => { for (const d of drops) await d(); });
const fresh = async () => {
  const d = await createTestDatabase();
  drops.push(d.drop);
  return d.url;
};

/** The migrations of migrations/pg, as its journal lists them. */
const PG_MIGRATIONS = (JSON.parse(readFileSync(join(import.meta.dirname, "../../migrations/pg/meta/_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;

describe("PostgreSQL store", () => {
  it("three processes starting at once on an empty database migrate one at a time: each migration applied once, all open", async () => {
    const url = await fresh();
    const dbs = await Promise.all([1, 2, 3].map(() => openPgDatabase(url, { max: 2 })));
    const applied = await query<{ n: number }>(url, "select count(*)::int n from drizzle.__drizzle_migrations");
    // Every migration of migrations/pg, each once.
    expect(applied).toEqual([{ n: PG_MIGRATIONS }]);
    expect(await query(url, "select count(*)::int n from rank_levels")).toEqual([{ n: 31 }]);
    await Promise.all(dbs.map(closePgDatabase));
    // Opening again applies nothing.
    await closePgDatabase(await openPgDatabase(url));
    expect(await query(url, "select count(*)::int n from drizzle.__drizzle_migrations")).toEqual([{ n: PG_MIGRATIONS }]);
  });

  it("says in one line which server it could not reach, without the password", async () => {
    const port = await freePort();
    const url = `postgres://postgres:secret@127.0.0.1:${port}/prepcoach`;
    const err = await openPgDatabase(url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PgOpenError);
    expect((err as Error).message).toBe(`cannot open the database postgres://postgres:***@127.0.0.1:${port}/prepcoach: connect ECONNREFUSED 127.0.0.1:${port}`);
  });

  it("openStore picks the store from the URL: postgres:// and file:", async () => {
    const pgStore = await openStore(await fresh());
    expect(pgStore.dialect).toBe("postgres");
    expect((await pgStore.repos.spaces.ensure({ id: "discord:1", platform: "discord" }, "UTC")).timezone).toBe("UTC");
    await pgStore.close();
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const sqliteStore = await openStore(`file:${join(mkdtempSync(join(tmpdir(), "prepcoach-store-")), "coach.db")}`);
    expect(sqliteStore.dialect).toBe("sqlite");
    expect(await sqliteStore.repos.spaces.get("discord:1")).toBeUndefined();
    await sqliteStore.close();
  });

  it("two hosts answering as one member at once never pass the daily cap; every answer is stored once", async () => {
    // Two pools are two hosts as far as the server can tell: separate connections, separate caches.
    const url = await fresh();
    const hosts = [await openStore(url), await openStore(url)];
    const { repos } = hosts[0]!;
    await repos.spaces.ensure({ id: "discord:cap", platform: "discord" }, "UTC");
    const member = await repos.members.ensure("discord:cap", { id: "u", name: "U" });
    const at = new Date("2026-11-23T10:00:00Z");
    const COUNT = 20; // per host, all at once: 400 points asked for against a cap of 100
    const answers = hosts.flatMap((h, n) => Array.from({ length: COUNT }, (_, i) => ({ h, id: `h${n}-${i}` })));
    for (const { id } of answers) {
      await repos.quizzes.open({ id, spaceId: "discord:cap", memberId: member.id, questionId: id, channelId: "c", kind: "quiz", cardBefore: null, createdAt: at });
    }
    const outs = await Promise.all(answers.map(({ h, id }) => h.repos.activities.record({
      spaceId: "discord:cap", memberId: member.id, at,
      attempt: { spaceId: "discord:cap", memberId: member.id, sessionId: id, questionId: id, topic: "t", level: 1, format: "mcq", answer: "a", score: 1, isCorrect: true, at },
      award: { ref: id, points: 10, reason: "quiz", periods: ["d2026-11-23", "all"], cap: { period: "d2026-11-23", limit: 100 } },
      event: { key: `evt-${id}`, userId: "u" },
      reply: (points) => ({ visibility: "private", blocks: [], fallback: `+${points}` }),
    })));
    const awarded = outs.map((o) => (o.status === "recorded" ? o.award?.points ?? 0 : -1));
    expect(awarded.filter((p) => p === 10)).toHaveLength(10);
    expect(awarded.filter((p) => p === 0)).toHaveLength(2 * COUNT - 10);
    expect(await repos.points.earned("discord:cap", member.id, "d2026-11-23")).toBe(100);
    expect(await query(url, "select sum(points)::int s from points where member_id = $1", [member.id])).toEqual([{ s: 100 }]);
    expect(await query(url, "select count(*)::int n from attempts")).toEqual([{ n: 2 * COUNT }]);
    expect(await query(url, "select count(*)::int n from processed_events")).toEqual([{ n: 2 * COUNT }]);
    // The rank tree moved with the totals: alone on the board, first.
    expect((await hosts[1]!.repos.points.standing("discord:cap", "all", member.id))?.rank).toBe(1);
    await Promise.all(hosts.map((h) => h.close()));
  });

  it("the same event delivered to two hosts at once is recorded once; both get the first reply", async () => {
    const url = await fresh();
    const hosts = [await openStore(url), await openStore(url)];
    const { repos } = hosts[0]!;
    await repos.spaces.ensure({ id: "discord:dup", platform: "discord" }, "UTC");
    const member = await repos.members.ensure("discord:dup", { id: "u", name: "U" });
    const at = new Date("2026-11-23T10:00:00Z");
    await repos.quizzes.open({ id: "s1", spaceId: "discord:dup", memberId: member.id, questionId: "q", channelId: "c", kind: "quiz", cardBefore: null, createdAt: at });
    let n = 0;
    const outs = await Promise.all(hosts.map((h) => h.repos.activities.record({
      spaceId: "discord:dup", memberId: member.id, at,
      attempt: { spaceId: "discord:dup", memberId: member.id, sessionId: "s1", questionId: "q", topic: "t", level: 1, format: "mcq", answer: "a", score: 1, isCorrect: true, at },
      award: { ref: "s1", points: 10, reason: "quiz", periods: ["all"] },
      event: { key: "interaction-1", userId: "u" },
      reply: (points) => ({ visibility: "private", blocks: [], fallback: `reply ${++n}: +${points}` }),
    })));
    expect(outs.map((o) => o.status).sort()).toEqual(["recorded", "replayed"]);
    expect(outs.map((o) => (o.status === "claimed" ? undefined : o.reply?.fallback))).toEqual(["reply 1: +10", "reply 1: +10"]);
    expect(await query(url, "select count(*)::int n from attempts")).toEqual([{ n: 1 }]);
    expect(await repos.points.earned("discord:dup", member.id, "all")).toBe(10);
    await Promise.all(hosts.map((h) => h.close()));
  });
});
