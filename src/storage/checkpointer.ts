/**
 * WAL checkpoints off the answer path. SQLite's automatic checkpoint runs inside whichever
 * commit crosses its limit and makes that one answer wait for the copy and two fsyncs (at 1,000
 * frames: one answer in a thousand waited 4 ms; a writer's own checkpoint at 10,000 frames made
 * one in ~475 wait 24–40 ms). Instead a second connection in a worker thread does the work:
 *
 * - a PASSIVE checkpoint copies the WAL into the database; it never blocks the writer, and after
 *   a pause in the writes the writer's next commit starts the WAL over. Passes come as often as
 *   the WAL grows (a quarter of `restartFrames` apart at the rate seen: every few ms under answers
 *   back to back, seconds apart under a trickle; rarely when idle: waiting 500 ms between passes
 *   let answers back to back outgrow the writer's limit, and the writer checkpointed itself);
 * - past `restartFrames`, passes follow each other until one finds nothing new: the WAL is then
 *   wholly copied and the writer's next commit starts it over, and nobody waited. Between answers
 *   that arrive a few ms apart (200/s) such a moment comes within a pass or two;
 * - writes that never pause leave no such moment, so past twice `restartFrames` the thread takes
 *   the write lock with a RESTART checkpoint, which copies only what the last passes left and
 *   makes the next commit start the WAL over. It raises a flag; the writer parks before its next
 *   transaction and says so (polling the lock with SQLite's busy handler, whose sleeps grow to
 *   10–25 ms, made the parked writer wait through them). Under answers back to back this is the
 *   tail that remains: the disk takes ~25 frames an answer, and a reset waits for its sync.
 *
 * The thread can still fall behind: its passes copy and fsync, and on a starved machine a bulk
 * load writes faster than they run (seen before the guard: a 1.8 GB WAL). So the writer keeps a safety net that cannot be skipped: every
 * few transactions it reads the WAL file's size and, past `limitFrames`, checkpoints it
 * itself with TRUNCATE (`checkpointNow`): it raises a flag that makes the thread hold off (a
 * checkpoint lock held by the thread's pass is never waited for by SQLite's busy handler, so a
 * writer's checkpoint would otherwise be refused again and again), waits out the pass in
 * progress, and copies and truncates. Only that pathological case stalls a writer.
 *
 * RESTART rather than TRUNCATE in the thread: the writer overwrites the old frames in place, and
 * the file's size stays the high-water mark of the WAL — which is what the writer's guard reads.
 */
