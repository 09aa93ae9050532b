/**
 * The core's hot paths on PostgreSQL (issue 21), each beside raw `pg` doing the same job on the
 * same server in the same run: seeding, answering (alone and 50 at once), the big board, and one
 * member's daily cap fought over by two hosts. No absolute targets: the machine is shared, so the
 * figures are read as ratios to their raw baselines (ratio = ours ÷ raw as each note says).
 */
import pg from "pg";
import { commands } from "../src/bot/commands/index.js";
import { actions } from "../src/bot/actions/index.js";
import { createDispatcher } from "../src/bot/dispatcher.js";
import type { BotEvent } from "../src/bot/event.js";
import type { Repos } from "../src/storage/index.js";
import { periodsOf } from "../src/bot/services/points.js";
import type { Curriculum } from "../src/curriculum/loader.js";
import { closePgDatabase, openPgDatabase, type PgDb } from "../src/storage/pg/db.js";
import { createPgRepos } from "../src/storage/pg/index.js";
import { insertRows, PG_BIG_SPACE, seedBigSpace, type PgSizes } from "./pg-seed.js";
import type { Figure } from "./run.js";
import { rng, round } from "./stats.js";

const quietLogger = { info() {}, warn() {}, error() {} };
const ZONE = "Asia/Kolkata";

/** The q-quantile of samples (ms), rounded as the other figures. */
export function quantile(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return round(s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0);
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1_000));

/** Seeding: our repos (member, then an award: ledger row + total) vs multi-row INSERTs of the same rows. */
export async function benchPgSeeding(db: PgDb, repos: Repos, sizes: PgSizes, now: Date): Promise<{ figures: Figure[]; big: { first: number; count: number } }> {
  let big = { first: 1, count: 0 };
  const rawMs = await timed(async () => { big = await seedBigSpace(db.$client, sizes.bigSpace, now); });
  const space = "discord:pgseed";
  await repos.spaces.ensure({ id: space, platform: "discord" }, ZONE);
  // Ten in flight: as many as the pool has connections, as a busy process would use them.
  const oursMs = await timed(() => inParallel(sizes.repoSeed, 10, async (i) => {
    const m = await repos.members.ensure(space, { id: `seed${i}`, name: `seeded ${i}` });
    await repos.points.award(space, m.id, { ref: `seed-${i}`, points: 1 + (i % 50), reason: "quiz", periods: ["all"] }, now);
  }));
  const [ours, raw] = [perSecond(sizes.repoSeed, oursMs), perSecond(sizes.bigSpace, rawMs)];
  return {
    big,
    figures: [{
      name: "seeding through our repos", unit: "members/s", ours, baseline: raw, ratio: round(ours / raw, 3), target: "—", pass: true,
      note: `a member = member row + ledger row + all-time total (+ its rank-tree trigger); ours: members.ensure + points.award, 10 in flight, ${sizes.repoSeed} members; raw: multi-row INSERT … SELECT unnest($1…), 5,000 rows a statement, ${sizes.bigSpace} members; ratio = ours ÷ raw`,
    }],
  };
}

async function inParallel(n: number, width: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => { while (next < n) await fn(next++); }));
}

function coreDispatcher(db: PgDb, curriculum: Curriculum, now: Date) {
  let ids = 0;
  const random = rng(11);
  const dispatcher = createDispatcher({
    curriculum, ...createPgRepos(db), clock: { now: () => now }, logger: quietLogger, defaultTimezone: ZONE,
    random: { next: random, id: () => `p${(ids++).toString(36)}` },
    scheduler: { isEnabled: false, subscriptionChanged: async () => undefined },
  }, commands, actions);
  const event = (user: string, space: number, kind: BotEvent["kind"], name: string): BotEvent => ({
    platform: "discord", space: { id: `pg${space}` }, channel: { id: "c" },
    user: { id: user, name: `member ${user}`, isAdmin: false }, kind, name, args: kind === "command" ? { format: "mcq" } : {},
    idempotencyKey: `${kind}-${user}-${ids++}`,
  });
  /** Asks `users` a quiz each (outside any timing), 50 at a time; returns each one's answer action. */
  const ask = async (users: string[]): Promise<string[]> => {
    const asked: string[] = [];
    for (let i = 0; i < users.length; i += 50) {
      const replies = await Promise.all(users.slice(i, i + 50).map((u, j) => dispatcher.handle(event(u, (i + j) % 100, "command", "quiz"))));
      for (const reply of replies) asked.push(reply?.blocks.flatMap((b) => (b.kind === "choices" ? b.options : []))[0]?.action ?? "");
    }
    return asked;
  };
  const answer = (user: string, i: number, action: string) => dispatcher.handle(event(user, i % 100, "action", action));
  return { ask, answer };
}

