/** The process logger: pino, JSON to stderr, tokens and secrets redacted, request bodies left out. */
import { Writable } from "node:stream";
import { pino, stdSerializers, type Logger as Pino } from "pino";

export const REDACT_PATHS = [
  "token", "*.token", "*.*.token", "authorization", "*.authorization", "*.headers.authorization",
  "DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "*.DISCORD_TOKEN",
  "*.SLACK_BOT_TOKEN", "*.SLACK_SIGNING_SECRET", "*.SLACK_APP_TOKEN",
  "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET", "*.SLACK_CLIENT_SECRET", "*.SLACK_STATE_SECRET", "client_secret", "*.client_secret",
];

/**
 * Secrets that ride inside strings: an interaction's or webhook's token is a path segment of the
 * URL a failed request reports (/interactions/<id>/<token>/callback, /webhooks/<app>/<token>/…);
 * a Slack response_url ends in its secret (hooks.slack.com/commands|actions/<team>/<id>/<secret>);
 * Slack tokens (xoxb-, xapp-…) may appear in any message.
 */
const SECRETS_IN_TEXT: ReadonlyArray<[RegExp, string]> = [
  [/(\/(?:interactions|webhooks)\/\d+\/)[^/?#\s"]+/g, "$1[redacted]"],
  [/(\/(?:commands|actions|response)\/)[^?#\s"]+/g, "$1[redacted]"],
  [/\bx(?:ox[abpors]|app)-[\w-]+/g, "[redacted]"],
];
export const redactText = (s: string): string => SECRETS_IN_TEXT.reduce((t, [re, by]) => t.replace(re, by), s);

/**
 * What a failed request carries besides its status: the body it sent (a reply's text, a member's
 * `/me export` file as bytes) and the client's request config (axios: URL, headers, body again).
 * None of it belongs in a log.
 */
const REQUEST_FIELDS = new Set(["requestBody", "request", "config", "response", "files"]);

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object" || depth > 6) return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!REQUEST_FIELDS.has(k)) out[k] = scrub(v, depth + 1);
  return out;
}

/** An error as pino would log it, minus request bodies and with secrets out of its URL and text. */
export const serializeError = (err: unknown): unknown => scrub(err instanceof Error ? stdSerializers.err(err) : err);

export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Pino {
  return pino({
    level,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    serializers: { err: serializeError, error: serializeError, cause: serializeError },
    hooks: {
      // The message text too: bolt's logger lines are built from whatever it had (client.ts).
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === "string" ? redactText(a) : a)) as Parameters<typeof method>);
      },
    },
  }, destination);
}

const LEVEL_NAMES: Record<number, string> = { 10: "trace", 20: "debug", 30: "info", 40: "warning", 50: "error", 60: "fatal" };
const PINO_KEYS = new Set(["level", "time", "pid", "hostname", "msg"]);

/**
 * A destination that prints each log record as one line of text ("prepcoach warning: …"), for
 * a person at the console: JSON lines are for log collectors and would land amid the chat.
 */
export function plainLines(destination: NodeJS.WritableStream): NodeJS.WritableStream {
  let pending = "";
  return new Writable({
    write(chunk, _enc, done) {
      pending += String(chunk);
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) destination.write(`${plainLine(line)}\n`);
      done();
    },
  });
}

function plainLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const details = Object.entries(record).filter(([k]) => !PINO_KEYS.has(k))
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
  const level = LEVEL_NAMES[Number(record.level)] ?? "log";
  return `prepcoach ${level}: ${String(record.msg ?? "")}${details.length ? ` (${details.join(", ")})` : ""}`;
}
