/**
 * Charts drawn on worker threads, so a /stats (0.2–0.5 s of CPU) never blocks the event loop that
 * answers everyone else and fires Discord's 2-s defer. Each worker draws one chart at a time; the
 * rest wait in a queue. A worker that crashes, runs out of its heap or overruns the timeout fails
 * the chart it was drawing (an InternalError the caller turns into a polite line) and is replaced.
 *
 * Memory (issue 19): a worker holding ECharts, the resvg wasm renderer and the font costs the
 * process ~40–45 MB of RSS (it was 80–100 MB before `--liftoff-only`, render-worker.mjs). Workers
 * start when a chart needs one, or when `warm()` asks (main.ts, once the platforms are up), and a
 * worker idle for `idleMs` (60 s) is terminated; the next chart starts a fresh one, which loads
 * the libraries again (~0.3 s, 1–2 s on a loaded machine: Discord's 2-s defer covers it).
 */
import { availableParallelism } from "node:os";
import { Worker, type ResourceLimits } from "node:worker_threads";
import { InternalError } from "../bot/errors.js";
import type { ChartRenderer, ChartRequest, Logger } from "../bot/ports.js";
import { drawPng } from "./draw.mjs";

/** Plain JS beside this file (copied into dist by the build): tsx cannot load a .ts worker on Node 20. */
const WORKER_URL = new URL("./render-worker.mjs", import.meta.url);
const DEFAULT_TIMEOUT_MS = 20_000;
/**
 * A /stats chart needs ~20 MB of heap; the cap keeps a runaway one from growing the process. The
 * young generation's default (16 MB semi-spaces, 32+ MB resident once a chart has cycled through
 * them) is far more than a chart's short-lived garbage needs: 4 MB saves ~25 MB a worker.
 */
const DEFAULT_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 4 };
/** A worker with no chart for this long is terminated (its memory goes back); the next chart starts one. */
const DEFAULT_IDLE_MS = 60_000;

export interface ChartPoolOptions {
  logger: Pick<Logger, "warn">;
  /** Workers; default one per two cores (the event loop and SQLite keep the other). */
  size?: number;
  /** A chart taking longer fails, and its worker is replaced. */
  timeoutMs?: number;
  /** Caps each worker's heap (default 64 MB of old generation, 4 MB young); over it, the worker dies and is replaced. */
  resourceLimits?: ResourceLimits;
  /** A worker without a chart for this long is terminated; default 60 s. */
  idleMs?: number;
}

export interface ChartPool extends ChartRenderer {
  readonly size: number;
  /** Starts the workers and loads ECharts, wasm and the font in them; resolves when all are ready. */
  warm(): Promise<void>;
  /** Workers alive now (started, not yet idle long enough to stop). */
  readonly running: number;
  close(): Promise<void>;
}

type Message = { kind: "warm" } | { kind: "draw"; request: ChartRequest };
interface Job { id: number; message: Message; resolve(png: Uint8Array | undefined): void; reject(err: Error): void }
interface Slot { worker: Worker | undefined; job: Job | undefined; timer: NodeJS.Timeout | undefined; idle: NodeJS.Timeout | undefined }
type Answer = { id: number; ok: true; png?: Uint8Array } | { id: number; ok: false; message: string };

export const defaultChartWorkers = (cores = availableParallelism()) => Math.max(1, Math.floor(cores / 2));

