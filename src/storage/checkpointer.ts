/**
 * WAL checkpoints off the answer path. SQLite's automatic checkpoint runs inside whichever
 * commit crosses 1,000 WAL pages and makes that one answer wait milliseconds (the bench's p99
 * went from 0.3 ms to 4 ms because of it). Instead the main connection never checkpoints and a
 * second connection in a worker thread runs a PASSIVE checkpoint every few seconds; PASSIVE
 * never blocks the writer. Under writes that never pause (a bulk load, a rebuild) PASSIVE copies
 * the frames but the WAL never starts over, so the file would grow without bound: past
 * `maxWalFrames` a TRUNCATE checkpoint resets it, making the writer wait for its last frames once.
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
  try {
    const [done] = db.pragma("wal_checkpoint(PASSIVE)");
    if (done && done.log >= workerData.maxWalFrames) db.pragma("wal_checkpoint(TRUNCATE)");
  } catch { /* the file may be gone (tests), or the writer held on (busy): next tick tries again */ }
}, workerData.intervalMs);
parentPort.on("message", () => { clearInterval(timer); try { db.close(); } catch {} process.exit(0); });
`;

export interface Checkpointer { stop(): Promise<void> }

/** 10,000 frames of 4 KB pages: a WAL of about 40 MB at most between checks. */
export const MAX_WAL_FRAMES = 10_000;

export function startCheckpointer(path: string, intervalMs = 500, maxWalFrames = MAX_WAL_FRAMES): Checkpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, intervalMs, maxWalFrames, driver } });
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
