/**
 * The points ledger and the per-period totals beside it. Boards read the totals through an
 * index on (space, period, points); ranks are 1 + the number of members with more points.
 */
import type { AwardInput, BoardRow, PointsRepo } from "../bot/ports.js";
import type { Db } from "./db.js";
import { statementsFor, type Statements } from "./statements.js";

/** Writes the ledger row and, if it is new, adds to every period's total. Returns false for a repeat. */
export function applyAward(st: Statements, spaceId: string, memberId: number, a: AwardInput, at: Date): boolean {
  const inserted = st.pointInsert.get({ spaceId, memberId, ref: a.ref, points: a.points, reason: a.reason, at });
  if (!inserted || a.points === 0) return Boolean(inserted);
  for (const period of a.periods) st.totalUpsert.run({ spaceId, period, memberId, points: a.points });
  return true;
}

export function createPointsRepo(db: Db): PointsRepo {
  const st = statementsFor(db);
  const award = db.$client.transaction((spaceId: string, memberId: number, a: AwardInput, at: Date) => applyAward(st, spaceId, memberId, a, at));
  // Group boards walk the group's members (tens to hundreds) and look each total up by primary
  // key, instead of filtering the whole space's board by membership.
  const groupTop = db.$client.prepare<[string, string, number, number], { memberId: number; name: string; points: number }>(`
    select t.member_id as memberId, m.display_name as name, t.points as points
    from group_members g
    join point_totals t on t.space_id = ? and t.period = ? and t.member_id = g.member_id
    join members m on m.id = t.member_id
    where g.group_id = ? and t.points > 0
    order by t.points desc, m.display_name limit ?`);
  const groupAbove = db.$client.prepare<[string, string, number, number], { n: number }>(`
    select count(*) as n from group_members g
    join point_totals t on t.space_id = ? and t.period = ? and t.member_id = g.member_id
    where g.group_id = ? and t.points > ?`);
  const isInGroup = db.$client.prepare<[number, number], { one: number }>("select 1 as one from group_members where group_id = ? and member_id = ?");

  return {
    async earned(spaceId, memberId, period) {
      return st.totalGet.get({ spaceId, period, memberId })?.points ?? 0;
    },
    async award(spaceId, memberId, a, at) {
      return award(spaceId, memberId, a, at);
    },
    async top(spaceId, period, limit, groupId) {
      const rows = groupId === undefined ? st.boardTop.all({ spaceId, period, limit }) : groupTop.all(spaceId, period, groupId, limit);
      // Sorted by points, so a row's rank is 1 + the position of the first row with its points.
      return rows.map((r) => ({ ...r, rank: rows.findIndex((x) => x.points === r.points) + 1 }));
    },
    async standing(spaceId, period, memberId, groupId) {
      const mine = st.totalGet.get({ spaceId, period, memberId });
      if (!mine || mine.points <= 0) return undefined;
      if (groupId !== undefined && !isInGroup.get(groupId, memberId)) return undefined;
      const above = groupId === undefined
        ? st.boardAbove.get({ spaceId, period, points: mine.points })
        : groupAbove.get(spaceId, period, groupId, mine.points);
      return { memberId, name: mine.name, points: mine.points, rank: (above?.n ?? 0) + 1 };
    },
  };
}
