/**
 * Notices a Redis that lost its data while the bot runs (FLUSHALL, a failover to an empty
 * replica, a restart without persistence) and has the schedules rebuilt from the database, with
 * no restart. A marker key is written after each build; it is looked for every `intervalMs` and
 * at once whenever the connection comes back (ioredis "ready" after a reconnect). Missing means
 * everything else of ours is gone too: rebuild. So does a partial loss that `isIncomplete` sees
 * (fewer schedulers than the database has schedules). Each check also runs `tick` (the overdue sweep).
 */
import { Redis } from "ioredis";
import type { Logger } from "../bot/ports.js";
import { failureKind, throttledLog } from "./log-throttle.js";

export const WATCHDOG_INTERVAL_MS = 60_000;

export interface WatchdogOptions {
  redisUrl: string;
  prefix: string;
  logger: Logger;
  /** Makes Redis match the database again (schedulers, catch-up, timers). */
  rebuild(): Promise<void>;
  /** A cheap comparison with the database (schedulers counted): true when Redis lost part of its data. */
  isIncomplete?(): Promise<boolean>;
  /** Runs after every check, Redis or not (the database's overdue sweep). */
  tick?(): Promise<void>;
  intervalMs?: number;
}

export interface Watchdog {
  /** One check now; "rebuilt" when the marker was gone. Concurrent calls share one check. */
  check(): Promise<"ok" | "rebuilt" | "unreachable">;
  stop(): Promise<void>;
}

export const markerKey = (prefix: string) => `${prefix}:watchdog:built`;

/** Starts watching; the caller has just built the schedules, so the marker is written first. */
export async function startWatchdog(o: WatchdogOptions): Promise<Watchdog> {
  const logFailure = throttledLog(o.logger);
  // No offline queue: while Redis is down a check fails at once instead of piling up commands.
  const client = new Redis(o.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
  client.on("error", (err) => logFailure(failureKind("watchdog", err), { err: err.message }, "redis unreachable"));
  const key = markerKey(o.prefix);
  await client.connect();
  await client.set(key, String(Date.now()));

  let running: Promise<"ok" | "rebuilt" | "unreachable"> | undefined;
  async function checkOnce(): Promise<"ok" | "rebuilt" | "unreachable"> {
    let outcome: "ok" | "rebuilt" | "unreachable" = "ok";
    try {
      // Written before the rebuild: a flush during it removes the marker again, and the next check rebuilds again.
      const isGone = (await client.set(key, String(Date.now()), "NX")) === "OK";
      if (isGone || (await o.isIncomplete?.())) {
        o.logger.warn({ redis: o.redisUrl, all: isGone }, "Redis lost its data: rebuilding schedules and timers from the database");
        try {
          await o.rebuild();
        } catch (err) {
          await client.del(key).catch(() => undefined);
          throw err;
        }
        outcome = "rebuilt";
        o.logger.info({}, "schedules and timers rebuilt");
      }
    } catch (err) {
      logFailure(failureKind("watchdog check", err), { err: err instanceof Error ? err.message : String(err) }, "redis check failed");
      outcome = "unreachable";
    }
    try {
      await o.tick?.();
    } catch (err) {
      logFailure(failureKind("overdue sweep", err), { err: err instanceof Error ? err.message : String(err) }, "overdue sweep failed");
    }
    return outcome;
  }
  const check = () => (running ??= checkOnce().finally(() => { running = undefined; }));

  // "ready" comes once per (re)connection; the first was the connect above.
  client.on("ready", () => void check());
  const timer = setInterval(() => void check(), o.intervalMs ?? WATCHDOG_INTERVAL_MS);
  timer.unref();
  return {
    check,
    async stop() {
      clearInterval(timer);
      await running;
      client.disconnect();
    },
  };
}