/** A raw single INSERT round trip: one attempt row, a named (server-prepared) statement. */
const rawInsert = (pool: pg.Pool, member: number, key: string, now: Date) => pool.query({
  name: "bench-raw-attempt",
  text: `insert into attempts (space_id, member_id, session_id, question_id, topic, level, format, answer, score, is_correct, created_at)
    values ($1, $2, $3, 'q', 't', 1, 'mcq', 'a', 1, true, $4)`,
  values: [PG_BIG_SPACE, member, key, now],
});

/** Answering through the core (event → graded reply; ActivityRepo.record writes it all), one at a time and 50 at once. */
export async function benchPgAnswer(db: PgDb, curriculum: Curriculum, now: Date, sizes: PgSizes, member: number): Promise<Figure[]> {
  const core = coreDispatcher(db, curriculum, now);
  const warm = 200;
  const users = Array.from({ length: sizes.answers + warm }, (_, i) => `a${i}`);
  const asked = await core.ask(users);
  for (let i = 0; i < warm; i++) { await core.answer(users[i]!, i, asked[i]!); await rawInsert(db.$client, member, `warm-${i}`, now); }
  const ours: number[] = [];
  const raw: number[] = [];
  // Interleaved, so a slow second on the shared machine falls on both sides.
  for (let i = warm; i < users.length; i++) {
    ours.push(await timed(() => core.answer(users[i]!, i, asked[i]!)));
    raw.push(await timed(() => rawInsert(db.$client, member, `raw-${i}`, now)));
  }
  const figures: Figure[] = [];
  for (const [label, q] of [["p50", 0.5], ["p99", 0.99], ["p99.9", 0.999]] as const) {
    const [o, b] = [quantile(ours, q), quantile(raw, q)];
    figures.push({
      name: `answer a quiz through the core, ${label}`, unit: "ms", ours: o, baseline: b, ratio: round(o / b, 2), target: "—", pass: true,
      note: `${sizes.answers} answers one at a time; event → graded reply, one transaction (member lock, claim, attempt, card, ledger, 4 totals + rank tree, streak, event reply); raw: one INSERT round trip; ratio = ours ÷ raw`,
    });
  }
  figures.push(...(await benchPgConcurrent(db, core, now, sizes, member)));
  return figures;
}

async function benchPgConcurrent(db: PgDb, core: ReturnType<typeof coreDispatcher>, now: Date, sizes: PgSizes, member: number): Promise<Figure[]> {
  const width = 50;
  const users = Array.from({ length: (sizes.concurrentRounds + 1) * width }, (_, i) => `c${i}`);
  const asked = await core.ask(users);
  const ours: number[] = [];
  const raw: number[] = [];
  let [oursMs, rawMs] = [0, 0];
  for (let r = 0; r <= sizes.concurrentRounds; r++) {
    const batch = users.slice(r * width, (r + 1) * width);
    const o: number[] = [];
    const b: number[] = [];
    const tO = await timed(() => Promise.all(batch.map(async (u, j) => o.push(await timed(() => core.answer(u, r * width + j, asked[r * width + j]!))))));
    const tB = await timed(() => Promise.all(batch.map(async (_, j) => b.push(await timed(() => rawInsert(db.$client, member, `conc-${r}-${j}`, now))))));
    if (r === 0) continue; // the first round warms both sides
    ours.push(...o); raw.push(...b); oursMs += tO; rawMs += tB;
  }
  const [o, b] = [quantile(ours, 0.99), quantile(raw, 0.99)];
  const n = sizes.concurrentRounds * width;
  return [{
    name: "answer a quiz through the core, 50 concurrent, p99", unit: "ms", ours: o, baseline: b, ratio: round(o / b, 2), target: "—", pass: true,
    note: `${sizes.concurrentRounds} rounds of 50 answers at once from 50 members, on one pool of 10 connections (as each process has); p50 ${quantile(ours, 0.5)} ms (raw ${quantile(raw, 0.5)} ms); ${perSecond(n, oursMs)} answers/s vs ${perSecond(n, rawMs)} raw INSERTs/s; ratio = ours ÷ raw`,
  }];
}

