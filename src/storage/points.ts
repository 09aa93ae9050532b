/**
 * The points ledger and the per-period totals beside it. Boards read the totals through an
 * index on (space, period, points); ranks are 1 + the number of members with more points, read
 * from the rank_nodes count tree (rank-nodes.ts) so that it costs the same on any board size.
 */
import type { AwardInput, BoardRow, PointsRepo } from "../bot/ports.js";
import type { Db } from "./db.js";
import { nodesAbove } from "./rank-nodes.js";
import { statementsFor, type Statements } from "./statements.js";

export const SPACE_BOARD = "space";
export const groupBoard = (groupId: number) => `g${groupId}`;
const boardOf = (groupId: number | undefined) => (groupId === undefined ? SPACE_BOARD : groupBoard(groupId));

/**
 * Writes the ledger row, clipped to the cap when there is one (read here, inside the caller's
 * transaction, so two answers at once cannot both pass it), and, if the row is new, adds to every
 * period's total on the space's board and on each of the member's group boards. Returns the ref's
 * points: those awarded now, or for a repeated ref (`isNew` false) those of its first award.
 */
export function awardPoints(st: Statements, spaceId: string, memberId: number, a: AwardInput, at: Date): { points: number; isNew: boolean } {
  const left = a.cap ? a.cap.limit - (st.totalGet.get({ spaceId, board: SPACE_BOARD, period: a.cap.period, memberId })?.points ?? 0) : a.points;
  const points = Math.max(0, Math.min(a.points, left));
  const inserted = st.pointInsert.get({ spaceId, memberId, ref: a.ref, points, reason: a.reason, at });
  if (!inserted) return { points: st.pointByRef.get({ spaceId, ref: a.ref })?.points ?? 0, isNew: false };
  if (points === 0) return { points, isNew: true };
  const boards = [SPACE_BOARD, ...st.groupsOfMember.all({ memberId }).map((g) => groupBoard(g.groupId))];
  for (const board of boards) {
    for (const period of a.periods) st.totalUpsert.run({ spaceId, board, period, memberId, points });
  }
  return { points, isNew: true };
}

/** `awardPoints`, true unless the ref was a repeat. */
export const applyAward = (st: Statements, spaceId: string, memberId: number, a: AwardInput, at: Date): boolean =>
  awardPoints(st, spaceId, memberId, a, at).isNew;

export function createPointsRepo(db: Db): PointsRepo {
  const st = statementsFor(db);
  const award = db.$client.transaction((spaceId: string, memberId: number, a: AwardInput, at: Date) => applyAward(st, spaceId, memberId, a, at));
  return {
    async earned(spaceId, memberId, period) {
      return st.totalGet.get({ spaceId, board: SPACE_BOARD, period, memberId })?.points ?? 0;
    },
    async award(spaceId, memberId, a, at) {
      return award.immediate(spaceId, memberId, a, at);
    },
    async top(spaceId, period, limit, groupId) {
      const rows = st.boardTop.all({ spaceId, board: boardOf(groupId), period, limit });
      // Sorted by points, so a row's rank is 1 + the position of the first row with its points.
      return rows.map((r) => ({ ...r, rank: rows.findIndex((x) => x.points === r.points) + 1 }));
    },
    async standing(spaceId, period, memberId, groupId) {
      const board = boardOf(groupId);
      const mine = st.totalGet.get({ spaceId, board, period, memberId });
      if (!mine || mine.points <= 0) return undefined;
      const above = st.boardAbove.get({ spaceId, board, period, nodes: JSON.stringify(nodesAbove(mine.points)) });
      return { memberId, name: mine.name, points: mine.points, rank: (above?.n ?? 0) + 1 };
    },
  };
}
