/** The in-memory RoleRepo: the daily post's ping, role rewards and grants, as storage/roles.ts keeps them. */
import type { Member, RoleRepo, RoleReward } from "../../src/bot/ports.js";
import { nonEmpty, type MemberTables } from "./memory-member-tables.js";

export function createMemoryRoleRepo(): RoleRepo & { memberTables: MemberTables } {
  const pings = new Map<string, string | null>();
  const rewards: RoleReward[] = [];
  const grants = new Map<string, { memberId: number; roleId: string; spaceId: string; grantedAt: Date }>(); // member|role
  let lastId = 0;
  /** role_rewards.created_by is a platform user id, read within the reward's space. */
  const setBy = (r: RoleReward, m: Member) => r.spaceId === m.spaceId && r.createdBy === m.platformUserId;
  return {
    async ping(spaceId) { return pings.get(spaceId) ?? undefined; },
    async setPing(spaceId, roleId) { pings.set(spaceId, roleId); },
    async rewards(spaceId) {
      return rewards.filter((r) => r.spaceId === spaceId).sort((a, b) => a.threshold - b.threshold || a.id - b.id).map((r) => ({ ...r }));
    },
    async setReward(r) {
      const found = rewards.find((x) => x.spaceId === r.spaceId && x.roleId === r.roleId);
      if (found) {
        Object.assign(found, { kind: r.kind, threshold: r.threshold, removeOnBreak: r.removeOnBreak, createdBy: r.createdBy, problem: null });
        return { ...found };
      }
      const row: RoleReward = { ...r, id: ++lastId, problem: null };
      rewards.push(row);
      return { ...row };
    },
    async removeReward(spaceId, roleId) {
      const i = rewards.findIndex((x) => x.spaceId === spaceId && x.roleId === roleId);
      if (i >= 0) rewards.splice(i, 1);
      return i >= 0;
    },
    async setProblem(rewardId, problem) {
      const r = rewards.find((x) => x.id === rewardId);
      if (!r) return false;
      const isFirst = r.problem === null && problem !== null;
      r.problem = problem;
      return isFirst;
    },
    async held(memberId) {
      return [...grants.values()].filter((g) => g.memberId === memberId).map((g) => g.roleId).sort();
    },
    async granted(spaceId, memberId, roleId, at) {
      const k = `${memberId}|${roleId}`;
      if (!grants.has(k)) grants.set(k, { memberId, roleId, spaceId, grantedAt: new Date(at) });
    },
    async revoked(memberId, roleId) { grants.delete(`${memberId}|${roleId}`); },
    // As member-data.ts: the member's grants go; a reward they set is the space's and stays, unlinked.
    memberTables: {
      rowsOf: (m) => nonEmpty({
        role_rewards: rewards.filter((r) => setBy(r, m)).map((r) => ({ ...r })),
        role_grants: [...grants.values()].filter((g) => g.memberId === m.id).map((g) => ({ ...g })),
      }),
      erase(m) {
        const set = rewards.filter((r) => setBy(r, m));
        for (const r of set) r.createdBy = "deleted-member";
        const held = [...grants].filter(([, g]) => g.memberId === m.id);
        for (const [k] of held) grants.delete(k);
        return nonEmpty({ role_rewards: set.length, role_grants: held.length });
      },
    },
  };
}
