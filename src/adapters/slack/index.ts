/**
 * The Slack adapter: `/quiz` and `/coach <subcommand>`, buttons, answer modals, the App Home
 * tab and mock-interview threads, on a real bolt App in HTTP or Socket Mode. It translates
 * only; the dispatcher decides. See docs/slack.md and slack-manifest.yaml.
 */
import type { Command } from "../../bot/command.js";
import type { Dispatcher } from "../../bot/dispatcher.js";
import { createBolt, webClientOptions, type BoltOptions } from "./client.js";
import { DEFAULT_SLASH, type SlashNames } from "./commands.js";
import { createDeliverer } from "./deliver.js";
import { slackErrorCode } from "./errors.js";
import { registerListeners } from "./events.js";
import { oneWorkspace, perWorkspace, spaceOfTeam, INSTALL_PATH } from "./installations.js";
import { createSlackOutbox, type SlackOutbox } from "./outbox.js";
import { createUserDirectory } from "./users.js";
import type { PlatformAdapter } from "../platform.js";

export type { SlackOutbox } from "./outbox.js";

/** The bolt app's options (tokens, SLACK_API_URL, HTTP port and extra routes) plus the core's pieces. */
export interface SlackAdapterOptions extends BoltOptions {
  /** SLACK_ADMIN_USER_IDS: may run admin commands besides workspace admins and owners. */
  adminUserIds?: readonly string[];
  dispatcher: Dispatcher;
  commands: readonly Command[];
  /** Slash command names, if the app's manifest renamed them. */
  slash?: SlashNames;
  /** Gap between posts to one channel (Slack: about one a second). */
  channelGapMs?: number;
}

export interface SlackAdapter extends PlatformAdapter {
  readonly platform: "slack";
  /** Listens (HTTP) or connects (Socket Mode); verifies the bot token first. */
  start(): Promise<void>;
  stop(): Promise<void>;
  outbox: SlackOutbox;
  mode: "http" | "socket";
  /** The HTTP port actually bound (useful with port 0), once started in HTTP mode. */
  readonly port: number | undefined;
}

/** The command whose reply fills the App Home tab. */
const HOME_COMMAND = "progress";

export function createSlackAdapter(o: SlackAdapterOptions): SlackAdapter {
  const bolt = createBolt({
    ...(o.botToken ? { botToken: o.botToken } : {}), ...(o.oauth ? { oauth: o.oauth } : {}), logger: o.logger,
    ...(o.signingSecret ? { signingSecret: o.signingSecret } : {}), ...(o.appToken ? { appToken: o.appToken } : {}),
    ...(o.apiUrl ? { apiUrl: o.apiUrl } : {}), ...(o.port !== undefined ? { port: o.port } : {}), ...(o.host ? { host: o.host } : {}),
    ...(o.routes ? { routes: o.routes } : {}),
  });
  const client = bolt.app.client;
  // Every call for a workspace (posts, the jobs' outbox, views, users.info) uses its own token:
  // the one SLACK_BOT_TOKEN, or the installation the workspace made through /slack/install.
  const oauth = o.oauth;
  const clients = oauth ? perWorkspace(oauth.installations, webClientOptions(o.apiUrl)) : oneWorkspace(client);
  const outbox = createSlackOutbox({ clients, logger: o.logger, ...(o.channelGapMs !== undefined ? { minGapMs: o.channelGapMs } : {}) });
  registerListeners(bolt.app, {
    dispatcher: o.dispatcher, commands: o.commands, logger: o.logger, slash: o.slash ?? DEFAULT_SLASH, homeCommand: HOME_COMMAND,
    users: createUserDirectory({ clients, adminUserIds: o.adminUserIds ?? [], logger: o.logger }),
    deliverer: createDeliverer({ clients, outbox, logger: o.logger }),
    ...(oauth ? {
      onUninstall: async (teamId: string) => {
        clients.forget(teamId);
        if (await oauth.installations.remove(spaceOfTeam(teamId))) o.logger.info({ team: teamId }, "Slack workspace uninstalled the app: its installation is removed");
      },
    } : {}),
  });
  bolt.app.error(async (err) => {
    o.logger.error({ err: err.message, code: (err as { code?: unknown }).code }, "Slack listener error");
  });
  let port: number | undefined;
  return {
    platform: "slack",
    outbox,
    mode: bolt.mode,
    get port() { return port; },
    async start() {
      if (oauth) {
        // No token of our own to check: each workspace brings its own through the install flow.
        port = await bolt.start();
        o.logger.info({ mode: bolt.mode, port, installations: await oauth.installations.count(), installPath: INSTALL_PATH }, "Slack adapter started (workspaces install through the OAuth flow)");
        return;
      }
      // Fails fast on a wrong token or SLACK_API_URL, instead of on the first command, with one
      // line that names the setting (main.ts prints it) rather than the Web API's stack.
      const auth = await client.auth.test().catch((err: unknown) => {
        const code = slackErrorCode(err);
        throw new Error(code ? `SLACK_BOT_TOKEN was refused by Slack: ${code}` : `Slack is not reachable: ${err instanceof Error ? err.message : String(err)}`);
      });
      port = await bolt.start();
      o.logger.info({ team: auth.team_id, bot: auth.user_id, mode: bolt.mode, port }, "Slack adapter started");
    },
    async stop() {
      await bolt.stop();
    },
  };
}
