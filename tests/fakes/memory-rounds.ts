/** The in-memory twin of the rounds repo (src/storage/rounds.ts); `nameOf` gives a member's display name. */
import type { Round, RoundAnswer, RoundRepo } from "../../src/bot/ports.js";

export function createMemoryRoundRepo(nameOf: (memberId: number) => string): RoundRepo {
  const rows = new Map<string, Round>();
  const answerRows = new Map<string, Array<Omit<RoundAnswer, "name">>>();
  const copy = (r: Round): Round => structuredClone(r);
  return {
    async create(round) {
      if ([...rows.values()].some((x) => x.spaceId === round.spaceId && x.channelId === round.channelId && !x.closedAt)) return false;
      rows.set(round.id, copy({ ...round, closedAt: null, messageRef: null }));
      return true;
    },
    async get(spaceId, id) { const r = rows.get(id); return r && r.spaceId === spaceId ? copy(r) : undefined; },
    async openIn(spaceId, channelId) {
      const r = [...rows.values()].find((x) => x.spaceId === spaceId && x.channelId === channelId && !x.closedAt);
      return r && copy(r);
    },
    async answer(_spaceId, roundId, a) {
      const list = answerRows.get(roundId) ?? [];
      if (list.some((x) => x.memberId === a.memberId)) return false;
      answerRows.set(roundId, [...list, structuredClone(a)]);
      return true;
    },
    async answers(roundId) {
      // A stable sort keeps insertion order for equal times, like the SQLite rowid tiebreak.
      return (answerRows.get(roundId) ?? []).map((a) => ({ ...structuredClone(a), name: nameOf(a.memberId) }))
        .sort((a, b) => a.answeredAt.getTime() - b.answeredAt.getTime());
    },
    async close(roundId, at) {
      const r = rows.get(roundId);
      if (!r || r.closedAt) return false;
      r.closedAt = new Date(at);
      return true;
    },
    async setMessageRef(roundId, ref) { const r = rows.get(roundId); if (r) r.messageRef = ref; },
    async unclosed() { return [...rows.values()].filter((r) => !r.closedAt).sort((a, b) => a.closesAt.getTime() - b.closesAt.getTime()).map(copy); },
  };
}
