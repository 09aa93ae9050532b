/**
 * Charts drawn on worker threads, so a /stats (0.2–0.5 s of CPU) never blocks the event loop that
 * answers everyone else and fires Discord's 2-s defer. Each worker draws one chart at a time; the
 * rest wait in a queue. A worker that crashes, runs out of its heap or overruns the timeout fails
 * the chart it was drawing (an InternalError the caller turns into a polite line) and is replaced.
 */
import { availableParallelism } from "node:os";
import { Worker, type ResourceLimits } from "node:worker_threads";
import { InternalError } from "../bot/errors.js";
import type { ChartRenderer, ChartRequest, Logger } from "../bot/ports.js";
import { drawPng } from "./draw.mjs";

/** Plain JS beside this file (copied into dist by the build): tsx cannot load a .ts worker on Node 20. */
const WORKER_URL = new URL("./render-worker.mjs", import.meta.url);
const DEFAULT_TIMEOUT_MS = 20_000;
/** A /stats chart needs ~20 MB of heap; the cap keeps a runaway one from growing the process. */
const DEFAULT_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 64 };

export interface ChartPoolOptions {
  logger: Pick<Logger, "warn">;
  /** Workers; default one per two cores (the event loop and SQLite keep the other). */
  size?: number;
  /** A chart taking longer fails, and its worker is replaced. */
  timeoutMs?: number;
  /** Caps each worker's heap (default 64 MB of old generation); over it, the worker dies and is replaced. */
  resourceLimits?: ResourceLimits;
}

export interface ChartPool extends ChartRenderer {
  readonly size: number;
  /** Starts the workers and loads ECharts, wasm and the font in them; resolves when all are ready. */
  warm(): Promise<void>;
  close(): Promise<void>;
}

type Message = { kind: "warm" } | { kind: "draw"; request: ChartRequest };
interface Job { id: number; message: Message; resolve(png: Uint8Array | undefined): void; reject(err: Error): void }
interface Slot { worker: Worker | undefined; job: Job | undefined; timer: NodeJS.Timeout | undefined }
type Answer = { id: number; ok: true; png?: Uint8Array } | { id: number; ok: false; message: string };

export const defaultChartWorkers = (cores = availableParallelism()) => Math.max(1, Math.floor(cores / 2));

export function createChartPool(opts: ChartPoolOptions): ChartPool {
  const size = Math.max(1, opts.size ?? defaultChartWorkers());
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const slots: Slot[] = Array.from({ length: size }, () => ({ worker: undefined, job: undefined, timer: undefined }));
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
    for (const slot of slots) {
      if (closed || queue.length === 0) return;
      if (slot.job) continue;
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
        slot.worker = undefined;
        if (job) finish(slot, job, () => job.reject(new InternalError("chart_pool_closed", "the chart pool is closed")));
        await worker?.terminate();
      }));
    },
  };
}

/** Draws on the calling thread, blocking it for the whole drawing: tests and the bench's baseline only. */
export const chartsOnThisThread: ChartRenderer = { png: drawPng };
