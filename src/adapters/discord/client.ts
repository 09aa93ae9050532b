/**
 * The discord.js client in gateway mode. Intents: Guilds (slash commands, buttons and modals
 * arrive as interactions, which need no intent) and GuildMessages (not privileged), so a mock
 * interview's thread can be read when the candidate mentions the bot: Discord sends the content
 * of messages that mention the bot even without the Message Content intent. With
 * `messageContent`, also the privileged Message Content intent: plain messages are read too.
 * https://discord.com/developers/docs/events/gateway#gateway-intents
 * https://discord.com/developers/docs/events/gateway#message-content-intent
 */
import { Client, GatewayIntentBits, Options } from "discord.js";
import { isOutboxRoute } from "./errors.js";

export interface ClientOptions {
  /** `DISCORD_API_URL`: REST base without the version (discord.js appends /v10); the gateway URL then comes from GET /gateway/bot. */
  apiUrl?: string;
  messageContent: boolean;
}

export function intentsFor(messageContent: boolean): GatewayIntentBits[] {
  const base = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];
  return messageContent ? [...base, GatewayIntentBits.MessageContent] : base;
}

export function createClient(o: ClientOptions): Client {
  return new Client({
    intents: intentsFor(o.messageContent),
    // GuildMessages delivers every message of every channel; the adapter only looks at each once
    // as it arrives, so none is kept in memory.
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    rest: {
      ...(o.apiUrl ? { api: o.apiUrl } : {}),
      // The outbox's 429s are thrown (RateLimitError) so the jobs layer waits; see errors.ts.
      rejectOnRateLimit: (limit) => isOutboxRoute(limit.route),
    },
  });
}
