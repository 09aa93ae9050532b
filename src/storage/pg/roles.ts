/** Role settings of a space on PostgreSQL (../roles.ts is the SQLite twin): the ping, rewards and grants. */
import { and, asc, eq } from "drizzle-orm";
import type { RoleRepo, RoleReward } from "../../bot/ports.js";
import type { PgDb } from "./db.js";
import { roleGrants, roleRewards, roleSettings } from "./schema.js";
import { byName } from "./tx.js";

const toReward = (r: typeof roleRewards.$inferSelect): RoleReward => ({
  id: r.id, spaceId: r.spaceId, roleId: r.roleId, kind: r.kind, threshold: r.threshold,
  removeOnBreak: r.removeOnBreak, createdBy: r.createdBy, problem: r.problem,
});

export function createPgRoleRepo(db: PgDb): RoleRepo {
  return {
    async ping(spaceId) {
      const [r] = await db.select({ roleId: roleSettings.pingRoleId }).from(roleSettings).where(eq(roleSettings.spaceId, spaceId));
      return r?.roleId ?? undefined;
    },
    async setPing(spaceId, roleId, at) {
      await db.insert(roleSettings).values({ spaceId, pingRoleId: roleId, updatedAt: at })
        .onConflictDoUpdate({ target: roleSettings.spaceId, set: { pingRoleId: roleId, updatedAt: at } });
    },
    async rewards(spaceId) {
      return (await db.select().from(roleRewards).where(eq(roleRewards.spaceId, spaceId)).orderBy(asc(roleRewards.threshold), asc(roleRewards.id))).map(toReward);
    },
    async setReward(r, at) {
      const [row] = await db.insert(roleRewards).values({ ...r, problem: null, createdAt: at })
        .onConflictDoUpdate({ target: [roleRewards.spaceId, roleRewards.roleId], set: { kind: r.kind, threshold: r.threshold, removeOnBreak: r.removeOnBreak, createdBy: r.createdBy, problem: null } })
        .returning();
      return toReward(row!);
    },
    async removeReward(spaceId, roleId) {
      return ((await db.delete(roleRewards).where(and(eq(roleRewards.spaceId, spaceId), eq(roleRewards.roleId, roleId)))).rowCount ?? 0) > 0;
    },
    async setProblem(rewardId, problem) {
      return db.transaction(async (tx) => {
        // Locked while read and written: of two hosts failing the same grant at once, only one tells the admin.
        const [before] = await tx.select({ problem: roleRewards.problem }).from(roleRewards).where(eq(roleRewards.id, rewardId)).for("update");
        if (!before) return false;
        await tx.update(roleRewards).set({ problem }).where(eq(roleRewards.id, rewardId));
        return before.problem === null && problem !== null;
      });
    },
    async held(memberId) {
      // Code-point order, as SQLite sorts text.
      return (await db.select({ roleId: roleGrants.roleId }).from(roleGrants).where(eq(roleGrants.memberId, memberId)).orderBy(byName(roleGrants.roleId)))
        .map((r) => r.roleId);
    },
    async granted(spaceId, memberId, roleId, at) {
      // The (member, role) key makes a grant once, even from two hosts at once.
      await db.insert(roleGrants).values({ spaceId, memberId, roleId, grantedAt: at }).onConflictDoNothing();
    },
    async revoked(memberId, roleId) {
      await db.delete(roleGrants).where(and(eq(roleGrants.memberId, memberId), eq(roleGrants.roleId, roleId)));
    },
  };
}
