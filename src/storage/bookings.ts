/** Scheduled peer-mock bookings and their matches (BookingRepo). */
import { and, asc, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { Booking, BookingRepo } from "../bot/ports.js";
import type { Db } from "./db.js";
import { mockBookings } from "./schema.js";

const asBooking = (r: typeof mockBookings.$inferSelect): Booking => ({ ...r });

export function createBookingRepo(db: Db): BookingRepo {
  const t = mockBookings;
  const unchecked = and(eq(t.status, "matched"), isNull(t.checkedAt));
  return {
    async create(b) {
      db.insert(t).values({ ...b, status: "open" }).run();
    },
    async get(id) {
      const r = db.select().from(t).where(eq(t.id, id)).get();
      return r ? asBooking(r) : undefined;
    },
    async open(spaceId) {
      return db.select().from(t).where(and(eq(t.spaceId, spaceId), eq(t.status, "open"))).orderBy(asc(t.startsAt), asc(t.createdAt), asc(t.id)).all().map(asBooking);
    },
    async upcoming(memberId) {
      return db.select().from(t).where(and(eq(t.memberId, memberId), or(eq(t.status, "open"), unchecked)))
        .orderBy(asc(t.startsAt), asc(t.id)).all().map(asBooking);
    },
    async cancel(id, memberId) {
      return db.update(t).set({ status: "cancelled" }).where(and(eq(t.id, id), eq(t.memberId, memberId), eq(t.status, "open"))).run().changes === 1;
    },
    async expire(id) {
      return db.update(t).set({ status: "expired" }).where(and(eq(t.id, id), eq(t.status, "open"))).run().changes === 1;
    },
    async match(m) {
      return db.transaction((tx) => {
        const rows = tx.select().from(t).where(and(inArray(t.id, [m.candidate, m.interviewer]), eq(t.status, "open"))).all();
        const cand = rows.find((r) => r.id === m.candidate);
        const intv = rows.find((r) => r.id === m.interviewer);
        if (!cand || !intv || cand.id === intv.id) return false;
        const shared = { status: "matched" as const, matchId: m.matchId, matchAt: m.matchAt, whiteboard: m.whiteboard };
        tx.update(t).set({ ...shared, role: "candidate", partnerId: intv.memberId }).where(eq(t.id, cand.id)).run();
        tx.update(t).set({ ...shared, role: "interviewer", partnerId: cand.memberId }).where(eq(t.id, intv.id)).run();
        return true;
      });
    },
    async ofMatch(matchId) {
      return db.select().from(t).where(eq(t.matchId, matchId)).all().map(asBooking)
        .sort((a, b) => (a.role === "candidate" ? -1 : 1) - (b.role === "candidate" ? -1 : 1));
    },
    async setMock(matchId, mockId) {
      db.update(t).set({ mockId }).where(eq(t.matchId, matchId)).run();
    },
    async markReminded(matchId, at) {
      db.update(t).set({ remindedAt: at }).where(and(eq(t.matchId, matchId), isNull(t.remindedAt))).run();
    },
    async markJoined(matchId, memberId, at) {
      return db.update(t).set({ joinedAt: at }).where(and(eq(t.matchId, matchId), eq(t.memberId, memberId), isNull(t.joinedAt))).run().changes === 1;
    },
    async settle(matchId, noShows, at) {
      return db.transaction((tx) => {
        const changed = tx.update(t).set({ checkedAt: at }).where(and(eq(t.matchId, matchId), isNull(t.checkedAt))).run().changes;
        if (changed === 0) return false;
        if (noShows.length) tx.update(t).set({ noShowAt: at }).where(and(eq(t.matchId, matchId), inArray(t.memberId, [...noShows]))).run();
        return true;
      });
    },
    async pending() {
      return db.select().from(t).where(or(eq(t.status, "open"), unchecked)).orderBy(asc(t.startsAt), asc(t.id)).all().map(asBooking);
    },
    async noShowCount(memberId) {
      return db.select({ n: sql<number>`count(*)` }).from(t).where(and(eq(t.memberId, memberId), isNotNull(t.noShowAt))).get()?.n ?? 0;
    },
  };
}
