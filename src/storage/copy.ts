/**
 * Copies one store into another (issue 21, `npm run db:copy`): SQLite → PostgreSQL to scale out,
 * PostgreSQL → SQLite to come back. Generic over the drizzle schemas: every table of both is
 * paired by SQL name and every column by SQL name, so a table added later is copied without a
 * change here, and a table or column one dialect lacks stops the copy before anything is written.
 * Values move as the JS values drizzle reads and writes (Date, boolean, parsed JSON), so each
 * dialect's own encoding (integer ms ↔ timestamptz, 0/1 ↔ boolean, JSON text ↔ jsonb) is drizzle's.
 */
import { count, getTableColumns, getTableName, is, sql, type Column, type SQL } from "drizzle-orm";
import { getTableConfig as pgTableConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./db.js";
import type { PgDb } from "./pg/db.js";
import * as pgSchema from "./pg/schema.js";
import * as sqliteSchema from "./schema.js";

export type Dialect = "sqlite" | "postgres";
type Table = SQLiteTable | PgTable;
type Row = Record<string, unknown>;

export interface ColumnInfo { key: string; name: string; column: Column }
export interface TableInfo { name: string; table: Table; columns: ColumnInfo[]; primaryKey: ColumnInfo[]; parents: string[] }

/**
 * Tables the target fills itself: written by its migration or by its triggers as the copied rows
 * arrive. They are not copied (a copied row would collide with the trigger's), but compared with
 * the source after the copy; `counts` says which rows a rebuild must reproduce.
 */
export const TARGET_FILLED: Readonly<Record<string, { why: string; counts: (row: Row) => boolean }>> = {
  rank_levels: { why: "written by the migration", counts: () => true },
  // A count dropped to zero stays as a row on SQLite (its triggers decrement), never made by a rebuild.
  rank_nodes: { why: "rebuilt by triggers on point_totals", counts: (row) => row.members !== 0 },
};

/** The copy cannot start (schemas differ) or would overwrite data (a non-empty target): nothing was written. */
export class CopyRefused extends Error {
  override readonly name = "CopyRefused";
}

/** Every table of a drizzle schema module, by SQL name. */
export function schemaTables(schema: Record<string, unknown>): Map<string, TableInfo> {
  const tables = new Map<string, TableInfo>();
  for (const value of Object.values(schema)) {
    if (!is(value, SQLiteTable) && !is(value, PgTable)) continue;
    const config = is(value, PgTable) ? pgTableConfig(value) : sqliteTableConfig(value as SQLiteTable);
    const columns = Object.entries(getTableColumns(value)).map(([key, column]) => ({ key, name: column.name, column: column as Column }));
    const byName = (name: string) => columns.find((c) => c.name === name)!;
    const composite = config.primaryKeys[0]?.columns.map((c) => byName(c.name));
    const primaryKey = composite ?? columns.filter((c) => c.column.primary);
    if (primaryKey.length === 0) throw new Error(`${config.name} has no primary key: the copy reads tables in key order`);
    const parents = config.foreignKeys.map((fk) => getTableName(fk.reference().foreignTable)).filter((p) => p !== config.name);
    tables.set(config.name, { name: config.name, table: value, columns, primaryKey, parents: [...new Set(parents)] });
  }
  return tables;
}

export const sqliteTables = () => schemaTables(sqliteSchema);
export const pgTables = () => schemaTables(pgSchema);

type Convert = (value: unknown) => unknown;
export interface ColumnPair { from: ColumnInfo; to: ColumnInfo; convert: Convert }
export interface TablePair { name: string; from: TableInfo; to: TableInfo; columns: ColumnPair[] }
export interface CopyPlan { tables: TablePair[]; filled: string[] }

const same: Convert = (v) => v;
/** JSON kept as plain text on one side (e.g. a SQLite `text` column) and as json/jsonb on the other. */
const CONVERSIONS: Record<string, Convert> = {
  "string>json": (v) => (typeof v === "string" ? JSON.parse(v) : v),
  "json>string": (v) => (v === null || v === undefined ? v : JSON.stringify(v)),
};

/**
 * Pairs every table and column of the two schemas, parents before children. Throws CopyRefused
 * naming every difference: a table or column on one side only, or types that cannot convert.
 */
export function planCopy(from: Map<string, TableInfo>, to: Map<string, TableInfo>, names: { from: string; to: string }): CopyPlan {
  const problems: string[] = [];
  for (const name of from.keys()) if (!to.has(name)) problems.push(`table ${name} is in the ${names.from} schema but not in the ${names.to} one`);
  for (const name of to.keys()) if (!from.has(name)) problems.push(`table ${name} is in the ${names.to} schema but not in the ${names.from} one`);
  const pairs: TablePair[] = [];
  for (const [name, f] of from) {
    const t = to.get(name);
    if (!t) continue;
    const columns: ColumnPair[] = [];
    for (const fc of f.columns) {
      const tc = t.columns.find((c) => c.name === fc.name);
      if (!tc) {
        problems.push(`column ${name}.${fc.name} is in the ${names.from} schema but not in the ${names.to} one`);
        continue;
      }
      const kinds = `${fc.column.dataType}>${tc.column.dataType}`;
      const convert = fc.column.dataType === tc.column.dataType ? same : CONVERSIONS[kinds];
      if (!convert) problems.push(`column ${name}.${fc.name} cannot convert: ${names.from} ${fc.column.getSQLType()} → ${names.to} ${tc.column.getSQLType()}`);
      else columns.push({ from: fc, to: tc, convert });
    }
    for (const tc of t.columns) {
      if (!f.columns.some((c) => c.name === tc.name)) problems.push(`column ${name}.${tc.name} is in the ${names.to} schema but not in the ${names.from} one`);
    }
    pairs.push({ name, from: f, to: t, columns });
  }
  if (problems.length) throw new CopyRefused(`the two schemas differ, so the copy would lose data:\n  ${problems.join("\n  ")}`);
  const ordered = parentsFirst(pairs);
  return { tables: ordered.filter((p) => !(p.name in TARGET_FILLED)), filled: ordered.filter((p) => p.name in TARGET_FILLED).map((p) => p.name) };
}

function parentsFirst(pairs: TablePair[]): TablePair[] {
  const left = new Map(pairs.map((p) => [p.name, p]));
  const out: TablePair[] = [];
  while (left.size) {
    const ready = [...left.values()].filter((p) => p.to.parents.every((parent) => !left.has(parent))).sort((a, b) => (a.name < b.name ? -1 : 1));
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among ${[...left.keys()].join(", ")}`);
    for (const p of ready) {
      out.push(p);
      left.delete(p.name);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Both dialects' query builders, used over tables known only at run time (drizzle types each
// query by its table, so these few calls are typed loosely here and nowhere else).
interface Query extends PromiseLike<Row[]> { where(w: SQL | undefined): Query; orderBy(...c: Column[]): Query; limit(n: number): Query }
interface Loose {
  select(fields?: Record<string, SQL>): { from(t: Table): Query };
  insert(t: Table): { values(rows: Row[]): PromiseLike<unknown> };
}

/** One open transaction on a store: reads in primary-key order, batched inserts. */
export interface Session {
  count(t: TableInfo): Promise<number>;
  /** Rows keyed by SQL column name, `batch` at a time, in primary-key order (keyset paging). */
  read(t: TableInfo, batch: number): AsyncGenerator<Row[]>;
  /** Rows keyed by the table's TS keys. */
  insert(t: TableInfo, rows: Row[]): Promise<void>;
  /** After explicit ids: moves the table's id sequences past them, so new rows don't collide. */
  resetSequences(t: TableInfo): Promise<void>;
}

export interface CopyEndpoint {
  dialect: Dialect;
  tables: Map<string, TableInfo>;
  /** Runs `fn` on one consistent snapshot. */
  read<T>(fn: (s: Session) => Promise<T>): Promise<T>;
  /** Runs `fn` in one write transaction: all or nothing. */
  write<T>(fn: (s: Session) => Promise<T>): Promise<T>;
}

function session(db: unknown, resetSequences: Session["resetSequences"]): Session {
  const q = db as Loose;
  return {
    async count(t) {
      const [row] = await q.select({ n: count() }).from(t.table);
      return Number(row?.n ?? 0);
    },
    async *read(t, batch) {
      let after: SQL | undefined;
      for (;;) {
        const page = await q.select().from(t.table).where(after).orderBy(...t.primaryKey.map((c) => c.column)).limit(batch);
        if (page.length === 0) return;
        yield page.map((r) => Object.fromEntries(t.columns.map((c) => [c.name, r[c.key]])));
        if (page.length < batch) return;
        const last = page[page.length - 1]!;
        // Row-value comparison: both dialects walk the primary key index from there.
        const cols = sql.join(t.primaryKey.map((c) => sql`${c.column}`), sql`, `);
        const vals = sql.join(t.primaryKey.map((c) => sql.param(last[c.key], c.column)), sql`, `);
        after = sql`(${cols}) > (${vals})`;
      }
    },
    async insert(t, rows) {
      if (rows.length) await q.insert(t.table).values(rows);
    },
    resetSequences,
  };
}

/** A SQLite database as a copy endpoint: BEGIN for a snapshot, BEGIN IMMEDIATE to write. */
export function sqliteEndpoint(db: Db): CopyEndpoint {
  const s = session(db, async () => undefined); // AUTOINCREMENT's counter follows explicit ids by itself
  const inTx = async <T>(begin: string, fn: (s: Session) => Promise<T>) => {
    db.$client.exec(begin);
    try {
      const out = await fn(s);
      db.$client.exec("COMMIT");
      return out;
    } catch (err) {
      if (db.$client.inTransaction) db.$client.exec("ROLLBACK");
      throw err;
    }
  };
  return { dialect: "sqlite", tables: sqliteTables(), read: (fn) => inTx("BEGIN", fn), write: (fn) => inTx("BEGIN IMMEDIATE", fn) };
}

/** A PostgreSQL database as a copy endpoint: a read-only repeatable-read snapshot, one transaction to write. */
export function pgEndpoint(db: PgDb): CopyEndpoint {
  const over = (tx: typeof db | Parameters<Parameters<PgDb["transaction"]>[0]>[0]) => session(tx, async (t) => {
    for (const c of t.columns.filter((c) => c.column.generatedIdentity)) {
      // setval(…, max) makes the next id max + 1; an empty table keeps its sequence (max is null).
      await tx.execute(sql`select setval(pg_get_serial_sequence(${`"${t.name}"`}, ${c.name}), max(${c.column})) from ${t.table} having max(${c.column}) is not null`);
    }
  });
  return {
    dialect: "postgres",
    tables: pgTables(),
    read: (fn) => db.transaction((tx) => fn(over(tx)), { isolationLevel: "repeatable read", accessMode: "read only" }),
    write: (fn) => db.transaction((tx) => fn(over(tx))),
  };
}

// ---------------------------------------------------------------------------------------------

export interface CopiedTable { name: string; rows: number }
export interface CopyReport { copied: CopiedTable[]; filled: CopiedTable[] }

const canonical = (row: Row) => JSON.stringify(Object.keys(row).sort().map((k) => {
  const v = row[k];
  return v instanceof Date ? v.toISOString() : v;
}));

async function rowsOf(s: Session, t: TableInfo, batch: number, keep: (row: Row) => boolean): Promise<string[]> {
  const out: string[] = [];
  for await (const page of s.read(t, batch)) for (const row of page) if (keep(row)) out.push(canonical(row));
  return out.sort();
}

/**
 * Copies every table of `from` into `to` in one write transaction (a failure leaves the target as
 * it was), reading `from` in one snapshot. Refuses a target with rows in any copied table. The
 * tables the target fills itself are compared with the source instead; a difference rolls back.
 */
export async function copyStore(from: CopyEndpoint, to: CopyEndpoint, opts: { batch?: number; onTable?: (t: CopiedTable) => void } = {}): Promise<CopyReport> {
  const plan = planCopy(from.tables, to.tables, { from: from.dialect, to: to.dialect });
  const batch = opts.batch ?? 500;
  return from.read((src) => to.write(async (dst) => {
    const busy: string[] = [];
    for (const t of plan.tables) {
      const n = await dst.count(t.to);
      if (n > 0) busy.push(`${t.name} (${n} row${n === 1 ? "" : "s"})`);
    }
    if (busy.length) throw new CopyRefused(`the target database is not empty: ${busy.join(", ")}. Copy into a new, empty database; nothing was written.`);

    const report: CopyReport = { copied: [], filled: [] };
    for (const t of plan.tables) {
      // Bound by the parameter limits (PostgreSQL 65,535 per statement; SQLite 32,766).
      const size = Math.max(1, Math.min(batch, Math.floor(30_000 / t.columns.length)));
      let rows = 0;
      for await (const page of src.read(t.from, size)) {
        await dst.insert(t.to, page.map((r) => Object.fromEntries(t.columns.map((c) => [c.to.key, convertValue(t.name, c, r[c.from.name])]))));
        rows += page.length;
      }
      await dst.resetSequences(t.to);
      report.copied.push({ name: t.name, rows });
      opts.onTable?.({ name: t.name, rows });
    }
    for (const name of plan.filled) {
      const { counts } = TARGET_FILLED[name]!;
      const [want, got] = [await rowsOf(src, from.tables.get(name)!, batch, counts), await rowsOf(dst, to.tables.get(name)!, batch, counts)];
      if (want.length !== got.length || want.some((w, i) => w !== got[i])) {
        throw new Error(`${name} (${TARGET_FILLED[name]!.why}) does not match the source after the copy: ${got.length} rows, the source has ${want.length}; nothing was written`);
      }
      report.filled.push({ name, rows: got.length });
    }
    return report;
  }));
}

function convertValue(table: string, c: ColumnPair, value: unknown): unknown {
  try {
    return c.convert(value);
  } catch (err) {
    throw new Error(`${table}.${c.from.name}: cannot convert ${JSON.stringify(value)?.slice(0, 80)}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}