import { statSync } from "node:fs";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
// [0] the writer is checkpointing, [1] the thread wants the write lock, [2] the writer is parked for it
const signal = new Int32Array(workerData.signal);
let db;
try {
  db = new Database(workerData.path, { fileMustExist: true });
  db.pragma("busy_timeout = " + workerData.busyMs);
} catch {
  process.exit(0); // the database is gone already (closed and removed before this thread started)
}
const stats = { passes: 0, restarts: 0, busy: 0, heldOff: 0, maxFrames: 0, passMs: 0, passMaxMs: 0, restartMs: 0, restartMaxMs: 0, quiet: 0 };
let timer;
let lastLog = 0;
let lastAt = performance.now();
const passive = () => {
  const started = performance.now();
  const [pass] = db.pragma("wal_checkpoint(PASSIVE)");
  const ms = performance.now() - started;
  stats.passes += 1;
  stats.passMs += ms;
  stats.passMaxMs = Math.max(stats.passMaxMs, ms);
  stats.maxFrames = Math.max(stats.maxFrames, pass.log);
  return { pass, ms };
};
const tick = () => {
  let next = 5 * workerData.intervalMs;
  try {
    if (Atomics.load(signal, 0) === 1) {
      stats.heldOff += 1; // the writer is checkpointing itself: leave it the checkpoint lock
      next = workerData.intervalMs;
    } else {
      let { pass, ms } = passive();
      const now = performance.now();
      // Frames written since the last pass (the whole WAL when it started over in between).
      const grown = pass.log >= lastLog ? pass.log - lastLog : pass.log;
      const idle = grown === 0 && pass.checkpointed === pass.log; // reads only since: nothing to do until a write
      // Past restartFrames the WAL should start over. Passes back to back until one finds nothing
      // new: the WAL is then wholly copied, and the writer's next transaction starts it over by
      // itself, without waiting for anyone. Between answers that arrive even a few ms apart such a
      // moment comes within a pass or two.
      const due = pass.log >= workerData.restartFrames && !idle;
      let quiet = false;
      for (let i = 0; due && !quiet && i < workerData.quietTries && pass.log < workerData.parkFrames; i++) {
        const before = pass.log;
        ({ pass, ms } = passive());
        quiet = pass.log < before || (pass.log === before && pass.checkpointed === pass.log);
      }
      if (quiet) stats.quiet += 1;
      if (due && !quiet) {
        // Writes that never pause (a bulk load, answers back to back) leave no such moment: the
        // RESTART takes the write lock. It holds it while it copies what the writer appended since
        // the last pass and syncs the file, so a few more passes first, each shorter than the one
        // before, leave it only a moment's work.
        for (let i = 0; i < 4 && ms > workerData.catchUpMs; i++) ({ pass, ms } = passive());
        // busy = 1 when the write lock or a reader stayed taken past busy_timeout: next tick again.
        db.pragma("busy_timeout = " + (pass.log >= 2 * workerData.restartFrames ? 10 * workerData.busyMs : workerData.busyMs));
        // Ask the writer to hold its next transaction until this is done: a loop that commits back
        // to back otherwise takes the lock again before the busy handler's next poll.
        Atomics.store(signal, 1, 1);
        // A writer busy with answers parks before its next transaction and says so; wait for that
        // rather than poll the lock with SQLite's busy handler, whose sleeps grow to 10-25 ms (the
        // writer would wait through them). A writer with nothing to write never parks: the lock is free.
        Atomics.wait(signal, 2, 0, workerData.parkWaitMs);
        const started = performance.now();
        let restart;
        try { [restart] = db.pragma("wal_checkpoint(RESTART)"); } finally { Atomics.store(signal, 1, 0); Atomics.notify(signal, 1); }
        const took = performance.now() - started;
        stats.restartMs += took;
        stats.restartMaxMs = Math.max(stats.restartMaxMs, took);
        stats.maxFrames = Math.max(stats.maxFrames, restart.log);
        if (restart.busy) stats.busy += 1; else stats.restarts += 1;
        lastLog = 0;
        next = workerData.intervalMs / 10;
      } else {
        lastLog = pass.log;
        // The next pass when the WAL will have grown by a quarter of restartFrames at the rate seen
        // since the last one: every few ms under answers back to back (or the WAL outgrows the
        // writer's limit before the RESTART), seconds apart under a trickle, 5 intervals when idle.
        const rate = grown / Math.max(1, now - lastAt);
        if (!idle && rate > 0) next = Math.min(5 * workerData.intervalMs, Math.max(workerData.intervalMs / 20, workerData.restartFrames / 4 / rate));
      }
      lastAt = now;
    }
  } catch { /* the file may be gone (tests); the next tick tries again */ }
  timer = setTimeout(tick, next);
};
timer = setTimeout(tick, workerData.intervalMs);
parentPort.on("message", (m) => {
  if (m === "stats") return parentPort.postMessage(stats);
  clearTimeout(timer); try { db.close(); } catch {} process.exit(0);
});
`;

/** What the thread and the writer's guard have done so far: the bench prints it beside the WAL figure. */
export interface CheckpointStats {
  passes: number; restarts: number; busy: number; heldOff: number;
  /** WAL resets that came from a quiet moment between passes, without taking the write lock. */
  quiet: number;
  /** Time in the thread's passes and RESTARTs, in all and the longest, in ms. */
  passMs: number; passMaxMs: number; restartMs: number; restartMaxMs: number;
  /** The most frames a pass of the thread found in the WAL. */
  maxFrames: number;
  /** TRUNCATE checkpoints the writer ran itself (its guard past the limit, or `checkpointNow`). */
  writerCheckpoints: number;
  /** Write transactions held until the thread's RESTART was done. */
  yields: number;
  /** The largest the WAL file was when the writer's guard read it, in frames. */
  largestFramesSeen: number;
}

export interface Checkpointer {
  stats(): Promise<CheckpointStats>;
  /** Before a write transaction (not inside one): past the limit, the writer's own checkpoint. */
  guard(): void;
  /** The writer's blocking TRUNCATE checkpoint; false when readers kept it busy past the deadline. */
  checkpointNow(): boolean;
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  /** How often the thread copies the WAL; under continuous writes the WAL grows by this much time's frames at most between passes. */
  intervalMs?: number;
  /** WAL frames past which the thread makes the WAL start over even though writes never pause. */
  restartFrames?: number;
  /** WAL frames past which the writer checkpoints itself (the guard). */
  limitFrames?: number;
  /** How long the thread's RESTART waits for the write lock and for readers before trying again next tick. */
  busyMs?: number;
}

/** 2,000 frames of 4 KB pages: the thread makes the WAL start over at about 8 MB under writes that never pause. */
export const RESTART_FRAMES = 2_000;

/**
 * The writer's guard reads the WAL file's size (a stat, a few µs) every GUARD_EVERY transactions,
 * or at the first one GUARD_MS after the last read: a bulk load's batches are each checked.
 */
export const GUARD_EVERY = 16;
const GUARD_MS = 2;

/**
 * Passes the thread tries, back to back, for a moment when the WAL is wholly copied (the writer
 * then starts it over for free) before it takes the write lock; it stops trying sooner once the
 * WAL reaches twice restartFrames.
 */
const QUIET_TRIES = 20;

/** Passes before a RESTART repeat while one takes longer than this (what the RESTART would then hold the writer for). */
const CATCH_UP_MS = 2;

/** How long the thread waits for a busy writer to park before its RESTART takes the lock anyway. */
const PARK_WAIT_MS = 5;

/** The longest a write transaction waits for the thread's RESTART. */
const YIELD_MAX_MS = 2_000;

/** How long the writer's own checkpoint keeps trying while the thread's pass or a reader is in the way. */
const WRITER_DEADLINE_MS = 30_000;

export function startCheckpointer(sqlite: Database.Database, path: string, o: CheckpointerOptions = {}): Checkpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const restartFrames = o.restartFrames ?? RESTART_FRAMES;
  const signal = new SharedArrayBuffer(12);
  // [0] the writer is checkpointing itself, [1] the thread's RESTART wants the write lock, [2] the writer is parked for it
  const flags = new Int32Array(signal);
  const workerData = { path, driver, signal, intervalMs: o.intervalMs ?? 100, restartFrames, busyMs: o.busyMs ?? 200, catchUpMs: CATCH_UP_MS, parkWaitMs: PARK_WAIT_MS, quietTries: QUIET_TRIES, parkFrames: 2 * restartFrames };
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
  worker.unref(); // never keeps the process alive on its own

  const frameBytes = Number(sqlite.pragma("page_size", { simple: true })) + 24;
  const limitBytes = (o.limitFrames ?? 2 * restartFrames) * frameBytes + 32;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let transactions = 0;
  let checkedAt = 0;
  let writerCheckpoints = 0;
  let yields = 0;
  let largestBytes = 0;

  const checkpointNow = (): boolean => {
    if (sqlite.inTransaction) throw new Error("checkpointNow inside a transaction");
    Atomics.store(flags, 0, 1);
    try {
      for (const started = Date.now(); ;) {
        // busy = 1: the thread's pass holds the checkpoint lock (it sees the flag at its next
        // tick), or a reader outlasted busy_timeout. Either ends soon: a moment later, again.
        const [r] = sqlite.pragma("wal_checkpoint(TRUNCATE)") as Array<{ busy: number }>;
        if (!r?.busy) { writerCheckpoints += 1; return true; }
        if (Date.now() - started > WRITER_DEADLINE_MS) return false;
        Atomics.wait(pause, 0, 0, 5);
      }
    } finally {
      Atomics.store(flags, 0, 0);
    }
  };

  return {
    guard() {
      // The thread's RESTART is waiting for the write lock: hold this transaction until it is done
      // (back-pressure, a few ms; bounded in case the thread is gone).
      if (Atomics.load(flags, 1) === 1) {
        yields += 1;
        Atomics.store(flags, 2, 1);
        Atomics.notify(flags, 2);
        Atomics.wait(flags, 1, 1, YIELD_MAX_MS);
        Atomics.store(flags, 2, 0);
      }
      // Every GUARD_EVERY transactions, or sooner when they are large (a bulk load's batches).
      const now = performance.now();
      if (++transactions < GUARD_EVERY && now - checkedAt < GUARD_MS) return;
      transactions = 0;
      checkedAt = now;
      const size = statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0;
      largestBytes = Math.max(largestBytes, size);
      if (size >= limitBytes) checkpointNow();
    },
    checkpointNow,
    stats: () => new Promise((resolve) => {
      worker.ref(); // an answer is on its way: keep the loop alive until it comes
      worker.once("message", (m: Omit<CheckpointStats, "writerCheckpoints" | "yields" | "largestFramesSeen">) => {
        worker.unref();
        resolve({ ...m, writerCheckpoints, yields, largestFramesSeen: Math.max(0, Math.round((largestBytes - 32) / frameBytes)) });
      });
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
