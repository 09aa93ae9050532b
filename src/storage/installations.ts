/** Slack workspaces' installations of the app (slack_installations), one row per workspace. */
import { count, eq } from "drizzle-orm";
import type { Installation, InstallationRepo } from "../bot/ports.js";
import type { Db } from "./db.js";
import { slackInstallations } from "./schema.js";

/** A row as an Installation, and back (scopes stored comma-separated): shared with pg/installations.ts. */
export const toInstallation = (r: typeof slackInstallations.$inferSelect): Installation => ({
  spaceId: r.spaceId, workspaceId: r.teamId, workspaceName: r.teamName, enterpriseId: r.enterpriseId, appId: r.appId,
  botToken: r.botToken, botUserId: r.botUserId, botId: r.botId, scopes: r.scopes ? r.scopes.split(",") : [],
  installedBy: r.installedBy, installedAt: r.installedAt, updatedAt: r.updatedAt,
});

export const installationRow = (i: Installation): typeof slackInstallations.$inferInsert => ({
  spaceId: i.spaceId, teamId: i.workspaceId, teamName: i.workspaceName, enterpriseId: i.enterpriseId, appId: i.appId,
  botToken: i.botToken, botUserId: i.botUserId, botId: i.botId, scopes: i.scopes.join(","), installedBy: i.installedBy,
  installedAt: i.installedAt, updatedAt: i.updatedAt,
});

export function createInstallationRepo(db: Db): InstallationRepo {
  return {
    async save(i) {
      const row = installationRow(i);
      const { spaceId: _key, installedAt: _first, ...changed } = row;
      db.insert(slackInstallations).values(row).onConflictDoUpdate({ target: slackInstallations.spaceId, set: changed }).run();
    },
    async find(spaceId) {
      const row = db.select().from(slackInstallations).where(eq(slackInstallations.spaceId, spaceId)).get();
      return row && toInstallation(row);
    },
    async remove(spaceId) {
      return db.delete(slackInstallations).where(eq(slackInstallations.spaceId, spaceId)).run().changes > 0;
    },
    async count() {
      return db.select({ n: count() }).from(slackInstallations).get()?.n ?? 0;
    },
  };
}
