/** The in-memory twin of the rounds repo (src/storage/rounds.ts); `nameOf` gives a member's display name. */
import type { Round, RoundAnswer, RoundRepo } from "../../src/bot/ports.js";
import { nonEmpty, type MemberTables } from "./memory-member-tables.js";

export function createMemoryRoundRepo(nameOf: (memberId: number) => string): RoundRepo & { memberTables: MemberTables } {
  const rows = new Map<string, Round>();
  const answerRows = new Map<string, Array<Omit<RoundAnswer, "name">>>();
  const copy = (r: Round): Round => structuredClone(r);
  const answersOf = (memberId: number) => [...answerRows.entries()].flatMap(([roundId, list]) =>
    list.filter((a) => a.memberId === memberId).map((a) => ({ roundId, ...structuredClone(a) })));
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
      // The port's order: answer time, then member id.
      return (answerRows.get(roundId) ?? []).map((a) => ({ ...structuredClone(a), name: nameOf(a.memberId) }))
        .sort((a, b) => a.answeredAt.getTime() - b.answeredAt.getTime() || a.memberId - b.memberId);
    },
    async close(roundId, at) {
      const r = rows.get(roundId);
      if (!r || r.closedAt) return false;
      r.closedAt = new Date(at);
      return true;
    },
    async setMessageRef(roundId, ref) { const r = rows.get(roundId); if (r) r.messageRef = ref; },
    async unclosed() {
      return [...rows.values()].filter((r) => !r.closedAt)
        .sort((a, b) => a.closesAt.getTime() - b.closesAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(copy);
    },
    memberTables: {
      rowsOf: (m) => nonEmpty({ rounds: [...rows.values()].filter((r) => r.startedBy === m.id).map(copy), round_answers: answersOf(m.id) }),
      erase(m) {
        const answered = answersOf(m.id).length;
        for (const [roundId, list] of answerRows) answerRows.set(roundId, list.filter((a) => a.memberId !== m.id));
        // Others' answers hang off the round: it stays, started by nobody (0), as member-data.ts.
        const started = [...rows.values()].filter((r) => r.startedBy === m.id);
        for (const r of started) r.startedBy = 0;
        return nonEmpty({ round_answers: answered, rounds: started.length });
      },
    },
  };
}
