/**
 * The points ledger and the per-period totals beside it. Boards read the totals through an
 * index on (space, period, points); ranks are 1 + the number of members with more points.
 */
import { and, count, desc, eq, gt, inArray, sql } from "drizzle-orm";
import type { AwardInput, BoardRow, PointsRepo } from "../bot/ports.js";
import type { Db } from "./db.js";
import { groupMembers, members, pointTotals, points } from "./schema.js";

type Writer = Pick<Db, "insert">;

/** Writes the ledger row and, if it is new, adds to every period's total. Returns false for a repeat. */
export function applyAward(db: Writer, spaceId: string, memberId: number, a: AwardInput, at: Date): boolean {
  const inserted = db.insert(points).values({ spaceId, memberId, ref: a.ref, points: a.points, reason: a.reason, createdAt: at })
    .onConflictDoNothing().returning({ id: points.id }).get();
  if (!inserted || a.points === 0) return Boolean(inserted);
  for (const period of a.periods) {
    db.insert(pointTotals).values({ spaceId, period, memberId, points: a.points })
      .onConflictDoUpdate({ target: [pointTotals.spaceId, pointTotals.period, pointTotals.memberId], set: { points: sql`${pointTotals.points} + ${a.points}` } })
      .run();
  }
  return true;
}

export function createPointsRepo(db: Db): PointsRepo {
  const inGroup = (groupId: number | undefined) => groupId === undefined ? undefined
    : inArray(pointTotals.memberId, db.select({ id: groupMembers.memberId }).from(groupMembers).where(eq(groupMembers.groupId, groupId)));

  return {
    async earned(spaceId, memberId, period) {
      return db.select({ p: pointTotals.points }).from(pointTotals)
        .where(and(eq(pointTotals.spaceId, spaceId), eq(pointTotals.period, period), eq(pointTotals.memberId, memberId))).get()?.p ?? 0;
    },
    async award(spaceId, memberId, award, at) {
      return db.transaction((tx) => applyAward(tx, spaceId, memberId, award, at));
    },
    async top(spaceId, period, limit, groupId) {
      const rows = db.select({ memberId: pointTotals.memberId, name: members.displayName, points: pointTotals.points })
        .from(pointTotals).innerJoin(members, eq(members.id, pointTotals.memberId))
        .where(and(eq(pointTotals.spaceId, spaceId), eq(pointTotals.period, period), gt(pointTotals.points, 0), inGroup(groupId)))
        .orderBy(desc(pointTotals.points), members.displayName).limit(limit).all();
      // Sorted by points, so a row's rank is 1 + the position of the first row with its points.
      return rows.map((r) => ({ ...r, rank: rows.findIndex((x) => x.points === r.points) + 1 }));
    },
    async standing(spaceId, period, memberId, groupId) {
      const mine = db.select({ points: pointTotals.points, name: members.displayName }).from(pointTotals)
        .innerJoin(members, eq(members.id, pointTotals.memberId))
        .where(and(eq(pointTotals.spaceId, spaceId), eq(pointTotals.period, period), eq(pointTotals.memberId, memberId))).get();
      if (!mine || mine.points <= 0) return undefined;
      const above = db.select({ n: count() }).from(pointTotals)
        .where(and(eq(pointTotals.spaceId, spaceId), eq(pointTotals.period, period), gt(pointTotals.points, mine.points), inGroup(groupId))).get();
      return { memberId, name: mine.name, points: mine.points, rank: (above?.n ?? 0) + 1 };
    },
  };
}
