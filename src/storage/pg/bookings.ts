/** Scheduled peer-mock bookings and their matches on PostgreSQL (../bookings.ts is the SQLite twin). */
import { and, asc, count, eq, inArray, isNotNull, isNull, or } from "drizzle-orm";
import type { Booking, BookingRepo } from "../../bot/ports.js";
import type { PgDb } from "./db.js";
import { mockBookings } from "./schema.js";

const asBooking = (r: typeof mockBookings.$inferSelect): Booking => ({ ...r });
const changed = (r: { rowCount: number | null }) => (r.rowCount ?? 0) > 0;

export function createPgBookingRepo(db: PgDb): BookingRepo {
  const t = mockBookings;
  const unchecked = and(eq(t.status, "matched"), isNull(t.checkedAt));
  return {
    async create(b) {
      await db.insert(t).values({ ...b, status: "open" });
    },
    async get(id) {
      const [r] = await db.select().from(t).where(eq(t.id, id));
      return r && asBooking(r);
    },
    async open(spaceId) {
      return (await db.select().from(t).where(and(eq(t.spaceId, spaceId), eq(t.status, "open"))).orderBy(asc(t.startsAt), asc(t.createdAt), asc(t.id))).map(asBooking);
    },
    async upcoming(memberId) {
      return (await db.select().from(t).where(and(eq(t.memberId, memberId), or(eq(t.status, "open"), unchecked)))
        .orderBy(asc(t.startsAt), asc(t.id))).map(asBooking);
    },
    async cancel(id, memberId) {
      return changed(await db.update(t).set({ status: "cancelled" }).where(and(eq(t.id, id), eq(t.memberId, memberId), eq(t.status, "open"))));
    },
    async expire(id) {
      return changed(await db.update(t).set({ status: "expired" }).where(and(eq(t.id, id), eq(t.status, "open"))));
    },
    async match(m) {
      if (m.candidate === m.interviewer) return false;
      return db.transaction(async (tx) => {
        // The claim, across hosts: both rows locked (in id order, so two matchers never deadlock) and
        // re-checked once the lock is ours; a booking another matcher took meanwhile is no longer open.
        const rows = await tx.select().from(t).where(and(inArray(t.id, [m.candidate, m.interviewer]), eq(t.status, "open")))
          .orderBy(asc(t.id)).for("update");
        const cand = rows.find((r) => r.id === m.candidate);
        const intv = rows.find((r) => r.id === m.interviewer);
        if (!cand || !intv) return false;
        const shared = { status: "matched" as const, matchId: m.matchId, matchAt: m.matchAt, whiteboard: m.whiteboard };
        await tx.update(t).set({ ...shared, role: "candidate", partnerId: intv.memberId }).where(eq(t.id, cand.id));
        await tx.update(t).set({ ...shared, role: "interviewer", partnerId: cand.memberId }).where(eq(t.id, intv.id));
        return true;
      });
    },
    async ofMatch(matchId) {
      return (await db.select().from(t).where(eq(t.matchId, matchId))).map(asBooking)
        .sort((a, b) => (a.role === "candidate" ? -1 : 1) - (b.role === "candidate" ? -1 : 1));
    },
    async setMock(matchId, mockId) {
      await db.update(t).set({ mockId }).where(eq(t.matchId, matchId));
    },
    async markReminded(matchId, at) {
      await db.update(t).set({ remindedAt: at }).where(and(eq(t.matchId, matchId), isNull(t.remindedAt)));
    },
    async markJoined(matchId, memberId, at) {
      return changed(await db.update(t).set({ joinedAt: at }).where(and(eq(t.matchId, matchId), eq(t.memberId, memberId), isNull(t.joinedAt))));
    },
    async settle(matchId, noShows, at) {
      return db.transaction(async (tx) => {
        // A second check (another host's timer) waits on these rows, then finds checked_at set: it writes nothing.
        if (!changed(await tx.update(t).set({ checkedAt: at }).where(and(eq(t.matchId, matchId), isNull(t.checkedAt))))) return false;
        if (noShows.length) await tx.update(t).set({ noShowAt: at }).where(and(eq(t.matchId, matchId), inArray(t.memberId, [...noShows])));
        return true;
      });
    },
    async pending() {
      return (await db.select().from(t).where(or(eq(t.status, "open"), unchecked)).orderBy(asc(t.startsAt), asc(t.id))).map(asBooking);
    },
    async noShowCount(memberId) {
      const [r] = await db.select({ n: count() }).from(t).where(and(eq(t.memberId, memberId), isNotNull(t.noShowAt)));
      return r?.n ?? 0;
    },
  };
}
