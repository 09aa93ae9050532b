/**
 * The PostgreSQL bench's own database and data (issue 21). `--db postgres://…/name` names a server
 * and a database we may connect to; the bench never writes there: it creates a fresh database
 * `<name>_bench_<random>` beside it, migrates it through openPgDatabase, and drops it at the end,
 * so a run can neither read stale rows nor damage real ones.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { rng } from "./stats.js";

export interface PgSizes {
  /** Members of the one big space the boards are read from. */
  bigSpace: number;
  /** Answers timed one at a time, and rounds of 50 concurrent answers. */
  answers: number; concurrentRounds: number;
  boardReads: number;
  /** Answers per pool for one member against the daily cap. */
  capPerPool: number;
  /** Members seeded through our repos (the raw side seeds the whole big space). */
  repoSeed: number;
}

export const PG_FULL: PgSizes = { bigSpace: 100_000, answers: 5_000, concurrentRounds: 100, boardReads: 2_000, capPerPool: 500, repoSeed: 2_000 };
export const PG_QUICK: PgSizes = { bigSpace: 10_000, answers: 1_000, concurrentRounds: 20, boardReads: 500, capPerPool: 100, repoSeed: 300 };

export const PG_BIG_SPACE = "discord:big";
/** Rows per multi-row INSERT: parameters are whole arrays (unnest), so one statement carries them all. */
const BATCH = 5_000;

export interface BenchDatabase { url: string; name: string; drop(): Promise<void> }

async function onServer<T>(url: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates `<database of url>_bench_<hex>` on url's server; `drop` removes it, closing what is left connected. */
export async function createBenchDatabase(url: string): Promise<BenchDatabase> {
  const given = new URL(url);
  const base = decodeURIComponent(given.pathname.slice(1)).toLowerCase().replace(/[^a-z0-9_]/g, "_").slice(0, 40) || "postgres";
  const name = `${base}_bench_${randomBytes(4).toString("hex")}`;
  await onServer(url, (c) => c.query(`create database ${name}`));
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(), name,
    drop: () => onServer(url, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

/** One multi-row INSERT per BATCH rows: `columns` as typed arrays through unnest. */
export async function insertRows(q: pg.Pool | pg.PoolClient, table: string, columns: Record<string, string>, rows: unknown[][]): Promise<void> {
  const names = Object.keys(columns);
  const casts = Object.values(columns).map((type, i) => `$${i + 1}::${type}[]`).join(", ");
  const text = `insert into ${table} (${names.join(", ")}) select * from unnest(${casts})`;
  for (let from = 0; from < rows.length; from += BATCH) {
    const chunk = rows.slice(from, from + BATCH);
    await q.query(text, names.map((_, i) => chunk.map((r) => r[i])));
  }
}

/**
 * The big space: members with all-time totals spread over thousands of values (many ties among
 * the low ones, as bench/seed.ts), each with the ledger row behind it. The totals' trigger fills
 * the rank tree as rows arrive. Returns the first member id; ids continue from there.
 */
export async function seedBigSpace(pool: pg.Pool, count: number, now: Date): Promise<{ first: number; count: number }> {
  const random = rng(19);
  await pool.query("insert into spaces (id, platform, timezone) values ($1, 'discord', 'Asia/Kolkata')", [PG_BIG_SPACE]);
  const ids = Array.from({ length: count }, (_, i) => i + 1);
  const pts = ids.map(() => 1 + Math.floor(random() ** 2 * 5_000));
  await insertRows(pool, "members", { id: "int", space_id: "text", platform_user_id: "text", display_name: "text" },
    ids.map((id) => [id, PG_BIG_SPACE, `big${id}`, `member ${id}`]));
  await insertRows(pool, "points", { space_id: "text", member_id: "int", ref: "text", points: "int", reason: "text", created_at: "timestamptz" },
    ids.map((id, i) => [PG_BIG_SPACE, id, `seed-${id}`, pts[i], "quiz", now.toISOString()]));
  await insertRows(pool, "point_totals", { space_id: "text", board: "text", period: "text", member_id: "int", points: "int" },
    ids.map((id, i) => [PG_BIG_SPACE, "space", "all", id, pts[i]]));
  // Explicit ids leave the identity behind: the members the core creates next must not collide.
  await pool.query("select setval('members_id_seq', (select max(id) from members))");
  return { first: 1, count };
}

/** Fresh planner statistics and visibility map after a bulk load, as an operator's load would leave them. */
export async function analyze(pool: pg.Pool): Promise<void> {
  await pool.query("vacuum analyze");
}