export function createChartPool(opts: ChartPoolOptions): ChartPool {
  const size = Math.max(1, opts.size ?? defaultChartWorkers());
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const idleMs = opts.idleMs ?? DEFAULT_IDLE_MS;
  const slots: Slot[] = Array.from({ length: size }, () => ({ worker: undefined, job: undefined, timer: undefined, idle: undefined }));
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  /** Ends the slot's job, if it is still `job`, and lets the worker take the next one. */
  const finish = (slot: Slot, job: Job, settle: () => void) => {
    if (slot.job !== job) return;
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.worker?.unref(); // an idle worker keeps no process alive
    settle();
    pump();
    if (!slot.job) stopWhenIdle(slot);
  };

  /** Terminates the slot's worker once it has had no chart for `idleMs`; a new job cancels that. */
  const stopWhenIdle = (slot: Slot) => {
    const worker = slot.worker;
    if (!worker || closed) return;
    clearTimeout(slot.idle);
    slot.idle = setTimeout(() => {
      if (slot.worker !== worker || slot.job) return;
      slot.worker = undefined; // first: its exit is then no crash to report
      void worker.terminate();
    }, idleMs);
    slot.idle.unref();
  };

  const spawn = (slot: Slot): Worker => {
    // No execArgv: the worker needs no TypeScript loader, and loading tsx in it costs memory.
    const worker = new Worker(WORKER_URL, { execArgv: [], resourceLimits: opts.resourceLimits ?? DEFAULT_LIMITS });
    worker.unref();
    worker.on("message", (a: Answer) => {
      const job = slot.job;
      if (!job || job.id !== a.id) return;
      if (a.ok) finish(slot, job, () => job.resolve(a.png));
      else finish(slot, job, () => job.reject(new InternalError("chart_failed", `chart drawing failed: ${a.message}`)));
    });
    let crash: Error | undefined;
    worker.on("error", (err) => { crash = err; });
    worker.on("exit", (code) => {
      if (slot.worker !== worker) return;
      slot.worker = undefined;
      const job = slot.job;
      if (job) finish(slot, job, () => job.reject(new InternalError("chart_worker_exited", `chart worker exited (code ${code})`, { cause: crash })));
      if (!closed) opts.logger.warn({ code, err: crash }, "chart worker exited; a new one takes the next chart");
      pump(); // a replacement starts if charts are waiting
    });
    slot.worker = worker;
    return worker;
  };

  function pump(): void {
    // A free slot with a live worker first: a new worker (and its libraries) only when all are busy.
    const free = slots.filter((s) => !s.job).sort((a, b) => Number(Boolean(b.worker)) - Number(Boolean(a.worker)));
    for (const slot of free) {
      if (closed || queue.length === 0) return;
      clearTimeout(slot.idle);
      const job = queue.shift()!;
      const worker = slot.worker ?? spawn(slot);
      slot.job = job;
      worker.ref(); // the process waits for a chart someone is waiting for
      slot.timer = setTimeout(() => {
        slot.worker = undefined; // first: its exit must not touch the slot's next job, nor take it
        finish(slot, job, () => job.reject(new InternalError("chart_timeout", `chart took over ${timeoutMs} ms`)));
        void worker.terminate();
      }, timeoutMs);
      worker.postMessage({ id: job.id, ...job.message });
    }
  }

  const submit = (message: Message) => new Promise<Uint8Array | undefined>((resolve, reject) => {
    if (closed) return reject(new InternalError("chart_pool_closed", "the chart pool is closed"));
    queue.push({ id: nextId++, message, resolve, reject });
    pump();
  });

  return {
    size,
    get running() { return slots.filter((s) => s.worker).length; },
    async png(request) {
      const png = await submit({ kind: "draw", request });
      if (!png) throw new InternalError("chart_failed", "the chart worker sent no image");
      return png;
    },
    async warm() {
      await Promise.all(slots.map(() => submit({ kind: "warm" })));
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new InternalError("chart_pool_closed", "the chart pool is closed"));
      await Promise.all(slots.map(async (slot) => {
        const { worker, job } = slot;
        clearTimeout(slot.idle);
        slot.worker = undefined;
        if (job) finish(slot, job, () => job.reject(new InternalError("chart_pool_closed", "the chart pool is closed")));
        await worker?.terminate();
      }));
    },
  };
}

/** Draws on the calling thread, blocking it for the whole drawing: tests and the bench's baseline only. */
export const chartsOnThisThread: ChartRenderer = { png: drawPng };
