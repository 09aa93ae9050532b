/** In-memory twins of the storage repos, for unit tests of the core. The contract suite runs against both. */
import {
  bucketProgress, deliverySlotKey, type AttemptInput, type ItemReport, type AwardInput, type DeliveryRepo, type Dispute, type MockRepo, type MockSession, type PointsRepo, type ReviewCard, type ReviewRepo, type EventLog, type Member, type MemberRepo, type QuizRepo, type QuizSession, type Space, type SpaceRepo, type Subscription, type SubscriptionRepo,
} from "../../src/bot/ports.js";
import type { Reply } from "../../src/bot/reply.js";
import type { Repos } from "../../src/storage/index.js";
import { createMemoryRoundRepo } from "./memory-rounds.js";
import { createMemoryGroupRepo } from "./memory-groups.js";
import { createMemoryPairRepo } from "./memory-pairs.js";
import { createMemoryBookingRepo } from "./memory-bookings.js";
import { createMemoryStreakRepo } from "./memory-streaks.js";
import { createMemoryMemberData } from "./memory-member-data.js";
import { createMemoryMemberPlanRepo } from "./memory-member-plans.js";
import { createMemoryReportRepo } from "./memory-reports.js";
import { createMemoryActivityRepo } from "./memory-activities.js";
import { createMemoryRoleRepo } from "./memory-roles.js";
import { createMemoryBankRepo } from "./memory-banks.js";

export interface MemoryRepos extends Repos {
  groupOf: Map<number, Set<number>>;
  ledger: Array<{ spaceId: string; memberId: number; ref: string; points: number }>;
  attempts: AttemptInput[];
  sessions: Map<string, QuizSession>;
  subscriptionRows: Map<number, Subscription>;
}

