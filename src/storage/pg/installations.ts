/** Slack workspaces' installations on PostgreSQL (../installations.ts is the SQLite twin). */
import { count, eq } from "drizzle-orm";
import type { InstallationRepo } from "../../bot/ports.js";
import { installationRow, toInstallation } from "../installations.js";
import type { PgDb } from "./db.js";
import { slackInstallations } from "./schema.js";

export function createPgInstallationRepo(db: PgDb): InstallationRepo {
  return {
    async save(i) {
      const row = installationRow(i);
      // A reinstall replaces the token and scopes and keeps the first install time.
      const { spaceId: _key, installedAt: _first, ...changed } = row;
      await db.insert(slackInstallations).values(row).onConflictDoUpdate({ target: slackInstallations.spaceId, set: changed });
    },
    async find(spaceId) {
      const [row] = await db.select().from(slackInstallations).where(eq(slackInstallations.spaceId, spaceId)).limit(1);
      return row && toInstallation(row);
    },
    async remove(spaceId) {
      return ((await db.delete(slackInstallations).where(eq(slackInstallations.spaceId, spaceId))).rowCount ?? 0) > 0;
    },
    async count() {
      const [row] = await db.select({ n: count() }).from(slackInstallations);
      return row?.n ?? 0;
    },
  };
}
