/** What the core needs from its process: time, randomness, logs, metrics, timers. */
import type { Subscription } from "./subscriptions.js";

export interface Clock { now(): Date }
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** A short unique id (sessions, error references). */
  id(): string;
  /**
   * Cryptographically random bytes (secrets: a whiteboard room's key). Optional: without it,
   * bytes come from `next()`, which keeps tests' fakes deterministic.
   */
  bytes?(n: number): Uint8Array;
}

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** What the dispatcher reports after each event, for metrics. */
export interface Telemetry {
  handled(e: { name: string; kind: string; outcome: "ok" | "user_error" | "internal_error" | "duplicate"; seconds: number }): void;
}

/**
 * "streak-reminders" is a sweep (an hourly scheduler) that finds members at their evening hour;
 * "pair-timeout" tells a member still unmatched in the peer-mock queue.
 */
export type TimerKind = "round-close" | "mock-nudge" | "streak-reminders" | "streak-reminder" | "weekly-digest" | "pair-timeout" | "event-retention"
  /** A scheduled peer mock's step: the reminder, the no-show check, an unmatched booking's expiry. */
  | "scheduled-mock";

/**
 * A timer the core asks for at once, as part of what a job returns (the Monday digest after the
 * daily post): the jobs layer enqueues it under its deterministic id (kind + key), so a retried
 * or duplicate job asks for the same one and it runs once.
 */
export interface FollowUp { kind: TimerKind; key: string; payload: Record<string, string | number> }

/** The scheduling side of the core; the jobs layer implements it, or it is off. */
export interface Scheduler {
  readonly isEnabled: boolean;
  subscriptionChanged(sub: Subscription): Promise<void>;
  /** A one-off timer with a deterministic id (kind + key): scheduling it again keeps one. */
  scheduleTimer?(kind: TimerKind, key: string, runAt: Date, payload: Record<string, string | number>): Promise<string>;
  cancelTimer?(kind: TimerKind, key: string): Promise<boolean>;
}
