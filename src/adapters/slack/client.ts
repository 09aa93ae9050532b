/**
 * The bolt App and its receiver: HTTP (signed requests on /slack/events) or Socket Mode (an
 * app-level token; Slack sends envelopes over a WebSocket). https://tools.slack.dev/bolt-js/concepts/receiver
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type Logger as BoltLogger, type webApi } from "@slack/bolt";
import type { Logger } from "../../bot/ports.js";
import { BOT_SCOPES, INSTALL_PATH, installationStore, installPages, REDIRECT_PATH, type OAuthOptions } from "./installations.js";

/** An extra route on the HTTP receiver's port (/healthz, /metrics): one port serves both. */
export interface ExtraRoute {
  path: string;
  method: string;
  handler(req: IncomingMessage, res: ServerResponse): unknown;
}

export interface BoltOptions {
  /** Single-workspace mode (SLACK_BOT_TOKEN); unset with `oauth`. */
  botToken?: string;
  /** Distributed mode: workspaces install through /slack/install; HTTP mode only. */
  oauth?: OAuthOptions;
  /** HTTP mode: verifies every request's signature. */
  signingSecret?: string;
  /** Socket Mode when set (xapp-…); it wins over HTTP. */
  appToken?: string;
  /** Base of the Web API (SLACK_API_URL); tests point it at a fake. */
  apiUrl?: string;
  /** HTTP mode only. */
  port?: number;
  host?: string;
  routes?: readonly ExtraRoute[];
  logger: Logger;
}

export const EVENTS_PATH = "/slack/events";

export interface Bolt {
  app: App;
  mode: "http" | "socket";
  /** Starts listening (HTTP) or connecting (Socket Mode); resolves with the HTTP port, if any. */
  start(): Promise<number | undefined>;
  stop(): Promise<void>;
}

/** Our logger behind bolt's interface; bolt's debug chatter is dropped. */
export function boltLogger(logger: Logger): BoltLogger {
  const line = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : typeof m === "string" ? m : JSON.stringify(m))).join(" ");
  return {
    debug: () => undefined,
    info: (...msg: unknown[]) => logger.info({ component: "slack" }, line(msg)),
    warn: (...msg: unknown[]) => logger.warn({ component: "slack" }, line(msg)),
    error: (...msg: unknown[]) => logger.error({ component: "slack" }, line(msg)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}

/**
 * Slack's rule: refuse a request whose timestamp is more than five minutes from now, in either
 * direction (https://api.slack.com/authentication/verifying-requests-from-slack). bolt refuses
 * only the stale ones (verify-request.js), so a signed request dated ahead is refused here, in
 * front of bolt's own listener, which the receiver calls through this property per request.
 */
export const MAX_REQUEST_SKEW_S = 5 * 60;

export const isDatedAhead = (timestamp: string | string[] | undefined, nowMs = Date.now()): boolean =>
  typeof timestamp === "string" && /^\d+$/.test(timestamp) && Number(timestamp) - Math.floor(nowMs / 1_000) > MAX_REQUEST_SKEW_S;

function refuseFutureRequests(receiver: HTTPReceiver): void {
  const inner = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    if (!isDatedAhead(req.headers["x-slack-request-timestamp"])) return inner(req, res);
    res.writeHead(401, { "content-type": "text/plain" });
    res.end("request timestamp is more than five minutes ahead");
  };
}

/** The Web API client's options, the same for the app's client and each workspace's. */
export function webClientOptions(apiUrl?: string): webApi.WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    // A 429 must reach the outbox with its Retry-After (the jobs layer waits it out) instead of
    // being retried silently inside the client for minutes.
    rejectRateLimitedCalls: true,
    // Network errors and 5xx: a couple of quick retries; longer waits are the jobs layer's job.
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000 },
  };
}

