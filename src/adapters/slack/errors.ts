/**
 * Web API failures → the core's delivery errors, so the jobs layer waits or gives up.
 * https://api.slack.com/apis/rate-limits and each method's "Errors" table.
 */
import { webApi } from "@slack/bolt";
import { PermanentDeliveryError, RateLimitedError } from "../../bot/errors.js";

/** Retrying cannot help: the channel or the person is gone, or the bot may not post there. */
const PERMANENT = new Set([
  "channel_not_found", "not_in_channel", "is_archived", "account_inactive",
  "user_not_found", "cannot_dm_bot", "restricted_action", "invalid_auth", "token_revoked",
]);

/** Slack refused the bot token itself (revoked, uninstalled, or replaced by a reinstall). */
const TOKEN_REFUSED = new Set(["invalid_auth", "token_revoked", "account_inactive"]);

/** Whether a failed call (or the delivery error made of it, toDeliveryError) was a refused token. */
export function isTokenRefused(err: unknown): boolean {
  const code = slackErrorCode(err) ?? slackErrorCode((err as { cause?: unknown } | null)?.cause);
  return code !== undefined && TOKEN_REFUSED.has(code);
}

/** The Slack error code of a failed call ("channel_not_found"), if it was one. */
export function slackErrorCode(err: unknown): string | undefined {
  if (typeof err !== "object" || err === null || !("code" in err)) return undefined;
  if (err.code !== webApi.ErrorCode.PlatformError) return undefined;
  const data = (err as { data?: { error?: unknown } }).data;
  return typeof data?.error === "string" ? data.error : undefined;
}

/**
 * The WebClient runs with `rejectRateLimitedCalls: true`, so a 429 reaches us at once with its
 * Retry-After (seconds) instead of being retried silently inside the client.
 */
export function toDeliveryError(err: unknown, method: string): unknown {
  if (typeof err === "object" && err !== null && "code" in err && err.code === webApi.ErrorCode.RateLimitedError) {
    const seconds = (err as { retryAfter?: unknown }).retryAfter;
    return new RateLimitedError((typeof seconds === "number" ? seconds : 1) * 1_000, `slack:${method}`, { cause: err });
  }
  const code = slackErrorCode(err);
  if (code && PERMANENT.has(code)) return new PermanentDeliveryError(`Slack ${method}: ${code}`, { cause: err });
  return err;
}
