/**
 * The in-memory MemberDataRepo, over the maps the twin holds itself (members, quiz sessions,
 * disputes, attempts, review cards, the points ledger and totals, mocks, subscriptions, processed
 * events, item reports) and the tables of the twins that keep their own (`parts`: streaks,
 * rounds, the pair queue and peer scores, groups, member plans, scheduled-mock bookings, role
 * rewards and grants, Slack installations). Table names and choices follow
 * src/storage/member-tables.ts; the contract (member-data-contract.ts) holds the two together.
 */
import type { AttemptInput, Dispute, ItemReport, Member, MemberDataRepo, MockSession, QuizSession, ReviewCard, Subscription } from "../../src/bot/ports.js";
import type { Reply } from "../../src/bot/reply.js";
import { nonEmpty, type MemberTables } from "./memory-member-tables.js";

export interface MemoryMemberState {
  memberRows: Map<string, Member>;
  sessions: Map<string, QuizSession>;
  disputeRows: Dispute[];
  attempts: AttemptInput[];
  /** "member|question" → card. */
  cards: Map<string, ReviewCard>;
  ledger: Array<{ spaceId: string; memberId: number; ref: string; points: number }>;
  /** "space#board|period|member" → points. */
  totals: Map<string, number>;
  mockRows: Map<string, MockSession>;
  subscriptionRows: Map<number, Subscription>;
  /** "space|key" → the reply and whose it was. */
  eventRows: Map<string, { reply: Reply; userId?: string }>;
  reportRows: ItemReport[];
  /** The twins that hold their own tables. */
  parts: readonly MemberTables[];
}

export function createMemoryMemberData(s: MemoryMemberState): MemberDataRepo {
  const ofMember = (m: Member) => ({
    members: [...s.memberRows.values()].filter((x) => x.id === m.id),
    quiz_sessions: [...s.sessions.values()].filter((x) => x.memberId === m.id),
    grade_disputes: s.disputeRows.filter((x) => x.memberId === m.id),
    attempts: s.attempts.filter((x) => x.memberId === m.id),
    reviews: [...s.cards.entries()].filter(([k]) => k.startsWith(`${m.id}|`)).map(([, c]) => c),
    points: s.ledger.filter((x) => x.memberId === m.id),
    point_totals: [...s.totals.keys()].filter((k) => k.endsWith(`|${m.id}`)),
    mock_sessions: [...s.mockRows.values()].filter((x) => x.memberId === m.id || x.partnerId === m.id),
    subscriptions: [...s.subscriptionRows.values()].filter((x) => x.spaceId === m.spaceId && x.createdBy === m.platformUserId),
    processed_events: [...s.eventRows.entries()].filter(([k, e]) => k.startsWith(`${m.spaceId}|`) && e.userId === m.platformUserId),
    item_reports: s.reportRows.filter((x) => x.memberId === m.id),
  });
  return {
    async export(m) {
      return structuredClone(Object.assign(nonEmpty(ofMember(m)), ...s.parts.map((p) => p.rowsOf(m))) as Record<string, unknown[]>);
    },
    async erase(m) {
      const counts: Record<string, number> = nonEmpty(Object.fromEntries(Object.entries(ofMember(m)).map(([t, rows]) => [t, rows.length])));
      for (const p of s.parts) Object.assign(counts, p.erase(m));
      for (const [k, x] of s.memberRows) if (x.id === m.id) s.memberRows.delete(k);
      for (const [k, x] of s.sessions) if (x.memberId === m.id) s.sessions.delete(k);
      s.disputeRows.splice(0, s.disputeRows.length, ...s.disputeRows.filter((x) => x.memberId !== m.id));
      s.attempts.splice(0, s.attempts.length, ...s.attempts.filter((x) => x.memberId !== m.id));
      for (const k of s.cards.keys()) if (k.startsWith(`${m.id}|`)) s.cards.delete(k);
      s.ledger.splice(0, s.ledger.length, ...s.ledger.filter((x) => x.memberId !== m.id));
      for (const k of s.totals.keys()) if (k.endsWith(`|${m.id}`)) s.totals.delete(k);
      for (const [k, x] of s.mockRows) {
        if (x.memberId === m.id) s.mockRows.delete(k);
        else if (x.partnerId === m.id) x.partnerId = null; // the partner's own interview stays theirs
      }
      // A channel's schedule is the space's; only who configured it is forgotten.
      for (const x of s.subscriptionRows.values()) if (x.spaceId === m.spaceId && x.createdBy === m.platformUserId) x.createdBy = "deleted-member";
      for (const [k, e] of s.eventRows) if (k.startsWith(`${m.spaceId}|`) && e.userId === m.platformUserId) s.eventRows.delete(k);
      s.reportRows.splice(0, s.reportRows.length, ...s.reportRows.filter((x) => x.memberId !== m.id));
      return counts;
    },
  };
}
