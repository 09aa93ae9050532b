/**
 * WAL checkpoints off the answer path. SQLite's automatic checkpoint runs inside whichever
 * commit crosses 1,000 WAL pages and makes that one answer wait milliseconds (the bench's p99
 * went from 0.3 ms to 4 ms because of it). Instead a second connection in a worker thread runs
 * a PASSIVE checkpoint every half second; PASSIVE never blocks the writer. The main connection
 * checkpoints only past a much higher limit (db.ts: WAL_LIMIT_FRAMES), when writes never pause.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.path, { fileMustExist: true });
  db.pragma("busy_timeout = 1000");
} catch {
  process.exit(0); // the database is gone already (closed and removed before this thread started)
}
const timer = setInterval(() => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch { /* the file may be gone (tests); next tick tries again */ }
}, workerData.intervalMs);
parentPort.on("message", () => { clearInterval(timer); try { db.close(); } catch {} process.exit(0); });
`;

export interface Checkpointer { stop(): Promise<void> }

export function startCheckpointer(path: string, intervalMs = 500): Checkpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, intervalMs, driver } });
  worker.unref(); // never keeps the process alive on its own
  return {
    async stop() {
      const exited = new Promise((resolve) => worker.once("exit", resolve));
      worker.ref(); // while we wait for it to close its connection, it must keep the loop alive
      worker.postMessage("stop");
      await exited;
    },
  };
}
