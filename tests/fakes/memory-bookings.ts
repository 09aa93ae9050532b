/** The in-memory twin of the SQLite BookingRepo (src/storage/bookings.ts). */
import type { Booking, BookingRepo } from "../../src/bot/ports.js";

export function createMemoryBookingRepo(): BookingRepo {
  const rows = new Map<string, Booking>();
  const clone = <T>(x: T): T => structuredClone(x);
  const byStart = (a: Booking, b: Booking) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id);
  const isUnchecked = (b: Booking) => b.status === "matched" && b.checkedAt === null;
  const ofMatch = (matchId: string) => [...rows.values()].filter((b) => b.matchId === matchId);
  return {
    async create(b) {
      if (rows.has(b.id)) throw new Error(`UNIQUE constraint failed: mock_bookings.id (${b.id})`);
      rows.set(b.id, {
        ...clone(b), status: "open", matchId: null, partnerId: null, role: null, matchAt: null, whiteboard: null,
        mockId: null, remindedAt: null, joinedAt: null, noShowAt: null, checkedAt: null,
      });
    },
    async get(id) { const b = rows.get(id); return b ? clone(b) : undefined; },
    async open(spaceId) {
      return [...rows.values()].filter((b) => b.spaceId === spaceId && b.status === "open")
        .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id)).map(clone);
    },
    async upcoming(memberId) {
      return [...rows.values()].filter((b) => b.memberId === memberId && (b.status === "open" || isUnchecked(b))).sort(byStart).map(clone);
    },
    async cancel(id, memberId) {
      const b = rows.get(id);
      if (!b || b.memberId !== memberId || b.status !== "open") return false;
      b.status = "cancelled";
      return true;
    },
    async expire(id) {
      const b = rows.get(id);
      if (!b || b.status !== "open") return false;
      b.status = "expired";
      return true;
    },
    async match(m) {
      const cand = rows.get(m.candidate);
      const intv = rows.get(m.interviewer);
      if (!cand || !intv || cand === intv || cand.status !== "open" || intv.status !== "open") return false;
      const shared = { status: "matched" as const, matchId: m.matchId, matchAt: new Date(m.matchAt), whiteboard: m.whiteboard };
      Object.assign(cand, shared, { role: "candidate", partnerId: intv.memberId });
      Object.assign(intv, shared, { role: "interviewer", partnerId: cand.memberId });
      return true;
    },
    async ofMatch(matchId) {
      return ofMatch(matchId).sort((a, b) => (a.role === "candidate" ? -1 : 1) - (b.role === "candidate" ? -1 : 1)).map(clone);
    },
    async setMock(matchId, mockId) { for (const b of ofMatch(matchId)) b.mockId = mockId; },
    async markReminded(matchId, at) { for (const b of ofMatch(matchId)) b.remindedAt ??= new Date(at); },
    async markJoined(matchId, memberId, at) {
      const b = ofMatch(matchId).find((x) => x.memberId === memberId);
      if (!b || b.joinedAt) return false;
      b.joinedAt = new Date(at);
      return true;
    },
    async settle(matchId, noShows, at) {
      const open = ofMatch(matchId).filter((b) => b.checkedAt === null);
      if (open.length === 0) return false;
      for (const b of open) b.checkedAt = new Date(at);
      for (const b of ofMatch(matchId)) if (noShows.includes(b.memberId)) b.noShowAt = new Date(at);
      return true;
    },
    async pending() {
      return [...rows.values()].filter((b) => b.status === "open" || isUnchecked(b)).sort(byStart).map(clone);
    },
    async noShowCount(memberId) {
      return [...rows.values()].filter((b) => b.memberId === memberId && b.noShowAt !== null).length;
    },
  };
}
