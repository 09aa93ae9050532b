/**
 * Console-only dev commands. `:advance 25h` moves the bot's clock forward and posts any daily
 * task that became due in the skipped time, so a person can watch the daily post arrive.
 */
import type { Clock, SubscriptionRepo } from "../../bot/ports.js";
import type { DeliveryOutcome } from "../../bot/services/daily-delivery.js";
import { latestSlot } from "../../jobs/catch-up.js";

export interface OffsetClock extends Clock {
  advance(ms: number): void;
}

export function createOffsetClock(base: () => number = Date.now): OffsetClock {
  let offset = 0;
  return { now: () => new Date(base() + offset), advance: (ms) => { offset += ms; } };
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([mhd])$/.exec(s.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2]!]! : undefined;
}

export function createDevCommands(o: {
  clock: OffsetClock;
  subscriptions: SubscriptionRepo;
  deliver: (subscriptionId: number, slotAt: Date) => Promise<DeliveryOutcome>;
}) {
  return async (line: string): Promise<string | undefined> => {
    const [cmd, arg = ""] = line.trim().split(/\s+/);
    if (cmd === ":now") return `Bot time: ${o.clock.now().toISOString()}`;
    if (cmd !== ":advance") return undefined;
    const ms = parseDuration(arg);
    if (ms === undefined) return "Usage: :advance <number><m|h|d>, e.g. :advance 25h";
    const before = o.clock.now().getTime();
    o.clock.advance(ms);
    // A slot that fell due in the skipped time is posted through the same exactly-once path
    // as catch-up (the latest one per schedule, as after downtime).
    let posted = 0;
    for (const sub of await o.subscriptions.all()) {
      const slot = sub.isPaused ? undefined : latestSlot(sub, o.clock.now());
      if (!slot || slot.at.getTime() <= before) continue;
      if ((await o.deliver(sub.id, slot.at)).kind === "posted") posted += 1;
    }
    return `Bot time is now ${o.clock.now().toISOString()}; ${posted} daily post(s) delivered.`;
  };
}
