/** The in-memory InstallationRepo, the twin of src/storage/installations.ts. */
import type { Installation, InstallationRepo, Member } from "../../src/bot/ports.js";
import { nonEmpty, type MemberTables } from "./memory-member-tables.js";

export function createMemoryInstallationRepo(): InstallationRepo & { memberTables: MemberTables } {
  const rows = new Map<string, Installation>();
  const installedBy = (m: Member) => [...rows.values()].filter((i) => i.spaceId === m.spaceId && i.installedBy === m.platformUserId);
  return {
    async save(i) {
      const earlier = rows.get(i.spaceId);
      rows.set(i.spaceId, structuredClone({ ...i, installedAt: earlier?.installedAt ?? i.installedAt }));
    },
    async find(spaceId) {
      const row = rows.get(spaceId);
      return row && structuredClone(row);
    },
    async remove(spaceId) { return rows.delete(spaceId); },
    async count() { return rows.size; },
    // As member-data.ts: the installation is the workspace's and stays; who installed it goes, and its token is never exported.
    memberTables: {
      rowsOf: (m) => nonEmpty({ slack_installations: installedBy(m).map((i) => ({ ...i, botToken: "(redacted)" })) }),
      erase(m) {
        const mine = installedBy(m);
        for (const i of mine) i.installedBy = null;
        return nonEmpty({ slack_installations: mine.length });
      },
    },
  };
}
