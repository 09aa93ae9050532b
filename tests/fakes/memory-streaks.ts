/**
 * The in-memory StreakRepo. It reads the twin's members and spaces (for names and zones) and the
 * shared `groupOf` map (for a group's longest streaks), as the SQLite repo joins those tables.
 */
import type { Member, Space, Streak, StreakRepo } from "../../src/bot/ports.js";
import { nonEmpty, type MemberTables } from "./memory-member-tables.js";

export function createMemoryStreakRepo(
  memberOf: (id: number) => Member | undefined, spaceOf: (id: string) => Space | undefined, groupOf: Map<number, Set<number>>,
): StreakRepo & { memberTables: MemberTables } {
  const rows = new Map<number, Streak>();
  const withZones = (keep: (s: Streak) => boolean) => [...rows.values()].filter(keep).flatMap((s) => {
    const m = memberOf(s.memberId);
    const zone = m?.timezone ?? spaceOf(s.spaceId)?.timezone;
    return m && zone ? [{ ...s, platformUserId: m.platformUserId, timezone: zone }] : [];
  });
  return {
    async get(memberId) { const s = rows.get(memberId); return s && { ...s }; },
    async save(s) { rows.set(s.memberId, { ...s }); },
    async longest(spaceId, limit, groupId) {
      return [...rows.values()]
        .filter((s) => s.spaceId === spaceId && s.current > 0 && (groupId === undefined || groupOf.get(groupId)?.has(s.memberId)))
        .map((s) => ({ memberId: s.memberId, name: memberOf(s.memberId)?.displayName ?? "", current: s.current, best: s.best }))
        .sort((a, b) => b.current - a.current || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || a.memberId - b.memberId).slice(0, limit);
    },
    async running(afterMemberId, limit) {
      return withZones((s) => s.current > 0 && s.memberId > afterMemberId).sort((a, b) => a.memberId - b.memberId).slice(0, limit);
    },
    async setReminded(memberId, localDate) { const s = rows.get(memberId); if (s) s.remindedOn = localDate; },
    memberTables: {
      rowsOf: (m) => nonEmpty({ streaks: [...rows.values()].filter((s) => s.memberId === m.id).map((s) => ({ ...s })) }),
      erase: (m) => nonEmpty({ streaks: rows.delete(m.id) ? 1 : 0 }),
    },
  };
}
