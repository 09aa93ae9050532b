/**
 * Console-only dev commands. `:advance 25h` moves the bot's clock forward as if the time had
 * passed: every daily slot in the skipped time is posted at its own instant, in order (catch-up,
 * the latest slot only and within a lateness limit, is for a bot that was down, not this).
 */
import type { Clock, SubscriptionRepo } from "../../bot/ports.js";
import type { DeliveryOutcome } from "../../bot/services/daily-delivery.js";
import { slotsBetween } from "../../jobs/catch-up.js";

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
    const before = o.clock.now();
    const target = before.getTime() + ms;
    const due: Array<{ id: number; at: Date }> = [];
    for (const sub of await o.subscriptions.all()) {
      if (sub.isPaused) continue;
      for (const slot of slotsBetween(sub, before, new Date(target))) due.push({ id: sub.id, at: slot.at });
    }
    due.sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id);
    // The clock stops at each slot, so the post goes through the same exactly-once path as a
    // job firing on time (not late, so never "missed").
    let posted = 0;
    for (const slot of due) {
      o.clock.advance(slot.at.getTime() - o.clock.now().getTime());
      if ((await o.deliver(slot.id, slot.at)).kind === "posted") posted += 1;
    }
    o.clock.advance(target - o.clock.now().getTime());
    return `Bot time is now ${o.clock.now().toISOString()}; ${posted} daily post(s) delivered.`;
  };
}
