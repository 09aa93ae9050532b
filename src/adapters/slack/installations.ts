/**
 * Many workspaces per deployment (issue 21): bolt's OAuth install flow (/slack/install →
 * Slack's consent screen → /slack/oauth_redirect) keeps each workspace's installation in our
 * database through the core's InstallationRepo, and every Web API call for a workspace is made
 * with that workspace's bot token. https://docs.slack.dev/tools/bolt-js/concepts/authenticating-oauth
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { webApi, type Installation as BoltInstallation, type InstallationQuery, type InstallationStore } from "@slack/bolt";
import { PermanentDeliveryError } from "../../bot/errors.js";
import type { Installation, InstallationRepo, Logger } from "../../bot/ports.js";

/** What the app asks a workspace for; the same list as slack-manifest.yaml's oauth_config (a test holds them equal). */
export const BOT_SCOPES = [
  "commands", "chat:write", "channels:join", "channels:history", "groups:history", "im:write", "users:read", "files:write", "files:read",
] as const;

export const INSTALL_PATH = "/slack/install";
export const REDIRECT_PATH = "/slack/oauth_redirect";

/** SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET: the distributed app's credentials. */
export interface OAuthOptions {
  clientId: string;
  clientSecret: string;
  /** Signs the `state` of the install flow (CSRF protection). */
  stateSecret: string;
  installations: InstallationRepo;
  now?: () => Date;
}

export const spaceOfTeam = (teamId: string) => `slack:${teamId}`;
/** "slack:T123" → "T123". */
export const teamOfSpace = (spaceId: string) => spaceId.slice(spaceId.indexOf(":") + 1);

/** bolt's InstallationStore over our repository: one row per workspace, keyed by its space. */
export function installationStore(o: OAuthOptions, logger: Logger): InstallationStore {
  const now = o.now ?? (() => new Date());
  return {
    async storeInstallation(i: BoltInstallation) {
      // An org-wide (Enterprise Grid) install has no team: each workspace of the org must install
      // the app itself, so every space keeps a token of its own. The failure page says so.
      if (i.isEnterpriseInstall || !i.team?.id) throw new Error("org-wide installs are not supported: install prepcoach into each workspace");
      if (!i.bot?.token) throw new Error("Slack granted no bot token");
      const at = now();
      const row: Installation = {
        spaceId: spaceOfTeam(i.team.id), workspaceId: i.team.id, workspaceName: i.team.name ?? null, enterpriseId: i.enterprise?.id ?? null,
        appId: i.appId ?? null, botToken: i.bot.token, botUserId: i.bot.userId, botId: i.bot.id ?? null, scopes: i.bot.scopes ?? [],
        installedBy: i.user.id ?? null, installedAt: at, updatedAt: at,
      };
      await o.installations.save(row);
      logger.info({ team: row.workspaceId, scopes: row.scopes.length }, "Slack workspace installed the app");
    },
    async fetchInstallation(q: InstallationQuery<boolean>) {
      const row = q.teamId ? await o.installations.find(spaceOfTeam(q.teamId)) : undefined;
      if (!row) throw new Error(`no installation for Slack team ${q.teamId ?? q.enterpriseId ?? "?"}`);
      return toBolt(row);
    },
    async deleteInstallation(q: InstallationQuery<boolean>) {
      if (q.teamId) await o.installations.remove(spaceOfTeam(q.teamId));
    },
  };
}

const toBolt = (r: Installation): BoltInstallation<"v2", false> => ({
  team: { id: r.workspaceId, ...(r.workspaceName ? { name: r.workspaceName } : {}) },
  enterprise: r.enterpriseId ? { id: r.enterpriseId } : undefined,
  user: { id: r.installedBy ?? "", token: undefined, scopes: undefined },
  bot: { token: r.botToken, userId: r.botUserId, id: r.botId ?? "", scopes: r.scopes },
  ...(r.appId ? { appId: r.appId } : {}),
  tokenType: "bot", isEnterpriseInstall: false, authVersion: "v2",
});

/** The Web API client for a workspace: the one bot token's, or its own installation's. */
export interface WorkspaceClients {
  forTeam(teamId: string): Promise<webApi.WebClient>;
  /** Drops a cached client: the workspace uninstalled the app, or Slack refused its token; the next call reads it anew. */
  forget(teamId: string): void;
}

/**
 * How long a process trusts an installation it read. An uninstall in this process drops it at
 * once (forget); one seen by another process shows here as a refused token, which drops it too
 * (outbox.ts), so the time only bounds how stale a token can be when nothing fails.
 */
export const INSTALLATION_TTL_MS = 60_000;

/** Single-workspace mode (SLACK_BOT_TOKEN): every call uses the app's own client. */
export const oneWorkspace = (client: webApi.WebClient): WorkspaceClients => ({ forTeam: async () => client, forget: () => undefined });

/**
 * Distributed mode: the workspace's installation, read from the database (so a worker process,
 * which runs no install flow, posts with the same tokens) and kept for INSTALLATION_TTL_MS, so a
 * day's fan-out of posts reads it once a minute rather than once a post. Concurrent calls share
 * one read; a missing installation is not kept (each call asks again).
 */
export function perWorkspace(
  installations: InstallationRepo, clientOptions: webApi.WebClientOptions, o: { ttlMs?: number; now?: () => number } = {},
): WorkspaceClients {
  const ttlMs = o.ttlMs ?? INSTALLATION_TTL_MS;
  const now = o.now ?? Date.now;
  const byTeam = new Map<string, { client: Promise<webApi.WebClient>; readAt: number }>();

  async function read(teamId: string, earlier: webApi.WebClient | undefined): Promise<webApi.WebClient> {
    const row = await installations.find(spaceOfTeam(teamId));
    // Uninstalled (or never installed): retrying cannot help until someone installs it again.
    if (!row) throw new PermanentDeliveryError(`Slack workspace ${teamId} has not installed the app`);
    return earlier?.token === row.botToken ? earlier : new webApi.WebClient(row.botToken, { ...clientOptions, teamId });
  }

  return {
    async forTeam(teamId) {
      const hit = byTeam.get(teamId);
      if (hit && now() - hit.readAt < ttlMs) return hit.client;
      // Set before any await, so calls arriving meanwhile wait for this read instead of starting their own.
      const earlier = hit ? hit.client.catch(() => undefined) : Promise.resolve(undefined);
      const entry = { client: earlier.then((client) => read(teamId, client)), readAt: now() };
      byTeam.set(teamId, entry);
      entry.client.catch(() => {
        if (byTeam.get(teamId) === entry) byTeam.delete(teamId);
      });
      return entry.client;
    },
    forget: (teamId) => void byTeam.delete(teamId),
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: ServerResponse, status: number, title: string, body: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
  res.end(`<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></body></html>`);
}

/** What the person who installs sees at the end of the flow, instead of bolt's generic pages. */
export const installPages = {
  success(i: BoltInstallation, _o: unknown, _req: IncomingMessage, res: ServerResponse) {
    page(res, 200, "prepcoach is installed", `prepcoach now serves ${i.team?.name ?? i.team?.id ?? "your workspace"}. Type /quiz in any channel, or /coach help for everything it does.`);
  },
  failure(err: Error & { code?: string }, _o: unknown, _req: IncomingMessage, res: ServerResponse) {
    page(res, 400, "prepcoach was not installed", `${err.message}. Start again from ${INSTALL_PATH}.`);
  },
};
