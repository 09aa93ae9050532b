/**
 * While Redis is down every connection (two queues, two workers, their blocking clients, the
 * watchdog) fails again on each reconnect attempt, a few times a second. One JSON line per failure
 * kind per window says it as well and keeps the log readable; the next line of that kind carries
 * how many were left out.
 */
import type { Logger } from "../bot/ports.js";

export const LOG_WINDOW_MS = 60_000;

export type ThrottledLog = (kind: string, fields: Record<string, unknown>, message: string) => void;

/** The failure's kind for throttling: its code (ECONNREFUSED) or, lacking one, its message. */
export const failureKind = (source: string, err: unknown): string =>
  `${source}:${(err as { code?: unknown })?.code ?? (err instanceof Error ? err.message : String(err))}`;

export function throttledLog(logger: Logger, windowMs = LOG_WINDOW_MS, now: () => number = Date.now): ThrottledLog {
  const seen = new Map<string, { at: number; suppressed: number }>();
  return (kind, fields, message) => {
    const t = now();
    const last = seen.get(kind);
    if (last && t - last.at < windowMs) {
      last.suppressed++;
      return;
    }
    logger.error({ ...fields, kind, ...(last?.suppressed ? { suppressed: last.suppressed } : {}) }, message);
    seen.set(kind, { at: t, suppressed: 0 });
  };
}
