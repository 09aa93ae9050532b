/**
 * The store a DATABASE_URL selects (issue 21): SQLite for `file:`, PostgreSQL for `postgres://`.
 * Both give the same repository ports; `ping` is the health probe (SELECT 1), `close` ends the
 * pool or closes the file. The PostgreSQL modules (node-postgres and its drizzle driver) load only
 * for a postgres:// URL, so the console on SQLite starts as light as before.
 */
import { databaseDialect, sqlitePath } from "../config.js";
import { closeDatabase, DatabaseOpenError, openDatabase } from "./db.js";
import { createRepos, type Repos } from "./index.js";

export interface Store {
  repos: Repos;
  dialect: "sqlite" | "postgres";
  /** True when the database answers SELECT 1 within `timeoutMs`; never throws. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /**
   * SQLite only: WAL checkpoints from a background thread (db.ts). On for the bot; off for a
   * short-lived script, which closes (and so checkpoints) within moments.
   */
  backgroundCheckpoints?: boolean;
}

/**
 * The file or server could not be opened (DatabaseOpenError, pg/db.ts PgOpenError): its message
 * is one line naming it. PgOpenError is known by name so that this module loads no pg code.
 */
export const isStoreOpenError = (err: unknown): err is Error =>
  err instanceof DatabaseOpenError || (err instanceof Error && err.name === "PgOpenError");

/** A probe that gives up after `timeoutMs`: a pool waiting on a dead server would otherwise hang /healthz. */
async function withTimeout(probe: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), timeoutMs); });
  try {
    return await Promise.race([probe().catch(() => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function openStore(databaseUrl: string, opts: StoreOptions = {}): Promise<Store> {
  if (databaseDialect(databaseUrl) === "postgres") {
    const [{ closePgDatabase, openPgDatabase }, { createPgRepos }] = await Promise.all([import("./pg/db.js"), import("./pg/index.js")]);
    const db = await openPgDatabase(databaseUrl);
    return {
      repos: createPgRepos(db), dialect: "postgres",
      ping: (timeoutMs = 1_000) => withTimeout(async () => (await db.$client.query("select 1 as ok")).rows.length === 1, timeoutMs),
      close: () => closePgDatabase(db),
    };
  }
  const db = openDatabase(sqlitePath(databaseUrl), { backgroundCheckpoints: opts.backgroundCheckpoints ?? true });
  return {
    repos: createRepos(db), dialect: "sqlite",
    ping: async () => {
      try {
        return db.$client.prepare("select 1 as ok").get() !== undefined;
      } catch {
        return false;
      }
    },
    close: () => closeDatabase(db),
  };
}
