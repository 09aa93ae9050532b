/** The in-memory twin of the SQLite PairRepo (src/storage/pairs.ts). */
import type { MockSession, PairRepo, PairTicket } from "../../src/bot/ports.js";
import { nonEmpty, type MemberTables } from "./memory-member-tables.js";

interface ScoreRow { mockId: string; raterId: number; rateeId: number; ratings: Record<string, number>; total: number }

/** `mocks`: the mock sessions, for `lastPartner`. */
export function createMemoryPairRepo(mocks: () => MockSession[]): PairRepo & { memberTables: MemberTables } {
  const queue = new Map<number, PairTicket>();
  const scores: ScoreRow[] = [];
  const clone = <T>(x: T): T => structuredClone(x);
  return {
    async enqueue(t) {
      if (queue.has(t.memberId)) return false;
      queue.set(t.memberId, clone(t));
      return true;
    },
    async waiting(spaceId) {
      return [...queue.values()].filter((t) => t.spaceId === spaceId)
        .sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime() || a.memberId - b.memberId).map(clone);
    },
    async allWaiting() {
      return [...queue.values()].sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime() || a.memberId - b.memberId).map(clone);
    },
    async remove(memberId) { return queue.delete(memberId); },
    async lastPartner(memberId) {
      // Newest start wins; on a tie the greater mock id (the port's order).
      const later = (m: MockSession, best: MockSession) => m.startedAt > best.startedAt || (m.startedAt.getTime() === best.startedAt.getTime() && m.id > best.id);
      const last = mocks().filter((m) => m.partnerId !== null && (m.memberId === memberId || m.partnerId === memberId))
        .reduce<MockSession | undefined>((best, m) => (!best || later(m, best) ? m : best), undefined);
      if (!last) return undefined;
      return last.memberId === memberId ? (last.partnerId ?? undefined) : last.memberId;
    },
    async saveScore(s) {
      const row: ScoreRow = { mockId: s.mockId, raterId: s.raterId, rateeId: s.rateeId, ratings: clone(s.ratings), total: s.total };
      const i = scores.findIndex((x) => x.mockId === s.mockId && x.raterId === s.raterId);
      if (i >= 0) scores[i] = row;
      else scores.push(row);
      return i < 0;
    },
    async scoresFor(mockId) {
      return scores.filter((x) => x.mockId === mockId).sort((a, b) => a.raterId - b.raterId)
        .map(({ raterId, rateeId, ratings, total }) => ({ raterId, rateeId, ratings: clone(ratings), total }));
    },
    memberTables: {
      rowsOf: (m) => nonEmpty({
        pair_queue: [...queue.values()].filter((t) => t.memberId === m.id).map(clone),
        peer_scores: scores.filter((x) => x.raterId === m.id || x.rateeId === m.id).map(clone),
      }),
      erase(m) {
        const scored = scores.filter((x) => x.raterId === m.id || x.rateeId === m.id).length;
        scores.splice(0, scores.length, ...scores.filter((x) => x.raterId !== m.id && x.rateeId !== m.id));
        return nonEmpty({ pair_queue: queue.delete(m.id) ? 1 : 0, peer_scores: scored });
      },
    },
  };
}
