/** Role settings of a space (issue 22): the daily post's ping, role rewards and the grants made. */
import { and, asc, eq, sql } from "drizzle-orm";
import type { RoleRepo, RoleReward } from "../bot/ports.js";
import type { Db } from "./db.js";
import { roleGrants, roleRewards, roleSettings } from "./schema.js";

const toReward = (r: typeof roleRewards.$inferSelect): RoleReward => ({
  id: r.id, spaceId: r.spaceId, roleId: r.roleId, kind: r.kind, threshold: r.threshold,
  removeOnBreak: r.removeOnBreak, createdBy: r.createdBy, problem: r.problem,
});

export function createRoleRepo(db: Db): RoleRepo {
  // Read after every scored answer (services/role-rewards.ts): prepared once, not built per call.
  const rewardsOf = db.select().from(roleRewards).where(eq(roleRewards.spaceId, sql.placeholder("spaceId")))
    .orderBy(asc(roleRewards.threshold), asc(roleRewards.id)).prepare();
  return {
    async ping(spaceId) {
      return db.select({ roleId: roleSettings.pingRoleId }).from(roleSettings).where(eq(roleSettings.spaceId, spaceId)).get()?.roleId ?? undefined;
    },
    async setPing(spaceId, roleId, at) {
      db.insert(roleSettings).values({ spaceId, pingRoleId: roleId, updatedAt: at })
        .onConflictDoUpdate({ target: roleSettings.spaceId, set: { pingRoleId: roleId, updatedAt: at } }).run();
    },
    async rewards(spaceId) {
      return rewardsOf.all({ spaceId }).map(toReward);
    },
    async setReward(r, at) {
      const row = { ...r, problem: null, createdAt: at };
      return toReward(db.insert(roleRewards).values(row)
        .onConflictDoUpdate({ target: [roleRewards.spaceId, roleRewards.roleId], set: { kind: r.kind, threshold: r.threshold, removeOnBreak: r.removeOnBreak, createdBy: r.createdBy, problem: null } })
        .returning().get());
    },
    async removeReward(spaceId, roleId) {
      return db.delete(roleRewards).where(and(eq(roleRewards.spaceId, spaceId), eq(roleRewards.roleId, roleId))).run().changes > 0;
    },
    async setProblem(rewardId, problem) {
      return db.transaction((tx) => {
        const before = tx.select({ problem: roleRewards.problem }).from(roleRewards).where(eq(roleRewards.id, rewardId)).get();
        if (!before) return false;
        tx.update(roleRewards).set({ problem }).where(eq(roleRewards.id, rewardId)).run();
        return before.problem === null && problem !== null;
      });
    },
    async held(memberId) {
      return db.select({ roleId: roleGrants.roleId }).from(roleGrants).where(eq(roleGrants.memberId, memberId)).orderBy(asc(roleGrants.roleId)).all().map((r) => r.roleId);
    },
    async granted(spaceId, memberId, roleId, at) {
      db.insert(roleGrants).values({ spaceId, memberId, roleId, grantedAt: at }).onConflictDoNothing().run();
    },
    async revoked(memberId, roleId) {
      db.delete(roleGrants).where(and(eq(roleGrants.memberId, memberId), eq(roleGrants.roleId, roleId))).run();
    },
  };
}
