/**
 * The scaffold of the authors' listing scripts (`grader:disputes`, `content:reports`): second entry
 * points beside main.ts, so each reads the config itself, opens the store DATABASE_URL names
 * (SQLite without background checkpoints, or PostgreSQL), prints its rows (as JSON with `--json`)
 * and closes.
 */
import { loadConfigOrExit } from "../config.js";
import type { Repos } from "./index.js";
import { isStoreOpenError, openStore, type Store } from "./store.js";

export async function runListing<T>(name: string, read: (repos: Repos) => Promise<readonly T[]>, format: (rows: readonly T[]) => string): Promise<void> {
  const config = loadConfigOrExit(name);
  let store: Store;
  try {
    store = await openStore(config.DATABASE_URL, { backgroundCheckpoints: false });
  } catch (err) {
    if (!isStoreOpenError(err)) throw err;
    process.stderr.write(`${name}: ${err.message}\n`);
    process.exit(1);
  }
  try {
    const rows = await read(store.repos);
    process.stdout.write(`${process.argv.includes("--json") ? JSON.stringify(rows, null, 2) : format(rows)}\n`);
  } finally {
    await store.close();
  }
}
