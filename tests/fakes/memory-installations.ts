/** The in-memory InstallationRepo, the twin of src/storage/installations.ts. */
import type { Installation, InstallationRepo } from "../../src/bot/ports.js";

export function createMemoryInstallationRepo(): InstallationRepo {
  const rows = new Map<string, Installation>();
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
  };
}
