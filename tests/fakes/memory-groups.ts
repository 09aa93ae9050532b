/**
 * The in-memory GroupRepo. Membership lives in the twin's shared `groupOf` map (group → members),
 * which the in-memory points repo reads to credit group boards, as SQLite's applyAward reads
 * group_members. `dropBoard` takes a leaving member's totals off the group's board.
 */
import { sameGroupName, type Group, type GroupRepo } from "../../src/bot/ports.js";
import { nonEmpty, type MemberTables } from "./memory-member-tables.js";

type GroupRow = Omit<Group, "memberCount">;

export function createMemoryGroupRepo(
  groupOf: Map<number, Set<number>>, dropBoard: (groupId: number, memberId: number) => void,
): GroupRepo & { memberTables: MemberTables } {
  const rows = new Map<number, GroupRow>();
  const joinedAt = new Map<string, number>(); // "group|member" → when they joined (group_members.joined_at)
  let nextId = 1;
  const view = (g: GroupRow): Group => ({ ...g, memberCount: groupOf.get(g.id)?.size ?? 0 });
  const sorted = (gs: GroupRow[]) => gs.map(view).sort((a, b) => a.name.localeCompare(b.name));
  const byName = (spaceId: string, name: string) => [...rows.values()].find((g) => g.spaceId === spaceId && sameGroupName(g.name, name));
  const membershipsOf = (memberId: number) => [...groupOf.entries()].filter(([, ids]) => ids.has(memberId)).map(([groupId]) => groupId);
  /** The member who has been in the group longest (then the lowest id): who inherits it, as member-data.ts. */
  const heirOf = (groupId: number) => [...(groupOf.get(groupId) ?? [])]
    .sort((a, b) => (joinedAt.get(`${groupId}|${a}`) ?? 0) - (joinedAt.get(`${groupId}|${b}`) ?? 0) || a - b)[0];
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
    async join(_spaceId, groupId, memberId, at) {
      const members = groupOf.get(groupId) ?? new Set<number>();
      groupOf.set(groupId, members);
      if (members.has(memberId)) return false;
      members.add(memberId);
      joinedAt.set(`${groupId}|${memberId}`, at.getTime());
      return true;
    },
    async leave(groupId, memberId) {
      if (!groupOf.get(groupId)?.delete(memberId)) return false;
      joinedAt.delete(`${groupId}|${memberId}`);
      dropBoard(groupId, memberId);
      return true;
    },
    async setPlan(groupId, planId, startDate) {
      const g = rows.get(groupId);
      if (g) Object.assign(g, { planId, planStartDate: startDate });
    },
    memberTables: {
      rowsOf: (m) => nonEmpty({
        groups: [...rows.values()].filter((g) => g.createdBy === m.id).map((g) => ({ ...g })),
        group_members: membershipsOf(m.id).map((groupId) => ({ groupId, memberId: m.id })),
      }),
      erase(m) {
        const memberships = membershipsOf(m.id);
        for (const groupId of memberships) {
          groupOf.get(groupId)!.delete(m.id);
          joinedAt.delete(`${groupId}|${m.id}`);
        }
        // A group passes to its longest-standing member; one left empty goes (member-data.ts).
        const owned = [...rows.values()].filter((g) => g.createdBy === m.id);
        for (const g of owned) {
          const heir = heirOf(g.id);
          if (heir !== undefined) g.createdBy = heir;
          else { rows.delete(g.id); groupOf.delete(g.id); }
        }
        return nonEmpty({ group_members: memberships.length, groups: owned.length });
      },
    },
  };
}
