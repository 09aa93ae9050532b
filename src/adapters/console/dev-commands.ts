/**
 * Console-only dev commands. `:advance 25h` moves the bot's clock forward as if the time had
 * passed: every daily slot in the skipped time is posted at its own instant, in order (catch-up,
 * the latest slot only and within a lateness limit, is for a bot that was down, not this). Timers
 * the database knows of (a scheduled mock's reminder and no-show check, a mock's phase nudges) fire
 * at their own instants on the way too, so a scheduled mock can be tried out in minutes.
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
  /** Pending timers from the database (services/overdue.ts `pending`); each run is idempotent. */
  timers?: () => Promise<ReadonlyArray<{ kind: string; key: string; at: Date; run(): Promise<void> }>>;
  onTimerError?: (err: unknown, key: string) => void;
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
    // The clock stops at each slot and timer, so a post goes through the same exactly-once path
    // as a job firing on time (not late, so never "missed"). Timers are read again after each
    // step: a reminder that opens a mock adds that mock's phase timers.
    let posted = 0;
    let fired = 0;
    const ran = new Set<string>();
    for (;;) {
      const timers = (await o.timers?.()) ?? [];
      const nextTimer = timers.filter((t) => !ran.has(`${t.kind}:${t.key}`) && t.at.getTime() > before.getTime() && t.at.getTime() <= target)
        .sort((a, b) => a.at.getTime() - b.at.getTime())[0];
      const slot = due[0];
      if (!nextTimer && !slot) break;
      if (slot && (!nextTimer || slot.at.getTime() <= nextTimer.at.getTime())) {
        due.shift();
        o.clock.advance(Math.max(0, slot.at.getTime() - o.clock.now().getTime()));
        if ((await o.deliver(slot.id, slot.at)).kind === "posted") posted += 1;
        continue;
      }
      const t = nextTimer!;
      ran.add(`${t.kind}:${t.key}`);
      o.clock.advance(Math.max(0, t.at.getTime() - o.clock.now().getTime()));
      try {
        await t.run();
        fired += 1;
      } catch (err) {
        o.onTimerError?.(err, t.key);
      }
    }
    o.clock.advance(target - o.clock.now().getTime());
    return `Bot time is now ${o.clock.now().toISOString()}; ${posted} daily post(s) delivered, ${fired} timer(s) fired.`;
  };
}
