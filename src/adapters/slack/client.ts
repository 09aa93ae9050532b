/**
 * The bolt App and its receiver: HTTP (signed requests on /slack/events) or Socket Mode (an
 * app-level token; Slack sends envelopes over a WebSocket). https://tools.slack.dev/bolt-js/concepts/receiver
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type Logger as BoltLogger, type webApi } from "@slack/bolt";
import type { Logger } from "../../bot/ports.js";

/** An extra route on the HTTP receiver's port (/healthz, /metrics): one port serves both. */
export interface ExtraRoute {
  path: string;
  method: string;
  handler(req: IncomingMessage, res: ServerResponse): unknown;
}

export interface BoltOptions {
  botToken: string;
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

export function createBolt(o: BoltOptions): Bolt {
  const logger = boltLogger(o.logger);
  const clientOptions: webApi.WebClientOptions = {
    ...(o.apiUrl ? { slackApiUrl: o.apiUrl } : {}),
    // A 429 must reach the outbox with its Retry-After (the jobs layer waits it out) instead of
    // being retried silently inside the client for minutes.
    rejectRateLimitedCalls: true,
    // Network errors and 5xx: a couple of quick retries; longer waits are the jobs layer's job.
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000 },
  };
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
  if (receiver instanceof HTTPReceiver) refuseFutureRequests(receiver);
  // Deferred: bolt would otherwise check the token from its constructor, and a wrong one would
  // end the process with an unhandled rejection and a stack trace; start() checks it first.
  const app = new App({ token: o.botToken, receiver, logger, clientOptions, deferInitialization: true });
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
