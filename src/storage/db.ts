/**
 * Opens the SQLite database (WAL, synchronous=NORMAL: a commit costs ~9 µs, see
 * shared/perf-baselines.md) and applies the committed drizzle-kit migrations.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { RESTART_FRAMES, startCheckpointer, type Checkpointer } from "./checkpointer.js";
import * as schema from "./schema.js";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../migrations/", import.meta.url));

const checkpointers = new WeakMap<Db, Checkpointer>();

/** The database file could not be opened or read: names the path and the cause, in one line. */
export class DatabaseOpenError extends Error {
  override readonly name = "DatabaseOpenError";
  constructor(readonly path: string, cause: unknown) {
    super(`cannot open the database ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * 8,000 frames, about 33 MB of 4 KB pages: past this the writer checkpoints the WAL itself
 * (checkpointer.ts: its guard, before a write transaction). The checkpointer thread makes the WAL
 * start over at a quarter of it; only writes faster than the thread's passes (a bulk load, or
 * answers back to back on a starved machine) get here. The WAL stays under twice this (the
 * bench's "largest WAL" figure).
 */
export const WAL_LIMIT_FRAMES = 4 * RESTART_FRAMES;

/**
 * Opens (creating the folder if needed) and migrates; `:memory:` works for tests. A file
 * database gets its WAL checkpoints from a background thread (checkpointer.ts).
 */
export function openDatabase(path: string, opts: { backgroundCheckpoints?: boolean } = {}): Db {
  const isFile = path !== ":memory:";
  let sqlite: Database.Database;
  try {
    if (isFile) mkdirSync(dirname(path), { recursive: true });
    sqlite = new Database(path);
    // The first read of the file: a file that is not a database fails here, not at the first query.
    sqlite.pragma("journal_mode = WAL");
  } catch (err) {
    throw new DatabaseOpenError(path, err);
  }
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // Deleted rows are overwritten with zeros, not just unlinked: `me delete` must leave no words in
  // the file. The WAL keeps older copies of the pages until it is reset (see scrubWal).
  sqlite.pragma("secure_delete = ON");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  if (isFile && (opts.backgroundCheckpoints ?? true)) {
    // The background thread copies the WAL and makes it start over, also under answers that never
    // pause; the writer's guard runs before each write transaction and checkpoints only past
    // WAL_LIMIT_FRAMES. SQLite's own checkpoint in the committing writer stays as a last resort at
    // 1.5 times that, for writes outside any transaction (the guard never sees them) that outrun
    // the thread: a dispatcher's event record, a session opened by /quiz.
    // The thread's RESTART holds the write lock a moment, so every write transaction here is
    // BEGIN IMMEDIATE: a deferred one that read first would fail with SQLITE_BUSY at once instead
    // of waiting (SQLite calls no busy handler to upgrade a read transaction).
    sqlite.pragma(`wal_autocheckpoint = ${(3 * WAL_LIMIT_FRAMES) / 2}`);
    const checkpointer = startCheckpointer(sqlite, path, { restartFrames: RESTART_FRAMES, limitFrames: WAL_LIMIT_FRAMES });
    guardTransactions(sqlite, checkpointer.guard);
    checkpointers.set(db, checkpointer);
  }
  return db;
}

/**
 * Copies the WAL into the database and truncates it to zero bytes, so the pages an erase zeroed
 * leave no older copies behind in the -wal file. Waits (busy_timeout) for readers to move on.
 */
export function scrubWal(db: Db): void {
  const checkpointer = checkpointers.get(db);
  if (checkpointer) {
    if (checkpointer.checkpointNow()) return;
    throw new Error("the WAL could not be truncated after an erase (readers kept it busy)");
  }
  for (let i = 0; i < 3; i++) {
    const [result] = db.$client.pragma("wal_checkpoint(TRUNCATE)") as Array<{ busy: number }>;
    if (!result || result.busy === 0) return;
  }
  throw new Error("the WAL could not be truncated after an erase (readers kept it busy)");
}

/**
 * The writer checkpoints the WAL now and truncates it, waiting for the checkpointer thread's pass
 * and for readers (a bulk load calls it at its end). False when readers kept it busy for 30 s.
 */
export function checkpointNow(db: Db): boolean {
  const checkpointer = checkpointers.get(db);
  if (checkpointer) return checkpointer.checkpointNow();
  const [result] = db.$client.pragma("wal_checkpoint(TRUNCATE)") as Array<{ busy: number }>;
  return result?.busy === 0;
}

/**
 * Every transaction function made on this connection (drizzle's and the repos' prepared ones
 * alike, made after this) runs `guard` before it begins, when no transaction is open yet.
 */
function guardTransactions(sqlite: Database.Database, guard: () => void): void {
  const make = sqlite.transaction.bind(sqlite);
  sqlite.transaction = ((fn: (...args: never[]) => unknown) => {
    const tx = make(fn);
    const guarded = <F extends (...args: never[]) => unknown>(run: F) =>
      function (this: unknown, ...args: Parameters<F>) { if (!sqlite.inTransaction) guard(); return run.apply(this, args); };
    const variants = { default: guarded(tx), deferred: guarded(tx.deferred), immediate: guarded(tx.immediate), exclusive: guarded(tx.exclusive) };
    for (const v of Object.values(variants)) Object.assign(v, variants, { database: sqlite });
    return variants.default;
  }) as Database.Database["transaction"];
}

/** The background checkpointer's counts, for a file database that has one. */
export const checkpointStats = (db: Db) => checkpointers.get(db)?.stats();

/** Stops the checkpointer and closes the connection (which checkpoints what is left). */
export async function closeDatabase(db: Db): Promise<void> {
  await checkpointers.get(db)?.stop();
  db.$client.close();
}