/** Top-10 and "my rank" in the one big space, vs a raw top-10 index scan and the raw count of the members above. */
export async function benchPgBoards(db: PgDb, repos: Repos, n: number, big: { first: number; count: number }): Promise<Figure[]> {
  const random = rng(23);
  const pool = db.$client;
  const where = "space_id = $1 and board = 'space' and period = 'all'";
  const rawTop = () => pool.query({ name: "bench-raw-top", text: `select member_id, points from point_totals where ${where} order by points desc limit 10`, values: [PG_BIG_SPACE] });
  const rawRank = async (m: number) => {
    const mine = await pool.query<{ points: number }>({ name: "bench-raw-mine", text: `select points from point_totals where ${where} and member_id = $2`, values: [PG_BIG_SPACE, m] });
    await pool.query({ name: "bench-raw-above", text: `select count(*) from point_totals where ${where} and points > $2`, values: [PG_BIG_SPACE, mine.rows[0]!.points] });
  };
  const s = { top: [] as number[], rank: [] as number[], rawTop: [] as number[], rawRank: [] as number[] };
  for (let i = 0; i < n + 50; i++) {
    const m = big.first + Math.floor(random() * big.count);
    const t = [await timed(() => repos.points.top(PG_BIG_SPACE, "all", 10)), await timed(rawTop),
      await timed(() => repos.points.standing(PG_BIG_SPACE, "all", m)), await timed(() => rawRank(m))];
    if (i < 50) continue; // warm-up: plans cached, pages in memory
    s.top.push(t[0]!); s.rawTop.push(t[1]!); s.rank.push(t[2]!); s.rawRank.push(t[3]!);
  }
  const members = big.count.toLocaleString("en");
  const fig = (name: string, ours: number[], raw: number[], note: string): Figure => {
    const [o, b] = [quantile(ours, 0.99), quantile(raw, 0.99)];
    return { name, unit: "ms", ours: o, baseline: b, ratio: round(o / b, 2), target: "—", pass: true, note: `p50 ${quantile(ours, 0.5)} ms (raw ${quantile(raw, 0.5)} ms); ${note}; ratio = ours ÷ raw` };
  };
  return [
    fig(`board top-10 in one ${members}-member space, p99`, s.top, s.rawTop, "ours joins names and orders ties by name; raw: the top-10 index scan of point_totals alone"),
    fig(`my rank in one ${members}-member space, p99`, s.rank, s.rawRank, "ours: the member's total + ≤ 31 rank-tree nodes; raw: the member's total + count(*) of the members above"),
  ];
}

/**
 * One member answering through two hosts at once (2 pools × N) against the daily cap of 100:
 * answers/s, ours (ActivityRepo.record) vs the same transaction hand-written (member row lock,
 * claim, attempt, day total, capped ledger row, 4 totals, event reply). Passes when both held the cap.
 */
