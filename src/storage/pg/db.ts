/**
 * Opens the PostgreSQL store (issue 21): a node-postgres pool under drizzle, migrated at start
 * from migrations/pg. Several processes may start at once (scale-out): each takes a session
 * advisory lock before migrating, so they migrate one at a time and the later ones find nothing left.
 */
import { fileURLToPath } from "node:url";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schema from "./schema.js";

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export const PG_MIGRATIONS_DIR = fileURLToPath(new URL("../../../migrations/pg/", import.meta.url));

/** Any constant shared by every prepcoach process: the key of the migration lock. */
const MIGRATION_LOCK = 0x70726570; // "prep"

/** The server could not be reached or refused us: names the server (no password) and the cause, in one line. */
export class PgOpenError extends Error {
  override readonly name = "PgOpenError";
  constructor(readonly url: string, cause: unknown) {
    super(`cannot open the database ${redact(url)}: ${describe(cause)}`, { cause });
  }
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
/** Connection errors (ECONNREFUSED to two addresses) come as an AggregateError with an empty message. */
function describe(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return describe(err.errors[0]);
  if (err instanceof Error) return err.message || (err as NodeJS.ErrnoException).code || err.name;
  return String(err);
}

export async function openPgDatabase(url: string, opts: { max?: number } = {}): Promise<PgDb> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10 });
  // An idle client that loses its server emits here; without a listener the process would die.
  pool.on("error", () => undefined);
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    await pool.end();
    throw new PgOpenError(url, err);
  }
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await migrate(drizzle({ client, schema }), { migrationsFolder: PG_MIGRATIONS_DIR });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } catch (err) {
    client.release(true);
    await pool.end();
    throw err;
  }
  client.release();
  return drizzle({ client: pool, schema });
}

export async function closePgDatabase(db: PgDb): Promise<void> {
  await db.$client.end();
}
