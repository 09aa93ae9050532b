/**
 * WAL checkpoints off the answer path. SQLite's automatic checkpoint runs inside whichever
 * commit crosses its limit and makes that one answer wait for the copy and two fsyncs (at 1,000
 * frames: one answer in a thousand waited 4 ms; a writer's own checkpoint at 10,000 frames made
 * one in ~475 wait 24–40 ms). Instead a second connection in a worker thread does all of it:
 *
 * - every tick, a PASSIVE checkpoint copies the WAL into the database; it never blocks the
 *   writer, and after a pause in the writes the writer's next commit starts the WAL over;
 * - writes that never pause leave no such moment, so past `restartFrames` the thread follows the
 *   PASSIVE pass with a RESTART checkpoint: it takes the write lock (waiting, with its busy
 *   handler, for the writer's transaction in flight to end), copies only the frames written
 *   since the pass, syncs, and makes the next commit start the WAL over. The writer waits, on
 *   its busy timeout, only for that short remainder: back-pressure, never a checkpoint of its own.
 *
 * RESTART rather than TRUNCATE: the writer overwrites the old frames in place instead of growing
 * a fresh file, and the file's size stays the high-water mark of the WAL (the bench reads it).
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.path, { fileMustExist: true });
  db.pragma("busy_timeout = " + workerData.busyMs);
} catch {
  process.exit(0); // the database is gone already (closed and removed before this thread started)
}
const stats = { passes: 0, restarts: 0, busy: 0, maxFrames: 0 };
const timer = setInterval(() => {
  try {
    const [pass] = db.pragma("wal_checkpoint(PASSIVE)");
    stats.passes += 1;
    stats.maxFrames = Math.max(stats.maxFrames, pass.log);
    if (pass.log >= workerData.restartFrames) {
      // busy = 1 when the write lock or a reader stayed taken past busy_timeout: next tick again.
      // Writes back to back (a loop that never yields) leave only short gaps to take the lock in:
      // past twice the limit the thread waits ten times longer for one (back-pressure).
      db.pragma("busy_timeout = " + (pass.log >= 2 * workerData.restartFrames ? 10 * workerData.busyMs : workerData.busyMs));
      const [restart] = db.pragma("wal_checkpoint(RESTART)");
      stats.maxFrames = Math.max(stats.maxFrames, restart.log);
      if (restart.busy) stats.busy += 1; else stats.restarts += 1;
    }
  } catch { /* the file may be gone (tests); the next tick tries again */ }
}, workerData.intervalMs);
parentPort.on("message", (m) => {
  if (m === "stats") return parentPort.postMessage(stats);
  clearInterval(timer); try { db.close(); } catch {} process.exit(0);
});
`;

/** What the thread has done so far: the bench prints it beside the answer's latency. */
export interface CheckpointStats { passes: number; restarts: number; busy: number; maxFrames: number }

export interface Checkpointer { stats(): Promise<CheckpointStats>; stop(): Promise<void> }

export interface CheckpointerOptions {
  /** How often the thread copies the WAL; under continuous writes the WAL grows by this much time's frames at most between passes. */
  intervalMs?: number;
  /** WAL frames past which the thread makes the WAL start over even though writes never pause. */
  restartFrames?: number;
  /** How long the thread's RESTART waits for the write lock and for readers before trying again next tick. */
  busyMs?: number;
}

/** 8,000 frames of 4 KB pages: the WAL starts over at about 32 MB under writes that never pause. */
export const RESTART_FRAMES = 8_000;

export function startCheckpointer(path: string, o: CheckpointerOptions = {}): Checkpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const workerData = { path, driver, intervalMs: o.intervalMs ?? 100, restartFrames: o.restartFrames ?? RESTART_FRAMES, busyMs: o.busyMs ?? 200 };
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
  worker.unref(); // never keeps the process alive on its own
  return {
    stats: () => new Promise((resolve) => {
      worker.ref(); // an answer is on its way: keep the loop alive until it comes
      worker.once("message", (m: CheckpointStats) => { worker.unref(); resolve(m); });
      worker.postMessage("stats");
    }),
    async stop() {
      const exited = new Promise((resolve) => worker.once("exit", resolve));
      worker.ref(); // while we wait for it to close its connection, it must keep the loop alive
      worker.postMessage("stop");
      await exited;
    },
  };
}