export function createMemoryRepos(): MemoryRepos {
  const spaceRows = new Map<string, Space>();
  const memberRows = new Map<string, Member>();
  const sessions = new Map<string, QuizSession>();
  const attempts: AttemptInput[] = [];
  const disputeRows: Dispute[] = [];
  const subscriptionRows = new Map<number, Subscription>();
  const eventRows = new Map<string, { reply: Reply; userId?: string; savedAt?: number }>();
  let lastMemberId = 0; // ids are never reused, as SQLite AUTOINCREMENT (a stale button must not reach a new member)
  const clone = <T>(x: T): T => structuredClone(x);
  /** Binary order of strings, as SQL's ORDER BY on text (not localeCompare: "B" < "a" there). */
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  /** A board's order (points, retention, streaks): most first, then name, then member id. */
  const byBoardOrder = (a: { points: number; name: string; memberId: number }, b: typeof a) =>
    b.points - a.points || cmp(a.name, b.name) || a.memberId - b.memberId;

  const cards = new Map<string, ReviewCard>();
  const cardSpaces = new Map<string, string>(); // "member|question" → the space it was saved in (reviews.space_id)
  /** One space's retention board, in the port's order: most cards kept, then name, then member id. */
  const retentionRows = (spaceId: string, minStability: number) => {
    const kept = new Map<number, number>();
    for (const [k, c] of cards) {
      if (c.stability < minStability || cardSpaces.get(k) !== spaceId) continue;
      const memberId = Number(k.split("|")[0]);
      kept.set(memberId, (kept.get(memberId) ?? 0) + 1);
    }
    return [...kept.entries()].map(([memberId, points]) => ({ memberId, name: nameOf(memberId), points })).sort(byBoardOrder);
  };
  const reviews: ReviewRepo = {
    async get(memberId, questionId) { const c = cards.get(`${memberId}|${questionId}`); return c && clone(c); },
    async save(spaceId, memberId, card) {
      const k = `${memberId}|${card.questionId}`;
      cards.set(k, clone(card));
      // As the SQLite upsert: a card keeps the space of its first save.
      if (!cardSpaces.has(k)) cardSpaces.set(k, spaceId);
    },
    async due(memberId, now, limit) {
      return [...cards.entries()].filter(([k, c]) => k.startsWith(`${memberId}|`) && c.due <= now)
        .map(([, c]) => clone(c)).sort((a, b) => a.due.getTime() - b.due.getTime() || cmp(a.questionId, b.questionId)).slice(0, limit);
    },
    async retentionTop(spaceId, minStability, limit) {
      const rows = retentionRows(spaceId, minStability).slice(0, limit);
      return rows.map((r) => ({ ...r, rank: rows.findIndex((x) => x.points === r.points) + 1 }));
    },
    async retentionOf(spaceId, memberId, minStability) {
      const rows = retentionRows(spaceId, minStability);
      const mine = rows.find((r) => r.memberId === memberId);
      return mine && { ...mine, rank: rows.filter((r) => r.points > mine.points).length + 1 };
    },
    async upcoming(memberId, now) {
      const mine = [...cards.entries()].filter(([k]) => k.startsWith(`${memberId}|`)).map(([, c]) => c);
      const later = mine.filter((c) => c.due > now).sort((a, b) => a.due.getTime() - b.due.getTime());
      return { next: later[0] ? new Date(later[0].due) : undefined, total: mine.length };
    },
  };
  const ledger: Array<{ spaceId: string; memberId: number; ref: string; points: number }> = [];
  const totals = new Map<string, number>(); // space|period|member → points
  const groupOf = new Map<number, Set<number>>(); // group → members, kept by the group repo
  /** As storage/points.ts `awardPoints`: clipped to the cap, the ref's points and whether it is new; a dry run writes nothing. */
  const awardPoints = (spaceId: string, memberId: number, a: AwardInput, isDryRun = false) => {
    const earlier = ledger.find((l) => l.spaceId === spaceId && l.ref === a.ref);
    if (earlier) return { points: earlier.points, isNew: false };
    const left = a.cap ? a.cap.limit - (totals.get(`${spaceId}#space|${a.cap.period}|${memberId}`) ?? 0) : a.points;
    const points = Math.max(0, Math.min(a.points, left));
    if (isDryRun) return { points, isNew: true };
    ledger.push({ spaceId, memberId, ref: a.ref, points });
    const boards = ["space", ...[...groupOf.entries()].filter(([, m]) => m.has(memberId)).map(([g]) => `g${g}`)];
    for (const board of boards) {
      for (const period of a.periods) {
        const k = `${spaceId}#${board}|${period}|${memberId}`;
        if (points > 0) totals.set(k, (totals.get(k) ?? 0) + points);
      }
    }
    return { points, isNew: true };
  };
  const applyAward = (spaceId: string, memberId: number, a: AwardInput) => awardPoints(spaceId, memberId, a).isNew;
  const nameOf = (id: number) => [...memberRows.values()].find((m) => m.id === id)?.displayName ?? "";
  const board = (spaceId: string, period: string, groupId?: number) =>
    [...totals.entries()].map(([k, p]) => ({ k: k.split("|"), p }))
      .filter(({ k, p }) => k[0] === `${spaceId}#${groupId === undefined ? "space" : `g${groupId}`}` && k[1] === period && p > 0)
      .map(({ k, p }) => ({ memberId: Number(k[2]), name: nameOf(Number(k[2])), points: p }));
  const points: PointsRepo = {
    async earned(spaceId, memberId, period) { return totals.get(`${spaceId}#space|${period}|${memberId}`) ?? 0; },
    async award(spaceId, memberId, a) { return applyAward(spaceId, memberId, a); },
    async top(spaceId, period, limit, groupId) {
      const rows = board(spaceId, period, groupId).sort(byBoardOrder).slice(0, limit);
      return rows.map((r) => ({ ...r, rank: rows.findIndex((x) => x.points === r.points) + 1 }));
    },
    async standing(spaceId, period, memberId, groupId) {
      const rows = board(spaceId, period, groupId);
      const mine = rows.find((r) => r.memberId === memberId);
      return mine && { ...mine, rank: rows.filter((r) => r.points > mine.points).length + 1 };
    },
  };
  const mockRows = new Map<string, MockSession>();
  const takesPart = (m: MockSession, memberId: number) => m.memberId === memberId || m.partnerId === memberId;
  const pairs = createMemoryPairRepo(() => [...mockRows.values()]);
  const mocks: MockRepo = {
    async create(m) { mockRows.set(m.id, clone(m)); },
    async get(spaceId, id) { const m = mockRows.get(id); return m && m.spaceId === spaceId ? clone(m) : undefined; },
    async activeFor(memberId) {
      const m = [...mockRows.values()].filter((x) => takesPart(x, memberId) && !x.endedAt)
        .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime() || cmp(b.id, a.id))[0];
      return m && clone(m);
    },
    async activeInThread(spaceId, threadId) {
      const m = [...mockRows.values()].find((x) => x.spaceId === spaceId && x.threadId === threadId && !x.endedAt);
      return m && clone(m);
    },
    async update(id, changes) { Object.assign(mockRows.get(id) ?? {}, clone(changes)); },
    async running() {
      return [...mockRows.values()].filter((m) => !m.endedAt).sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || cmp(a.id, b.id)).map(clone);
    },
    async claimNudge(id, key, at) {
      const m = mockRows.get(id);
      if (!m || m.transcript.some((l) => l.who === "bot" && l.text === `timer:${key}`)) return false;
      m.transcript.push({ at: at.toISOString(), phase: m.phase, who: "bot", text: `timer:${key}` });
      return true;
    },
    async releaseNudge(id, key) {
      const m = mockRows.get(id);
      if (m) m.transcript = m.transcript.filter((l) => !(l.who === "bot" && l.text === `timer:${key}`));
    },
    async history(memberId, limit) {
      return [...mockRows.values()].filter((m) => takesPart(m, memberId) && m.endedAt)
        .sort((a, b) => b.endedAt!.getTime() - a.endedAt!.getTime() || cmp(b.id, a.id)).slice(0, limit).map(clone);
    },
  };
  const spaces: SpaceRepo = {
    async ensure(s, tz) {
      if (!spaceRows.has(s.id)) spaceRows.set(s.id, { id: s.id, platform: s.platform, name: s.name ?? null, timezone: tz });
      return clone(spaceRows.get(s.id)!);
    },
    async get(id) { const s = spaceRows.get(id); return s && clone(s); },
    async setTimezone(id, timezone) {
      const s = spaceRows.get(id);
      if (s) s.timezone = timezone;
      return s && clone(s);
    },
  };
  const members: MemberRepo = {
    async find(spaceId, platformUserId) { const m = memberRows.get(`${spaceId}|${platformUserId}`); return m && clone(m); },
    async ensure(spaceId, user) {
      const key = `${spaceId}|${user.id}`;
      const m = memberRows.get(key) ?? { id: ++lastMemberId, spaceId, platformUserId: user.id, displayName: user.name, timezone: null };
      m.displayName = user.name;
      memberRows.set(key, m);
      return clone(m);
    },
    async get(memberId) { const m = [...memberRows.values()].find((x) => x.id === memberId); return m && clone(m); },
    async setTimezone(memberId, timezone) {
      const m = [...memberRows.values()].find((x) => x.id === memberId);
      if (m) m.timezone = timezone;
    },
  };
  const quizzes: QuizRepo = {
    async open(s) { sessions.set(s.id, { ...s, answeredAt: null }); },
    async get(spaceId, id) {
      const s = sessions.get(id);
      return s && s.spaceId === spaceId ? clone(s) : undefined;
    },
    async recordAnswer(a) {
      const s = sessions.get(a.sessionId);
      if (!s || s.answeredAt) return false;
      s.answeredAt = a.at;
      attempts.push(a);
      if (a.review) await reviews.save(a.spaceId, a.memberId, a.review, a.at);
      if (a.award) applyAward(a.spaceId, a.memberId, a.award);
      return true;
    },
    async recentAttempts(memberId, limit) {
      // Newest first; at the same instant the later recorded first (SQLite's id order).
      return attempts.map((a, i) => ({ a, i })).filter(({ a }) => a.memberId === memberId)
        .sort((x, y) => y.a.at.getTime() - x.a.at.getTime() || y.i - x.i).slice(0, limit).map(({ a }) => a)
        .map((a) => ({ questionId: a.questionId, topic: a.topic, level: a.level, score: a.score, at: a.at }));
    },
    async askedSince(memberId, since) {
      const last = new Map<string, Date>();
      for (const s of sessions.values()) {
        if (s.memberId !== memberId || s.createdAt < since) continue;
        const seen = last.get(s.questionId);
        if (!seen || seen < s.createdAt) last.set(s.questionId, s.createdAt);
      }
      return last;
    },
    async stats(memberId) {
      const groups = new Map<string, { topic: string; level: number; attempts: number; correct: number; averageScore: number }>();
      for (const a of attempts.filter((x) => x.memberId === memberId)) {
        const key = `${a.topic}|${a.level}`;
        const g = groups.get(key) ?? { topic: a.topic, level: a.level, attempts: 0, correct: 0, averageScore: 0 };
        g.averageScore = (g.averageScore * g.attempts + a.score) / (g.attempts + 1);
        g.attempts += 1;
        g.correct += a.isCorrect ? 1 : 0;
        groups.set(key, g);
      }
      return [...groups.values()].sort((x, y) => cmp(x.topic, y.topic) || x.level - y.level);
    },
    async progressSince(memberId, since, timezone) {
      const mine = attempts.filter((a) => a.memberId === memberId && a.at >= since);
      return bucketProgress(mine.map((a) => ({ at: a.at, topic: a.topic, attempts: 1, correct: a.isCorrect ? 1 : 0 })), timezone);
    },
    async dispute(d) {
      const answered = attempts.find((a) => a.sessionId === d.sessionId && a.spaceId === d.spaceId);
      if (!answered || disputeRows.some((x) => x.sessionId === d.sessionId && x.keyPoint === d.keyPoint)) return false;
      disputeRows.push({ ...d, answer: answered.answer });
      return true;
    },
    async disputes() {
      return [...disputeRows].sort((a, b) => cmp(a.questionId, b.questionId) || a.keyPoint - b.keyPoint
        || a.at.getTime() - b.at.getTime() || cmp(a.sessionId, b.sessionId)).map(clone);
    },
  };
  const subscriptions: SubscriptionRepo = {
    async byId(id) { const s = subscriptionRows.get(id); return s && clone(s); },
    async all() { return [...subscriptionRows.values()].map(clone); },
    async get(spaceId, channelId) {
      const s = [...subscriptionRows.values()].find((x) => x.spaceId === spaceId && x.channelId === channelId);
      return s && clone(s);
    },
    async upsert(input) {
      const existing = [...subscriptionRows.values()].find((x) => x.spaceId === input.spaceId && x.channelId === input.channelId);
      const row: Subscription = { ...input, id: existing?.id ?? subscriptionRows.size + 1, isPaused: existing?.isPaused ?? false, pausedReason: existing?.pausedReason ?? null };
      subscriptionRows.set(row.id, row);
      return clone(row);
    },
    async setPaused(id, isPaused, reason, at) {
      const row = subscriptionRows.get(id);
      if (!row) throw new Error(`subscription ${id} not found`);
      Object.assign(row, { isPaused, pausedReason: reason, updatedAt: at });
      return clone(row);
    },
  };
  const events: EventLog = {
    async find(spaceId, key) { return eventRows.get(`${spaceId}|${key}`)?.reply; },
    async save(spaceId, key, reply, userId) {
      const k = `${spaceId}|${key}`;
      if (!eventRows.has(k)) eventRows.set(k, { reply, savedAt: Date.now(), ...(userId === undefined ? {} : { userId }) });
      return eventRows.get(k)!.reply;
    },
    async pruneBefore(at) {
      const old = [...eventRows].filter(([, r]) => (r.savedAt ?? 0) < at.getTime()).map(([k]) => k);
      for (const k of old) eventRows.delete(k);
      return old.length;
    },
  };
  const deliveryRows = new Map<string, { status: string; claimedAt: number; messageRef?: string; error?: string }>();
  const deliveries: DeliveryRepo = {
    async claim({ subscriptionId, localDate, at, leaseMs }) {
      const key = deliverySlotKey({ subscriptionId, localDate });
      const row = deliveryRows.get(key);
      if (!row) {
        deliveryRows.set(key, { status: "claimed", claimedAt: at.getTime() });
        return { status: "claimed" };
      }
      if (row.status !== "claimed") return { status: "done" };
      if (row.claimedAt >= at.getTime() - leaseMs) return { status: "busy" };
      row.claimedAt = at.getTime();
      return { status: "claimed" };
    },
    async release(slot) { const d = deliveryRows.get(deliverySlotKey(slot)); if (d?.status === "claimed") d.claimedAt = 0; },
    async markPosted(slot, messageRef) { Object.assign(deliveryRows.get(deliverySlotKey(slot)) ?? {}, { status: "posted", messageRef }); },
    async markFailed(slot, error) { Object.assign(deliveryRows.get(deliverySlotKey(slot)) ?? {}, { status: "failed", error }); },
    async recordMissed({ subscriptionId, localDate, at }) {
      const key = deliverySlotKey({ subscriptionId, localDate });
      if (!deliveryRows.has(key)) deliveryRows.set(key, { status: "missed", claimedAt: at.getTime() });
    },
    async recordedAmong(slots) {
      return new Set(slots.map(deliverySlotKey).filter((k) => deliveryRows.has(k)));
    },
  };
  const rounds = createMemoryRoundRepo(nameOf);
  const groups = createMemoryGroupRepo(groupOf, (groupId, memberId) => {
    for (const k of [...totals.keys()]) if (k.includes(`#g${groupId}|`) && k.endsWith(`|${memberId}`)) totals.delete(k);
  });
  const streaks = createMemoryStreakRepo(
    (id) => [...memberRows.values()].find((m) => m.id === id), (id) => spaceRows.get(id), groupOf,
  );
  const activities = createMemoryActivityRepo({ sessions, attempts, eventRows, reviews, streaks, rounds, awardPoints });
  const reportRows: ItemReport[] = [];
  const memberPlans = createMemoryMemberPlanRepo();
  const memberData = createMemoryMemberData({
    memberRows, sessions, disputeRows, attempts, cards, ledger, totals, mockRows, subscriptionRows, eventRows, reportRows,
    parts: [streaks.memberTables, rounds.memberTables, pairs.memberTables, groups.memberTables, memberPlans.memberTables],
  });
  const reports = createMemoryReportRepo(reportRows);
const bookings = createMemoryBookingRepo();
  const roles = createMemoryRoleRepo();
  const banks = createMemoryBankRepo();
  return { activities, memberData, memberPlans, reports, bookings, roles, banks, spaces, members, quizzes, reviews, points, mocks, pairs, rounds, groups, streaks, groupOf, ledger, subscriptions, events, deliveries, attempts, sessions, subscriptionRows };
}
