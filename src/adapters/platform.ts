/**
 * The one contract every adapter meets, so main.ts can hold a list of them: each names its
 * platform (the prefix of the space ids it serves), hands the jobs and the core an Outbox, and
 * starts and stops. Anything more (the console's REPL, Slack's mode) stays on the adapter's own type.
 */
import type { Platform } from "../bot/event.js";
import type { Outbox } from "../bot/ports.js";

export interface PlatformAdapter {
  readonly platform: Platform;
  /** Works before `start`: the jobs of a worker process post through it without starting the adapter. */
  readonly outbox: Outbox;
  start(): Promise<void>;
  stop(): Promise<void>;
}
