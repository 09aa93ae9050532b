/**
 * The repository contract against PostgreSQL (issue 21): one fresh database for this file on the
 * machine's server, every table emptied before each case (as each SQLite case gets a new file).
 */
import { afterAll, beforeAll, beforeEach } from "vitest";
import { sql } from "drizzle-orm";
import { closePgDatabase, openPgDatabase, type PgDb } from "../../src/storage/pg/db.js";
import { createPgRepos } from "../../src/storage/pg/index.js";
import { createTestDatabase } from "../helpers/pg-database.js";
import { repoContract } from "./repo-contract.js";

let db: PgDb;
let drop: () => Promise<void>;
beforeAll(async () => {
  const created = await createTestDatabase();
  drop = created.drop;
  db = await openPgDatabase(created.url);
});
afterAll(async () => {
  await closePgDatabase(db);
  await drop();
});
/** Every table but the rank levels (constants the migration wrote). */
beforeEach(async () => {
  const { rows } = await db.$client.query<{ t: string }>(
    "select quote_ident(tablename) t from pg_tables where schemaname = 'public' and tablename <> 'rank_levels'");
  await db.execute(sql.raw(`truncate ${rows.map((r) => r.t).join(", ")} restart identity cascade`));
});

repoContract("postgres", () => createPgRepos(db));
