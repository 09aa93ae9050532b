/** Slack workspaces' installations on PostgreSQL (../installations.ts is the SQLite twin). */
import { count, eq } from "drizzle-orm";
import type { Installation, InstallationRepo } from "../../bot/ports.js";
import type { PgDb } from "./db.js";
import { slackInstallations } from "./schema.js";

const toInstallation = (r: typeof slackInstallations.$inferSelect): Installation => ({
  spaceId: r.spaceId, workspaceId: r.teamId, workspaceName: r.teamName, enterpriseId: r.enterpriseId, appId: r.appId,
  botToken: r.botToken, botUserId: r.botUserId, botId: r.botId, scopes: r.scopes ? r.scopes.split(",") : [],
  installedBy: r.installedBy, installedAt: r.installedAt, updatedAt: r.updatedAt,
});

export function createPgInstallationRepo(db: PgDb): InstallationRepo {
  return {
    async save(i) {
      const row = {
        spaceId: i.spaceId, teamId: i.workspaceId, teamName: i.workspaceName, enterpriseId: i.enterpriseId, appId: i.appId,
        botToken: i.botToken, botUserId: i.botUserId, botId: i.botId, scopes: i.scopes.join(","), installedBy: i.installedBy,
        installedAt: i.installedAt, updatedAt: i.updatedAt,
      };
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