export async function benchPgCap(url: string, db: PgDb, now: Date, perPool: number): Promise<Figure[]> {
  const space = "discord:pgcap";
  const repos = createPgRepos(db);
  await repos.spaces.ensure({ id: space, platform: "discord" }, ZONE);
  const [oursMember, rawMember] = [await repos.members.ensure(space, { id: "ours", name: "Ours" }), await repos.members.ensure(space, { id: "raw", name: "Raw" })];
  const periods = periodsOf(now, ZONE);
  const cap = { period: periods.day, limit: 100 };
  const sessions = (m: number, tag: string) => Array.from({ length: 2 * perPool }, (_, i) => `${tag}-${i}`).map((id) => [id, space, m, id, "c", now.toISOString()]);
  await insertRows(db.$client, "quiz_sessions", { id: "text", space_id: "text", member_id: "int", question_id: "text", channel_id: "text", created_at: "timestamptz" },
    [...sessions(oursMember.id, "ours"), ...sessions(rawMember.id, "rawcap")]);

  const hosts = [await openPgDatabase(url), await openPgDatabase(url)];
  let oursMs = 0;
  try {
    const all = hosts.flatMap((h, n) => Array.from({ length: perPool }, (_, i) => ({ repos: createPgRepos(h), id: `ours-${n * perPool + i}` })));
    oursMs = await timed(() => Promise.all(all.map(({ repos: r, id }) => r.activities.record({
      spaceId: space, memberId: oursMember.id, at: now,
      attempt: { spaceId: space, memberId: oursMember.id, sessionId: id, questionId: id, topic: "t", level: 1, format: "mcq", answer: "a", score: 1, isCorrect: true, at: now },
      award: { ref: id, points: 10, reason: "quiz", periods: Object.values(periods), cap },
      event: { key: `evt-${id}`, userId: "ours" },
      reply: (points) => ({ visibility: "private", blocks: [], fallback: `+${points}` }),
    }))));
  } finally {
    await Promise.all(hosts.map(closePgDatabase));
  }
  const rawMs = await rawCap(url, space, rawMember.id, now, perPool, Object.values(periods), cap);

  const held = async (m: number) => {
    const r = await db.$client.query<{ day: number; ledger: number; attempts: number }>(`select
      (select coalesce(sum(points), 0)::int from point_totals where member_id = $1 and board = 'space' and period = $2) as day,
      (select coalesce(sum(points), 0)::int from points where member_id = $1) as ledger,
      (select count(*)::int from attempts where member_id = $1) as attempts`, [m, cap.period]);
    const row = r.rows[0]!;
    return row.day === cap.limit && row.ledger === cap.limit && row.attempts === 2 * perPool;
  };
  const pass = (await held(oursMember.id)) && (await held(rawMember.id));
  const [ours, raw] = [perSecond(2 * perPool, oursMs), perSecond(2 * perPool, rawMs)];
  return [{
    name: "daily cap contention: one member, 2 pools × answers at once", unit: "answers/s", ours, baseline: raw, ratio: round(ours / raw, 2),
    target: "cap held on both sides", pass,
    note: `2 pools of 10 (two hosts) × ${perPool} answers for one member, all sent at once; each queues on the member's row lock; ${cap.limit} points awarded of ${2 * perPool * 10} asked, every answer stored once; raw: the same writes hand-written; ratio = ours ÷ raw`,
  }];
}

async function rawCap(url: string, space: string, member: number, now: Date, perPool: number, periods: string[], cap: { period: string; limit: number }): Promise<number> {
  const pools = [new pg.Pool({ connectionString: url, max: 10 }), new pg.Pool({ connectionString: url, max: 10 })];
  const one = async (pool: pg.Pool, id: string) => {
    const c = await pool.connect();
    try {
      await c.query("begin");
      await c.query({ name: "cap-lock", text: "select id from members where id = $1 for no key update", values: [member] });
      const claimed = await c.query({ name: "cap-claim", text: "update quiz_sessions set answered_at = $1 where id = $2 and answered_at is null", values: [now, id] });
      if (claimed.rowCount === 0) return void (await c.query("commit"));
      await c.query({ name: "cap-attempt", text: `insert into attempts (space_id, member_id, session_id, question_id, topic, level, format, answer, score, is_correct, created_at)
        values ($1, $2, $3, $3, 't', 1, 'mcq', 'a', 1, true, $4)`, values: [space, member, id, now] });
      const day = await c.query<{ points: number }>({ name: "cap-day", text: "select points from point_totals where space_id = $1 and board = 'space' and period = $2 and member_id = $3", values: [space, cap.period, member] });
      const awarded = Math.max(0, Math.min(10, cap.limit - (day.rows[0]?.points ?? 0)));
      await c.query({ name: "cap-ledger", text: "insert into points (space_id, member_id, ref, points, reason, created_at) values ($1, $2, $3, $4, 'quiz', $5) on conflict do nothing", values: [space, member, id, awarded, now] });
      if (awarded > 0) {
        await c.query({ name: "cap-totals", text: `insert into point_totals (space_id, board, period, member_id, points) select $1, 'space', p, $2, $3 from unnest($4::text[]) p
          on conflict (space_id, board, period, member_id) do update set points = point_totals.points + excluded.points`, values: [space, member, awarded, periods] });
      }
      await c.query({ name: "cap-event", text: "insert into processed_events (space_id, key, user_id, reply) values ($1, $2, 'raw', $3)", values: [space, `evt-${id}`, { fallback: `+${awarded}` }] });
      await c.query("commit");
    } catch (err) {
      await c.query("rollback");
      throw err;
    } finally {
      c.release();
    }
  };
  try {
    return await timed(() => Promise.all(pools.flatMap((p, n) => Array.from({ length: perPool }, (_, i) => one(p, `rawcap-${n * perPool + i}`)))));
  } finally {
    await Promise.all(pools.map((p) => p.end()));
  }
}
