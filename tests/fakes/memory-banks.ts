/** The in-memory BankRepo: the SQLite repo's twin (repo-contract.ts runs both). */
import type { BankRepo, StoredBank } from "../../src/bot/ports.js";

interface SpaceBank { bank?: StoredBank; disabled: Set<string>; version: number }

export function createMemoryBankRepo(): BankRepo {
  const spaces = new Map<string, SpaceBank>();
  const of = (spaceId: string) => spaces.get(spaceId) ?? spaces.set(spaceId, { disabled: new Set(), version: 0 }).get(spaceId)!;
  return {
    async replace(spaceId, bank) {
      const s = of(spaceId);
      s.bank = structuredClone(bank);
      s.version += 1;
    },
    async get(spaceId) {
      const bank = spaces.get(spaceId)?.bank;
      return bank && bank.items.length ? structuredClone(bank) : undefined;
    },
    async remove(spaceId, id) {
      const s = spaces.get(spaceId);
      if (!s?.bank) return 0;
      const before = s.bank.items.length;
      s.bank.items = id === undefined ? [] : s.bank.items.filter((i) => i.id !== id);
      const removed = before - s.bank.items.length;
      if (removed) s.version += 1;
      return removed;
    },
    async setTopicOff(spaceId, topicId, off) {
      const s = of(spaceId);
      if (off) s.disabled.add(topicId);
      else s.disabled.delete(topicId);
      s.version += 1;
    },
    async disabledTopics(spaceId) { return [...(spaces.get(spaceId)?.disabled ?? [])].sort(); },
    async version(spaceId) { return spaces.get(spaceId)?.version ?? 0; },
  };
}
