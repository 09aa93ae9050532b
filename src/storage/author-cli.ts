/**
 * The scaffold of the authors' listing scripts (`grader:disputes`, `content:reports`): second entry
 * points beside main.ts, so each reads the config itself, opens the database without background
 * checkpoints, prints its rows (as JSON with `--json`) and closes.
 */
import { ConfigError, loadConfig, sqlitePath } from "../config.js";
import { closeDatabase, openDatabase, type Db } from "./db.js";

export async function runListing<T>(name: string, read: (db: Db) => Promise<readonly T[]>, format: (rows: readonly T[]) => string): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${name}: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const db = openDatabase(sqlitePath(config.DATABASE_URL), { backgroundCheckpoints: false });
  try {
    const rows = await read(db);
    process.stdout.write(`${process.argv.includes("--json") ? JSON.stringify(rows, null, 2) : format(rows)}\n`);
  } finally {
    await closeDatabase(db);
  }
}
