/**
 * Study groups and their members. Names are unique per space regardless of case; the unique
 * index on (space, name) is case-sensitive, so `create` checks inside a transaction. The check
 * runs in JS because SQLite's lower() folds ASCII only, and names may be in any script.
 * A group board holds current members only: leaving takes the member's totals off it.
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import { sameGroupName, type Group, type GroupRepo } from "../bot/ports.js";
import type { Db } from "./db.js";
import { groupBoard } from "./points.js";
import { groupMembers, groups, pointTotals } from "./schema.js";

export function createGroupRepo(db: Db): GroupRepo {
  const memberCount = sql<number>`(select count(*) from ${groupMembers} where ${groupMembers.groupId} = ${groups.id})`;
  const select = (where: SQL | undefined) => db.select({
    id: groups.id, spaceId: groups.spaceId, name: groups.name, planId: groups.planId, planStartDate: groups.planStartDate,
    createdBy: groups.createdBy, memberCount,
  }).from(groups).where(where);
  const byName = (spaceId: string, name: string): Group | undefined =>
    select(eq(groups.spaceId, spaceId)).all().find((g) => sameGroupName(g.name, name));

  const create = db.$client.transaction((spaceId: string, name: string, createdBy: number, at: Date): Group | undefined => {
    if (byName(spaceId, name)) return undefined;
    const row = db.insert(groups).values({ spaceId, name, createdBy, createdAt: at }).returning().get();
    return { id: row.id, spaceId, name, planId: null, planStartDate: null, createdBy, memberCount: 0 };
  });

  const leave = db.$client.transaction((groupId: number, memberId: number): boolean => {
    const row = db.delete(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.memberId, memberId))).returning().get();
    if (!row) return false;
    db.delete(pointTotals).where(and(eq(pointTotals.spaceId, row.spaceId), eq(pointTotals.board, groupBoard(groupId)), eq(pointTotals.memberId, memberId))).run();
    return true;
  });

  return {
    async create(spaceId, name, createdBy, at) {
      return create.immediate(spaceId, name, createdBy, at);
    },
    async byName(spaceId, name) {
      return byName(spaceId, name);
    },
    async byId(spaceId, id) {
      return select(and(eq(groups.spaceId, spaceId), eq(groups.id, id))).get();
    },
    async list(spaceId) {
      return select(eq(groups.spaceId, spaceId)).all().sort((a, b) => a.name.localeCompare(b.name));
    },
    async ofMember(memberId) {
      const rows = select(sql`${groups.id} in (select ${groupMembers.groupId} from ${groupMembers} where ${groupMembers.memberId} = ${memberId})`).all();
      return rows.sort((a, b) => a.name.localeCompare(b.name));
    },
    async memberIds(groupId) {
      return db.select({ id: groupMembers.memberId }).from(groupMembers).where(eq(groupMembers.groupId, groupId))
        .orderBy(groupMembers.memberId).all().map((r) => r.id);
    },
    async join(spaceId, groupId, memberId, at) {
      const row = db.insert(groupMembers).values({ spaceId, groupId, memberId, joinedAt: at }).onConflictDoNothing().returning().get();
      return row !== undefined;
    },
    async leave(groupId, memberId) {
      return leave.immediate(groupId, memberId);
    },
    async setPlan(groupId, planId, startDate) {
      db.update(groups).set({ planId, planStartDate: startDate }).where(eq(groups.id, groupId)).run();
    },
  };
}
