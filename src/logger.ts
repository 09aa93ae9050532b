/** The process logger: pino, JSON to stderr, tokens and secrets redacted. */
import { Writable } from "node:stream";
import { pino, type Logger as Pino } from "pino";

export const REDACT_PATHS = [
  "token", "*.token", "*.*.token", "authorization", "*.authorization", "*.headers.authorization",
  "DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "*.DISCORD_TOKEN",
  "*.SLACK_BOT_TOKEN", "*.SLACK_SIGNING_SECRET", "*.SLACK_APP_TOKEN",
];

export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Pino {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: "[redacted]" } }, destination);
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
