/**
 * Discord's errors in the core's terms, so the jobs layer knows to wait (429) or give up
 * (the channel is gone, or the bot may not see it). Everything else is retried with backoff.
 * https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes
 * https://discord.com/developers/docs/topics/rate-limits#exceeding-a-rate-limit
 */
import { DiscordAPIError, RateLimitError } from "discord.js";
import { PermanentDeliveryError, RateLimitedError } from "../../bot/errors.js";

export const DISCORD_ERRORS = {
  unknownChannel: 10003,
  unknownMessage: 10008,
  missingAccess: 50001,
  cannotDmUser: 50007,
  missingPermissions: 50013,
  alreadyAcknowledged: 40060,
  unknownInteraction: 10062,
} as const;

/**
 * The gateway refused the session for good (a privileged intent the application has not
 * switched on, a bad token): the message is one line an admin can act on.
 */
export class DiscordGatewayError extends Error {
  override readonly name = "DiscordGatewayError";
  constructor(readonly closeCode: number, message: string) {
    super(message);
  }
}

/** https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes */
export const GATEWAY_CLOSE = { authenticationFailed: 4004, disallowedIntents: 4014 } as const;

/** What to do about a gateway close that ends the session for good; undefined for others. */
export function gatewayRefusal(code: number, o: { messageContent: boolean }): DiscordGatewayError | undefined {
  if (code === GATEWAY_CLOSE.disallowedIntents) {
    const fix = o.messageContent
      ? "switch on Message Content Intent in the Discord developer portal (your application → Bot → Privileged Gateway Intents), or unset DISCORD_MESSAGE_CONTENT"
      : "switch the privileged intents on in the Discord developer portal (your application → Bot → Privileged Gateway Intents)";
    return new DiscordGatewayError(code, `Discord refused the connection (4014 disallowed intents): ${fix}.`);
  }
  if (code === GATEWAY_CLOSE.authenticationFailed) {
    return new DiscordGatewayError(code, "Discord refused the connection (4004 authentication failed): check DISCORD_TOKEN (Bot → Reset Token in the developer portal).");
  }
  return undefined;
}

const PERMANENT: Record<number, string> = {
  [DISCORD_ERRORS.unknownChannel]: "channel not found",
  [DISCORD_ERRORS.missingAccess]: "the bot cannot see the channel",
  [DISCORD_ERRORS.missingPermissions]: "the bot may not post in the channel",
};

/** When Discord gives no wait (it always should), wait this long rather than hammer it. */
const FALLBACK_RETRY_MS = 1_000;

export const discordCode = (err: unknown): number | undefined =>
  err instanceof DiscordAPIError && typeof err.code === "number" ? err.code : undefined;

/** The error to throw for a failed outbox request. */
export function toDeliveryError(err: unknown): unknown {
  if (err instanceof RateLimitError) {
    const wait = err.retryAfter > 0 ? err.retryAfter : err.timeToReset > 0 ? err.timeToReset : FALLBACK_RETRY_MS;
    return new RateLimitedError(Math.ceil(wait), `discord ${err.method.toUpperCase()} ${err.route}`, { cause: err });
  }
  const code = discordCode(err);
  if (code !== undefined && PERMANENT[code]) return new PermanentDeliveryError(`${PERMANENT[code]} (Discord ${code})`, { cause: err });
  return err;
}

/**
 * REST routes whose 429s reach the caller instead of being waited out inside discord.js: the
 * outbox's, so a job hands the wait to the queue (BullMQ's rate limit) and no worker sleeps on it.
 * Interaction responses keep discord.js's own waiting: they have a 3-second budget, not a queue.
 */
export const isOutboxRoute = (route: string) => route.startsWith("/channels/") || route.startsWith("/users/@me/channels");
