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
  /**
   * DISCORD_SHARDS: "auto" (default) runs the count Discord recommends in GET /gateway/bot; a
   * number runs that many shards, all in this process. Discord routes each guild's events to
   * shard (guild_id >> 22) % count. https://discord.com/developers/docs/events/gateway#sharding
   */
  shards?: "auto" | number;
}

/** discord.js's options for a shard setting: all shards of the count run in this one client. */
export function shardOptions(shards: "auto" | number = "auto"): { shards: "auto" } | { shards: number[]; shardCount: number } {
  return shards === "auto" ? { shards: "auto" } : { shards: Array.from({ length: shards }, (_, i) => i), shardCount: shards };
}

export function intentsFor(messageContent: boolean): GatewayIntentBits[] {
  const base = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];
  return messageContent ? [...base, GatewayIntentBits.MessageContent] : base;
}

export function createClient(o: ClientOptions): Client {
  return new Client({
    intents: intentsFor(o.messageContent),
    ...shardOptions(o.shards),
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
