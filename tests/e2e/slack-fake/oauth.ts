/**
 * The fake Slack's side of the OAuth v2 install flow, as strict as Slack's
 * (https://docs.slack.dev/authentication/installing-with-oauth):
 * - GET /oauth/v2/authorize: checks client_id, scope and state, then (as if the person picked a
 *   workspace and clicked Allow) redirects to the redirect URL with a one-time `code` and the state;
 * - oauth.v2.access: exchanges a code once, within 10 minutes, for the client it was issued to,
 *   with the right client secret and the same redirect_uri; answers with a new bot token;
 * - tokens: each installed workspace has its own bot token; a revoked (uninstalled) one is refused.
 */
import { randomBytes } from "node:crypto";

export interface FakeOAuthOptions { clientId: string; clientSecret: string }

export interface FakeWorkspace { teamId: string; teamName: string; botUserId: string; botToken: string; installerId: string; scopes: string[] }

interface Grant { teamId: string; teamName: string; installerId: string; clientId: string; scopes: string[]; redirectUri: string | undefined; issuedAt: number; used: boolean }

const CODE_LIFETIME_MS = 10 * 60_000;

export interface FakeOAuth {
  /** The app's configured redirect URL (used when the authorize URL names none). */
  redirectUrl: string | undefined;
  /** Installed workspaces by bot token, revoked ones gone. */
  readonly installed: Map<string, FakeWorkspace>;
  /** The person's answer to the consent screen: where the browser goes next. */
  authorize(query: URLSearchParams): { status: number; location?: string; body?: string };
  access(args: Record<string, unknown>, authorization: string | undefined): Record<string, unknown>;
  /** Uninstalls a workspace's app: its bot token stops working. */
  revoke(teamId: string): void;
  workspaceOf(token: string | undefined): FakeWorkspace | undefined;
}

export function createFakeOAuth(o: FakeOAuthOptions): FakeOAuth {
  const grants = new Map<string, Grant>();
  const installed = new Map<string, FakeWorkspace>();
  let n = 0;
  const self: FakeOAuth = {
    redirectUrl: undefined,
    installed,
    authorize(q) {
      if (q.get("client_id") !== o.clientId) return { status: 400, body: "invalid_client_id" };
      const scopes = (q.get("scope") ?? "").split(",").filter(Boolean);
      if (!scopes.length) return { status: 400, body: "invalid_scope" };
      if (!q.get("state")) return { status: 400, body: "missing state" };
      const redirectUri = q.get("redirect_uri") ?? undefined;
      const target = redirectUri ?? self.redirectUrl;
      if (!target) return { status: 400, body: "bad_redirect_uri" };
      // What the person chose on Slack's screen: the workspace, and who they are.
      const teamId = q.get("fake_team") ?? "T1";
      const code = `code-${++n}-${randomBytes(6).toString("hex")}`;
      grants.set(code, {
        teamId, teamName: q.get("fake_team_name") ?? `Team ${teamId}`, installerId: q.get("fake_user") ?? `U-${teamId}-admin`,
        clientId: o.clientId, scopes, redirectUri, issuedAt: Date.now(), used: false,
      });
      const to = new URL(target);
      to.searchParams.set("code", code);
      to.searchParams.set("state", q.get("state")!);
      return { status: 302, location: to.toString() };
    },
    access(args, authorization) {
      // Credentials as form fields or HTTP Basic, as Slack takes them.
      const basic = authorization?.startsWith("Basic ") ? Buffer.from(authorization.slice(6), "base64").toString("utf8").split(":") : undefined;
      const clientId = basic?.[0] ?? args.client_id;
      const secret = basic?.[1] ?? args.client_secret;
      if (clientId !== o.clientId) return { ok: false, error: "invalid_client_id" };
      if (secret !== o.clientSecret) return { ok: false, error: "bad_client_secret" };
      const grant = grants.get(String(args.code ?? ""));
      if (!grant || grant.clientId !== clientId || Date.now() - grant.issuedAt > CODE_LIFETIME_MS) return { ok: false, error: "invalid_code" };
      if (grant.used) return { ok: false, error: "code_already_used" };
      if ((args.redirect_uri ?? undefined) !== grant.redirectUri) return { ok: false, error: "bad_redirect_uri" };
      grant.used = true;
      // A reinstall revokes the workspace's earlier bot token.
      for (const [token, w] of installed) if (w.teamId === grant.teamId) installed.delete(token);
      const ws: FakeWorkspace = {
        teamId: grant.teamId, teamName: grant.teamName, botUserId: `UBOT${grant.teamId}`, installerId: grant.installerId, scopes: grant.scopes,
        botToken: `xoxb-${grant.teamId}-${randomBytes(8).toString("hex")}`,
      };
      installed.set(ws.botToken, ws);
      return {
        ok: true, app_id: "A1", authed_user: { id: ws.installerId }, scope: ws.scopes.join(","), token_type: "bot",
        access_token: ws.botToken, bot_user_id: ws.botUserId, team: { id: ws.teamId, name: ws.teamName }, enterprise: null, is_enterprise_install: false,
      };
    },
    revoke(teamId) {
      for (const [token, w] of installed) if (w.teamId === teamId) installed.delete(token);
    },
    workspaceOf: (token) => (token ? installed.get(token) : undefined),
  };
  return self;
}
