/** Timing helpers for the bench: percentiles of repeated calls, and ratios. */
export interface Percentiles { p50: number; p99: number; p999: number; max: number; n: number }

export function percentiles(samplesMs: number[]): Percentiles {
  const s = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { p50: round(at(0.5)), p99: round(at(0.99)), p999: round(at(0.999)), max: round(s.at(-1) ?? 0), n: s.length };
}

export const round = (x: number, digits = 4) => Number(x.toFixed(digits));

/** Calls made before the timed ones: compiled code and SQLite's page cache warm up on them, as in a bot running a while. */
export const WARMUP_CALLS = 200;

/** Runs `fn` n times (after a warm-up) and returns per-call milliseconds. */
export async function timeEach(n: number, fn: (i: number) => unknown | Promise<unknown>, warmup = Math.min(WARMUP_CALLS, n)): Promise<Percentiles> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i + warmup);
    samples.push(performance.now() - t);
  }
  return percentiles(samples);
}

/** Resolves after `ms` milliseconds (a timer: it may wake a ms or more late). */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `performance.now()` reaches `at`: a timer while far off, then a spin (timers wake late by a ms or more). */
export async function until(at: number): Promise<void> {
  while (at - performance.now() > 5) await sleep(1);
  while (performance.now() < at) { /* spin the last few ms */ }
}

/**
 * Calls `fn` n times at a steady `perSecond` (after a warm-up at the same pace) and returns each
 * call's latency from its due time: a call that starts late behind a slow one counts the wait.
 */
export async function timePaced(n: number, perSecond: number, fn: (i: number) => unknown | Promise<unknown>, warmup = Math.min(WARMUP_CALLS, n)): Promise<Percentiles> {
  const gap = 1_000 / perSecond;
  const samples: number[] = [];
  const start = performance.now();
  for (let i = 0; i < warmup + n; i++) {
    const due = start + i * gap;
    await until(due);
    await fn(i);
    if (i >= warmup) samples.push(performance.now() - due);
  }
  return percentiles(samples);
}

/** Wall time of one async block, in seconds. */
export async function seconds(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return round((performance.now() - t) / 1_000, 3);
}

/** A deterministic generator (mulberry32): the same data every run. */
export function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
