/** The process logger: pino, JSON to stderr, tokens and secrets redacted. */
import { pino, type Logger as Pino } from "pino";

export const REDACT_PATHS = [
  "token", "*.token", "*.*.token", "authorization", "*.authorization", "*.headers.authorization",
  "DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "*.DISCORD_TOKEN",
  "*.SLACK_BOT_TOKEN", "*.SLACK_SIGNING_SECRET", "*.SLACK_APP_TOKEN",
];

export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Pino {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: "[redacted]" } }, destination);
}
