/**
 * The in-memory GroupRepo. Membership lives in the twin's shared `groupOf` map (group → members),
 * which the in-memory points repo reads to credit group boards, as SQLite's applyAward reads
 * group_members. `dropBoard` takes a leaving member's totals off the group's board.
 */
import { sameGroupName, type Group, type GroupRepo } from "../../src/bot/ports.js";

type GroupRow = Omit<Group, "memberCount">;

export function createMemoryGroupRepo(
  groupOf: Map<number, Set<number>>, dropBoard: (groupId: number, memberId: number) => void,
): GroupRepo {
  const rows = new Map<number, GroupRow>();
  let nextId = 1;
  const view = (g: GroupRow): Group => ({ ...g, memberCount: groupOf.get(g.id)?.size ?? 0 });
  const sorted = (gs: GroupRow[]) => gs.map(view).sort((a, b) => a.name.localeCompare(b.name));
  const byName = (spaceId: string, name: string) => [...rows.values()].find((g) => g.spaceId === spaceId && sameGroupName(g.name, name));
  return {
    async create(spaceId, name, createdBy) {
      if (byName(spaceId, name)) return undefined;
      const g: GroupRow = { id: nextId++, spaceId, name, planId: null, planStartDate: null, createdBy };
      rows.set(g.id, g);
      groupOf.set(g.id, new Set());
      return view(g);
    },
    async byName(spaceId, name) { const g = byName(spaceId, name); return g && view(g); },
    async byId(spaceId, id) { const g = rows.get(id); return g && g.spaceId === spaceId ? view(g) : undefined; },
    async list(spaceId) { return sorted([...rows.values()].filter((g) => g.spaceId === spaceId)); },
    async ofMember(memberId) { return sorted([...rows.values()].filter((g) => groupOf.get(g.id)?.has(memberId))); },
    async memberIds(groupId) { return [...(groupOf.get(groupId) ?? [])].sort((a, b) => a - b); },
    async join(_spaceId, groupId, memberId) {
      const members = groupOf.get(groupId) ?? new Set<number>();
      groupOf.set(groupId, members);
      if (members.has(memberId)) return false;
      members.add(memberId);
      return true;
    },
    async leave(groupId, memberId) {
      if (!groupOf.get(groupId)?.delete(memberId)) return false;
      dropBoard(groupId, memberId);
      return true;
    },
    async setPlan(groupId, planId, startDate) {
      const g = rows.get(groupId);
      if (g) Object.assign(g, { planId, planStartDate: startDate });
    },
  };
}
