/**
 * Study groups on PostgreSQL (../groups.ts is the SQLite twin). Names are unique per space
 * ignoring case, checked in JS (any script) inside a transaction that holds a per-space advisory
 * lock, so two processes creating "Caching" and "caching" at once check one after the other.
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Group, GroupRepo } from "../../bot/ports.js";
import { sameGroupName } from "../../bot/ports.js";
import { groupBoard } from "../points.js";
import type { PgDb } from "./db.js";
import { groupMembers, groups, pointTotals } from "./schema.js";
import type { Q } from "./tx.js";

export function createPgGroupRepo(db: PgDb): GroupRepo {
  const memberCount = sql<number>`(select count(*) from ${groupMembers} where ${groupMembers.groupId} = ${groups.id})::integer`;
  const select = (q: Q, where: SQL | undefined) => q.select({
    id: groups.id, spaceId: groups.spaceId, name: groups.name, planId: groups.planId, planStartDate: groups.planStartDate,
    createdBy: groups.createdBy, memberCount,
  }).from(groups).where(where);
  const byName = async (q: Q, spaceId: string, name: string): Promise<Group | undefined> =>
    (await select(q, eq(groups.spaceId, spaceId))).find((g) => sameGroupName(g.name, name));
  const byNameOrder = (a: Group, b: Group) => a.name.localeCompare(b.name);
  return {
    create: (spaceId, name, createdBy, at) => db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`groups:${spaceId}`}))`);
      if (await byName(tx, spaceId, name)) return undefined;
      const [row] = await tx.insert(groups).values({ spaceId, name, createdBy, createdAt: at }).returning();
      return { id: row!.id, spaceId, name, planId: null, planStartDate: null, createdBy, memberCount: 0 };
    }),
    byName: (spaceId, name) => byName(db, spaceId, name),
    async byId(spaceId, id) {
      const [row] = await select(db, and(eq(groups.spaceId, spaceId), eq(groups.id, id)));
      return row;
    },
    async list(spaceId) {
      return (await select(db, eq(groups.spaceId, spaceId))).sort(byNameOrder);
    },
    async ofMember(memberId) {
      const rows = await select(db, sql`${groups.id} in (select ${groupMembers.groupId} from ${groupMembers} where ${groupMembers.memberId} = ${memberId})`);
      return rows.sort(byNameOrder);
    },
    async memberIds(groupId) {
      const rows = await db.select({ id: groupMembers.memberId }).from(groupMembers).where(eq(groupMembers.groupId, groupId)).orderBy(groupMembers.memberId);
      return rows.map((r) => r.id);
    },
    async join(spaceId, groupId, memberId, at) {
      const rows = await db.insert(groupMembers).values({ spaceId, groupId, memberId, joinedAt: at }).onConflictDoNothing().returning();
      return rows.length > 0;
    },
    leave: (groupId, memberId) => db.transaction(async (tx) => {
      const [row] = await tx.delete(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.memberId, memberId))).returning();
      if (!row) return false;
      await tx.delete(pointTotals).where(and(eq(pointTotals.spaceId, row.spaceId), eq(pointTotals.board, groupBoard(groupId)), eq(pointTotals.memberId, memberId)));
      return true;
    }),
    async setPlan(groupId, planId, startDate) {
      await db.update(groups).set({ planId, planStartDate: startDate }).where(eq(groups.id, groupId));
    },
  };
}
