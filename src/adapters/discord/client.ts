/**
 * The discord.js client in gateway mode. Intents: Guilds only (slash commands, buttons and
 * modals arrive as interactions, which need no intent); with `messageContent`, also guild
 * messages and the privileged Message Content intent, so a mock interview can read the
 * candidate's replies in its thread.
 * https://discord.com/developers/docs/events/gateway#gateway-intents
 */
import { Client, GatewayIntentBits } from "discord.js";
import { isOutboxRoute } from "./errors.js";

export interface ClientOptions {
  /** `DISCORD_API_URL`: REST base without the version (discord.js appends /v10); the gateway URL then comes from GET /gateway/bot. */
  apiUrl?: string;
  messageContent: boolean;
}

export function intentsFor(messageContent: boolean): GatewayIntentBits[] {
  return messageContent
    ? [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent]
    : [GatewayIntentBits.Guilds];
}

export function createClient(o: ClientOptions): Client {
  return new Client({
    intents: intentsFor(o.messageContent),
    rest: {
      ...(o.apiUrl ? { api: o.apiUrl } : {}),
      // The outbox's 429s are thrown (RateLimitError) so the jobs layer waits; see errors.ts.
      rejectOnRateLimit: (limit) => isOutboxRoute(limit.route),
    },
  });
}
