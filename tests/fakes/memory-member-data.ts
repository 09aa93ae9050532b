/**
 * The in-memory MemberDataRepo, over the maps the twin holds itself (members, quiz sessions,
 * attempts, review cards, the points ledger and totals, group memberships, mocks, subscriptions,
 * processed events, item reports). Streaks, rounds, pair tickets and group rows live inside their own twins and
 * are not reached here; the SQLite test (tests/integration/member-data.test.ts) is the real proof.
 * Table names and choices follow src/storage/member-data.ts.
 */
import type { AttemptInput, ItemReport, Member, MemberDataRepo, MockSession, QuizSession, ReviewCard, Subscription } from "../../src/bot/ports.js";
import type { Reply } from "../../src/bot/reply.js";

export interface MemoryMemberState {
  memberRows: Map<string, Member>;
  sessions: Map<string, QuizSession>;
  attempts: AttemptInput[];
  /** "member|question" → card. */
  cards: Map<string, ReviewCard>;
  ledger: Array<{ spaceId: string; memberId: number; ref: string; points: number }>;
  /** "space#board|period|member" → points. */
  totals: Map<string, number>;
  groupOf: Map<number, Set<number>>;
  mockRows: Map<string, MockSession>;
  subscriptionRows: Map<number, Subscription>;
  /** "space|key" → the reply and whose it was. */
  eventRows: Map<string, { reply: Reply; userId?: string }>;
  reportRows: ItemReport[];
}

export function createMemoryMemberData(s: MemoryMemberState): MemberDataRepo {
  const ofMember = (m: Member) => ({
    members: [...s.memberRows.values()].filter((x) => x.id === m.id),
    quiz_sessions: [...s.sessions.values()].filter((x) => x.memberId === m.id),
    attempts: s.attempts.filter((x) => x.memberId === m.id),
    reviews: [...s.cards.entries()].filter(([k]) => k.startsWith(`${m.id}|`)).map(([, c]) => c),
    points: s.ledger.filter((x) => x.memberId === m.id),
    point_totals: [...s.totals.keys()].filter((k) => k.endsWith(`|${m.id}`)),
    group_members: [...s.groupOf.entries()].filter(([, ids]) => ids.has(m.id)).map(([groupId]) => ({ groupId, memberId: m.id })),
    mock_sessions: [...s.mockRows.values()].filter((x) => x.memberId === m.id || x.partnerId === m.id),
    subscriptions: [...s.subscriptionRows.values()].filter((x) => x.spaceId === m.spaceId && x.createdBy === m.platformUserId),
    processed_events: [...s.eventRows.entries()].filter(([k, e]) => k.startsWith(`${m.spaceId}|`) && e.userId === m.platformUserId),
    item_reports: s.reportRows.filter((x) => x.memberId === m.id),
  });
  return {
    async export(m) {
      const out: Record<string, unknown[]> = {};
      for (const [table, rows] of Object.entries(ofMember(m))) if (rows.length) out[table] = structuredClone(rows);
      return out;
    },
    async erase(m) {
      const counts = Object.fromEntries(Object.entries(ofMember(m)).map(([t, rows]) => [t, rows.length]).filter(([, n]) => n));
      for (const [k, x] of s.memberRows) if (x.id === m.id) s.memberRows.delete(k);
      for (const [k, x] of s.sessions) if (x.memberId === m.id) s.sessions.delete(k);
      s.attempts.splice(0, s.attempts.length, ...s.attempts.filter((x) => x.memberId !== m.id));
      for (const k of s.cards.keys()) if (k.startsWith(`${m.id}|`)) s.cards.delete(k);
      s.ledger.splice(0, s.ledger.length, ...s.ledger.filter((x) => x.memberId !== m.id));
      for (const k of s.totals.keys()) if (k.endsWith(`|${m.id}`)) s.totals.delete(k);
      for (const ids of s.groupOf.values()) ids.delete(m.id);
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
