/**
 * The points ledger and its period totals on PostgreSQL (../points.ts is the SQLite twin). A rank
 * is 1 + the members above, summed from the rank_nodes count tree (kept by the trigger of
 * migrations/pg/0001): at most 31 primary-key lookups whatever the board's size.
 */
import { and, asc, desc, eq, gt, inArray, sql } from "drizzle-orm";
import type { AwardInput, PointsRepo } from "../../bot/ports.js";
import { groupBoard, SPACE_BOARD } from "../points.js";
import { nodesAbove } from "../rank-nodes.js";
import type { PgDb } from "./db.js";
import { groupMembers, members, pointTotals, points, rankNodes } from "./schema.js";
import { byName, lockMember, type Q } from "./tx.js";

const boardOf = (groupId: number | undefined) => (groupId === undefined ? SPACE_BOARD : groupBoard(groupId));

async function totalOf(q: Q, spaceId: string, board: string, period: string, memberId: number) {
  const [row] = await q.select({ points: pointTotals.points, name: members.displayName }).from(pointTotals)
    .innerJoin(members, eq(members.id, pointTotals.memberId))
    .where(and(eq(pointTotals.spaceId, spaceId), eq(pointTotals.board, board), eq(pointTotals.period, period), eq(pointTotals.memberId, memberId)));
  return row;
}

/**
 * Writes the ledger row, clipped to the cap when there is one, and, if the row is new, adds to
 * every period's total on the space board and the member's group boards. Call inside a
 * transaction. With a cap the member is locked first (tx.ts), so two answers at once, from two
 * processes, read the cap one after the other; `memberLocked` says the caller holds that lock
 * already (activities.ts takes it first), which saves a round trip. A repeated ref is held by the
 * unique (space, ref) index: ON CONFLICT DO NOTHING waits for a concurrent insert of the same ref
 * to commit, then skips.
 */
export async function awardPoints(
  q: Q, spaceId: string, memberId: number, a: AwardInput, at: Date, opts: { memberLocked?: boolean } = {},
): Promise<{ points: number; isNew: boolean }> {
  if (a.cap && !opts.memberLocked) await lockMember(q, memberId);
  const left = a.cap ? a.cap.limit - ((await totalOf(q, spaceId, SPACE_BOARD, a.cap.period, memberId))?.points ?? 0) : a.points;
  const awarded = Math.max(0, Math.min(a.points, left));
  const inserted = await q.insert(points).values({ spaceId, memberId, ref: a.ref, points: awarded, reason: a.reason, createdAt: at })
    .onConflictDoNothing().returning({ id: points.id });
  if (inserted.length === 0) {
    const [first] = await q.select({ points: points.points }).from(points).where(and(eq(points.spaceId, spaceId), eq(points.ref, a.ref)));
    return { points: first?.points ?? 0, isNew: false };
  }
  if (awarded === 0) return { points: 0, isNew: true };
  // Groups in id order and periods in the caller's order: concurrent awards lock totals rows in one order.
  const groups = await q.select({ groupId: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.memberId, memberId)).orderBy(asc(groupMembers.groupId));
  const rows = [SPACE_BOARD, ...groups.map((g) => groupBoard(g.groupId))]
    .flatMap((board) => a.periods.map((period) => ({ spaceId, board, period, memberId, points: awarded })));
  if (rows.length > 0) {
    await q.insert(pointTotals).values(rows).onConflictDoUpdate({
      target: [pointTotals.spaceId, pointTotals.board, pointTotals.period, pointTotals.memberId],
      set: { points: sql`${pointTotals.points} + excluded.points` },
    });
  }
  return { points: awarded, isNew: true };
}

export function createPgPointsRepo(db: PgDb): PointsRepo {
  return {
    async earned(spaceId, memberId, period) {
      return (await totalOf(db, spaceId, SPACE_BOARD, period, memberId))?.points ?? 0;
    },
    async award(spaceId, memberId, a, at) {
      return db.transaction(async (tx) => (await awardPoints(tx, spaceId, memberId, a, at)).isNew);
    },
    async top(spaceId, period, limit, groupId) {
      const rows = await db.select({ memberId: pointTotals.memberId, name: members.displayName, points: pointTotals.points })
        .from(pointTotals).innerJoin(members, eq(members.id, pointTotals.memberId))
        .where(and(eq(pointTotals.spaceId, spaceId), eq(pointTotals.board, boardOf(groupId)), eq(pointTotals.period, period), gt(pointTotals.points, 0)))
        .orderBy(desc(pointTotals.points), byName(members.displayName), asc(pointTotals.memberId)).limit(limit);
      return rows.map((r) => ({ ...r, rank: rows.findIndex((x) => x.points === r.points) + 1 }));
    },
    async standing(spaceId, period, memberId, groupId) {
      const board = boardOf(groupId);
      const mine = await totalOf(db, spaceId, board, period, memberId);
      if (!mine || mine.points <= 0) return undefined;
      const nodes = nodesAbove(mine.points);
      const [above] = nodes.length === 0 ? [{ n: 0 }] : await db.select({ n: sql<number>`coalesce(sum(${rankNodes.members}), 0)::integer` }).from(rankNodes)
        .where(and(eq(rankNodes.spaceId, spaceId), eq(rankNodes.board, board), eq(rankNodes.period, period), inArray(rankNodes.node, nodes)));
      return { memberId, name: mine.name, points: mine.points, rank: (above?.n ?? 0) + 1 };
    },
  };
}
