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
import { startCheckpointer, type Checkpointer } from "./checkpointer.js";
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
 * About 100 MB of 4 KB pages: the writer's own checkpoint, a safety net. Under the answers' writes
 * the checkpointer thread makes the WAL start over at RESTART_FRAMES, well before this. A bulk
 * load (1,000-row transactions back to back, seed or import) leaves the thread no moment to take
 * the write lock (seen: a 1 GB WAL), so there the writer checkpoints itself, off the answer path.
 */
export const WAL_LIMIT_FRAMES = 25_000;

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
    // pause. SQLite's own checkpoint in the committing writer stays off below WAL_LIMIT_FRAMES, far
    // above where the thread restarts the WAL: only a bulk load reaches it (16 GB of WAL without).
    // The thread's RESTART holds the write lock a moment, so every write transaction here is
    // BEGIN IMMEDIATE: a deferred one that read first would fail with SQLITE_BUSY at once instead
    // of waiting (SQLite calls no busy handler to upgrade a read transaction).
    sqlite.pragma(`wal_autocheckpoint = ${WAL_LIMIT_FRAMES}`);
    checkpointers.set(db, startCheckpointer(path));
  }
  return db;
}

/**
 * Copies the WAL into the database and truncates it to zero bytes, so the pages an erase zeroed
 * leave no older copies behind in the -wal file. Waits (busy_timeout) for readers to move on.
 */
export function scrubWal(db: Db): void {
  for (let i = 0; i < 3; i++) {
    const [result] = db.$client.pragma("wal_checkpoint(TRUNCATE)") as Array<{ busy: number }>;
    if (!result || result.busy === 0) return;
  }
  throw new Error("the WAL could not be truncated after an erase (readers kept it busy)");
}

/** The background checkpointer's counts, for a file database that has one. */
export const checkpointStats = (db: Db) => checkpointers.get(db)?.stats();

/** Stops the checkpointer and closes the connection (which checkpoints what is left). */
export async function closeDatabase(db: Db): Promise<void> {
  await checkpointers.get(db)?.stop();
  db.$client.close();
}
