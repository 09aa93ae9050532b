/** The in-memory RoleRepo: the daily post's ping, role rewards and grants, as storage/roles.ts keeps them. */
import type { RoleRepo, RoleReward } from "../../src/bot/ports.js";

export function createMemoryRoleRepo(): RoleRepo {
  const pings = new Map<string, string | null>();
  const rewards: RoleReward[] = [];
  const grants = new Map<string, { spaceId: string; memberId: number; roleId: string }>(); // member|role
  let lastId = 0;
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
    async granted(spaceId, memberId, roleId) {
      const k = `${memberId}|${roleId}`;
      if (!grants.has(k)) grants.set(k, { spaceId, memberId, roleId });
    },
    async revoked(memberId, roleId) { grants.delete(`${memberId}|${roleId}`); },
  };
}
