/**
 * The scaffold of the authors' listing scripts (`grader:disputes`, `content:reports`): second entry
 * points beside main.ts, so each reads the config itself, opens the database without background
 * checkpoints, prints its rows (as JSON with `--json`) and closes.
 */
import { loadConfigOrExit, sqlitePath } from "../config.js";
import { closeDatabase, openDatabase, type Db } from "./db.js";

export async function runListing<T>(name: string, read: (db: Db) => Promise<readonly T[]>, format: (rows: readonly T[]) => string): Promise<void> {
  const config = loadConfigOrExit(name);
  const db = openDatabase(sqlitePath(config.DATABASE_URL), { backgroundCheckpoints: false });
  try {
    const rows = await read(db);
    process.stdout.write(`${process.argv.includes("--json") ? JSON.stringify(rows, null, 2) : format(rows)}\n`);
  } finally {
    await closeDatabase(db);
  }
}