/**
 * Slack's consent page sits beside its Web API (https://slack.com/oauth/v2/authorize next to
 * https://slack.com/api/): with SLACK_API_URL aimed at a fake, the install flow goes there too.
 */
const authorizationUrlFor = (apiUrl: string) => new URL("/oauth/v2/authorize", apiUrl).toString();

/** bolt's OAuth options for the HTTP receiver: /slack/install and /slack/oauth_redirect, tokens in our database. */
function oauthReceiverOptions(oauth: OAuthOptions, apiUrl: string | undefined, logger: Logger) {
  return {
    clientId: oauth.clientId, clientSecret: oauth.clientSecret, stateSecret: oauth.stateSecret,
    scopes: [...BOT_SCOPES], installationStore: installationStore(oauth, logger),
    installerOptions: {
      installPath: INSTALL_PATH, redirectUriPath: REDIRECT_PATH,
      // /slack/install goes straight to Slack's consent screen (with the state cookie set), no page of ours between.
      directInstall: true,
      callbackOptions: installPages,
      ...(apiUrl ? { clientOptions: { slackApiUrl: apiUrl }, authorizationUrl: authorizationUrlFor(apiUrl) } : {}),
    },
  };
}

export function createBolt(o: BoltOptions): Bolt {
  const logger = boltLogger(o.logger);
  const clientOptions = webClientOptions(o.apiUrl);
  let mode: Bolt["mode"];
  let receiver: HTTPReceiver | SocketModeReceiver;
  if (o.appToken) {
    mode = "socket";
    // Built here rather than by App, so its WebClient (apps.connections.open) gets SLACK_API_URL
    // but keeps socket-mode's own patient retry policy for reconnecting.
    receiver = new SocketModeReceiver({
      appToken: o.appToken, logger, installerOptions: { clientOptions: o.apiUrl ? { slackApiUrl: o.apiUrl } : {} },
    });
  } else if (o.signingSecret) {
    mode = "http";
    receiver = new HTTPReceiver({
      signingSecret: o.signingSecret, endpoints: EVENTS_PATH, logger,
      ...(o.oauth ? oauthReceiverOptions(o.oauth, o.apiUrl, o.logger) : {}),
      // Answer after ack(): the work continues once Slack has its 200 (3-second rule).
      processBeforeResponse: false,
      customRoutes: (o.routes ?? []).map((r) => ({
        path: r.path, method: r.method,
        handler: (req: IncomingMessage, res: ServerResponse) => {
          Promise.resolve(r.handler(req, res)).catch(() => {
            if (!res.headersSent) res.writeHead(500);
            res.end();
          });
        },
      })),
    });
  } else {
    throw new Error("the Slack adapter needs SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)");
  }
  if (o.oauth && mode === "socket") throw new Error("the Slack install flow (SLACK_CLIENT_ID) needs HTTP mode: set SLACK_SIGNING_SECRET, not SLACK_APP_TOKEN");
  if (!o.oauth && !o.botToken) throw new Error("the Slack adapter needs SLACK_BOT_TOKEN or SLACK_CLIENT_ID");
  if (receiver instanceof HTTPReceiver) refuseFutureRequests(receiver);
  // Deferred: bolt would otherwise check the token from its constructor, and a wrong one would
  // end the process with an unhandled rejection and a stack trace; start() checks it first.
  // With `oauth` there is no token: bolt's authorize reads each request's workspace installation.
  const app = new App({ ...(o.oauth ? {} : { token: o.botToken }), receiver, logger, clientOptions, deferInitialization: true });
  return {
    app,
    mode,
    async start() {
      await app.init();
      if (receiver instanceof SocketModeReceiver) {
        await receiver.start();
        return undefined;
      }
      const server = await receiver.start({ port: o.port ?? 3_000, host: o.host ?? "0.0.0.0" });
      const address = server.address();
      return typeof address === "object" && address ? address.port : undefined;
    },
    async stop() {
      await receiver.stop();
    },
  };
}
