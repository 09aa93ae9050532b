/**
 * The model's cost controls, in process memory: a per-member daily call cap and a cache of valid
 * answers keyed by (task, question id, normalised answer). Nothing here reaches the database; a
 * restart starts both afresh. Entries remember which members asked, so `me export` can show them
 * and `me delete` can drop them (docs/llm.md).
 */
import { createHash } from "node:crypto";

export interface BudgetOptions {
  dailyCallsPerMember: number;
  now: () => Date;
  /** Cached answers kept at most (oldest dropped first) and for at most this long. */
  maxEntries?: number;
  ttlMs?: number;
}

interface Entry { task: string; value: unknown; at: Date; members: Set<number> }

export interface Budget {
  /** Counts one call for the member; false when today's cap is reached. */
  take(memberId: number): boolean;
  cached(key: string, memberId: number): unknown;
  remember(key: string, task: string, memberId: number, value: unknown): void;
  heldFor(memberId: number): Array<Record<string, unknown>>;
  forget(memberId: number): void;
}

const DAY_MS = 86_400_000;
/** The key is hashed: the member's answer text never sits in the map's keys. */
const hash = (key: string) => createHash("sha256").update(key).digest("hex");

export function createBudget(o: BudgetOptions): Budget {
  const maxEntries = o.maxEntries ?? 2_000;
  const ttlMs = o.ttlMs ?? DAY_MS;
  const calls = new Map<number, { day: string; n: number }>();
  const cache = new Map<string, Entry>();
  const today = () => o.now().toISOString().slice(0, 10);

  return {
    take(memberId) {
      const day = today();
      const seen = calls.get(memberId);
      const n = seen?.day === day ? seen.n : 0;
      if (n >= o.dailyCallsPerMember) return false;
      calls.set(memberId, { day, n: n + 1 });
      return true;
    },
    cached(key, memberId) {
      const h = hash(key);
      const e = cache.get(h);
      if (!e) return undefined;
      if (o.now().getTime() - e.at.getTime() > ttlMs) {
        cache.delete(h);
        return undefined;
      }
      e.members.add(memberId);
      // Re-inserted: the Map's order is the eviction order (least recently used first).
      cache.delete(h);
      cache.set(h, e);
      return e.value;
    },
    remember(key, task, memberId, value) {
      cache.set(hash(key), { task, value, at: o.now(), members: new Set([memberId]) });
      while (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
    },
    heldFor(memberId) {
      const out: Array<Record<string, unknown>> = [];
      const c = calls.get(memberId);
      if (c) out.push({ kind: "model calls", day: c.day, calls: c.n });
      for (const e of cache.values()) {
        if (e.members.has(memberId)) out.push({ kind: "cached model answer", task: e.task, at: e.at.toISOString(), answer: e.value });
      }
      return out;
    },
    forget(memberId) {
      calls.delete(memberId);
      // An answer two members both wrote goes too: it holds the words of the one who asked to be forgotten.
      for (const [h, e] of cache) if (e.members.has(memberId)) cache.delete(h);
    },
  };
}
