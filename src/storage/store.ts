/**
 * The store a DATABASE_URL selects (issue 21): SQLite for `file:`, PostgreSQL for `postgres://`.
 * Both give the same repository ports; `close` ends the pool or closes the file.
 */
import { databaseDialect, sqlitePath } from "../config.js";
import { closeDatabase, openDatabase } from "./db.js";
import { createRepos, type Repos } from "./index.js";
import { closePgDatabase, openPgDatabase } from "./pg/db.js";
import { createPgRepos } from "./pg/index.js";

export interface Store {
  repos: Repos;
  dialect: "sqlite" | "postgres";
  close(): Promise<void>;
}

export async function openStore(databaseUrl: string): Promise<Store> {
  if (databaseDialect(databaseUrl) === "postgres") {
    const db = await openPgDatabase(databaseUrl);
    return { repos: createPgRepos(db), dialect: "postgres", close: () => closePgDatabase(db) };
  }
  const db = openDatabase(sqlitePath(databaseUrl));
  return { repos: createRepos(db), dialect: "sqlite", close: () => closeDatabase(db) };
}
