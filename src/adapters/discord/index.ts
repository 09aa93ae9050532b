/**
 * The Discord adapter: slash commands, buttons and modals in; embeds and components out; an
 * Outbox for the jobs layer. It only translates: the core decides everything.
 * See docs/discord.md for setting up the application.
 */
import { Events, type Client, type Message } from "discord.js";
import type { Command } from "../../bot/command.js";
import type { Dispatcher } from "../../bot/dispatcher.js";
import type { Logger } from "../../bot/ports.js";
import type { Curriculum } from "../../curriculum/loader.js";
import { createClient } from "./client.js";
import { gatewayRefusal, type DiscordGatewayError } from "./errors.js";
import { messageEvent, withoutMention } from "./events.js";
import { FormMemory } from "./forms.js";
import { createInteractionHandler, DEFAULT_DEFER_AFTER_MS } from "./interactions.js";
import { createDiscordOutbox, type DiscordOutbox } from "./outbox.js";
import { syncCommands } from "./register.js";
import type { PlatformAdapter } from "../platform.js";

export type { DiscordOutbox } from "./outbox.js";

export interface DiscordAdapterOptions {
  token: string;
  appId: string;
  /** Register commands to this guild (instant; for development) instead of globally. */
  guildId?: string;
  /** `DISCORD_API_URL`, e.g. http://127.0.0.1:8080/api (discord.js adds /v10). */
  apiUrl?: string;
  /**
   * `DISCORD_MESSAGE_CONTENT`: read every message in mock-interview threads (a privileged intent).
   * Off, the bot reads the thread messages that mention it.
   */
  messageContent?: boolean;
  /** DISCORD_SHARDS: "auto" (Discord's recommended count, the default) or a fixed number, all run here. */
  shards?: "auto" | number;
  dispatcher: Dispatcher;
  commands: readonly Command[];
  /** For autocomplete: topics, problems, plans. */
  curriculum: Curriculum;
  logger: Logger;
  /** How long a command may run before its reply is deferred; Discord allows 3 s in all. */
  deferAfterMs?: number;
  /** Overwrite the registered slash commands at start (default true). */
  syncCommandsOnStart?: boolean;
}

export interface DiscordAdapter extends PlatformAdapter {
  readonly platform: "discord";
  /** Syncs the slash commands, connects to the gateway and resolves when ready. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Works before `start` too: it only needs REST. */
  outbox: DiscordOutbox;
  client: Client;
}

export function createDiscordAdapter(o: DiscordAdapterOptions): DiscordAdapter {
  const messageContent = o.messageContent ?? false;
  const client = createClient({ ...(o.apiUrl ? { apiUrl: o.apiUrl } : {}), messageContent, shards: o.shards ?? "auto" });
  client.rest.setToken(o.token);
  const forms = new FormMemory();
  /** The bot's user id; for bots made in the Developer Portal it equals the application id. */
  const botId = () => client.user?.id ?? o.appId;
  const outbox = createDiscordOutbox(client.rest, o.logger, {
    forms, readsThreads: messageContent,
    // Without Message Content, Discord shows the bot only messages that mention it.
    ...(messageContent ? {} : { threadHint: () => `Mention <@${botId()}> at the start of each message in this thread so I can read it, or use the Answer button.` }),
  });
  const onInteraction = createInteractionHandler({
    dispatcher: o.dispatcher, curriculum: o.curriculum, forms, readsThreads: messageContent, logger: o.logger, deferAfterMs: o.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS,
  });

  async function onMessage(m: Message): Promise<void> {
    // Only members' messages in threads can belong to a mock interview. Without the Message
    // Content intent a message's content is empty unless it mentions the bot: only those count.
    if (m.author.bot || !m.inGuild() || !m.channel.isThread()) return;
    if (!messageContent && !m.mentions.users.has(botId())) return;
    const said = withoutMention(m.content, botId());
    if (!said) return;
    try {
      const event = messageEvent(m, said);
      const reply = await o.dispatcher.handle(event);
      if (reply) await outbox.post({ spaceId: `discord:${m.guildId}`, channelId: event.channel.id, threadId: m.channelId }, reply, { idempotencyKey: `msg-${m.id}` });
    } catch (err) {
      o.logger.error({ err, message: m.id }, "thread message failed");
    }
  }

  client.on(Events.InteractionCreate, (i) => void onInteraction(i));
  client.on(Events.MessageCreate, (m) => void onMessage(m));
  client.on(Events.Error, (err) => o.logger.error({ err }, "discord client error"));
  // A refusal for good (4014 disallowed intents, 4004 bad token) fails start() with one line
  // saying what to change; other disconnects are logged (discord.js reconnects or resumes).
  let refusal: DiscordGatewayError | undefined;
  let starting: ((err: Error) => void) | undefined;
  client.on(Events.ShardDisconnect, (e, shard) => {
    refusal = gatewayRefusal(e.code, { messageContent });
    if (refusal && starting) return starting(refusal);
    o.logger.warn({ code: e.code, shard, ...(refusal ? { reason: refusal.message } : {}) }, "discord gateway disconnected");
  });
  // discord.js reports a refusal as a shard error too; the disconnect above says what to do.
  client.on(Events.ShardError, (err, shard) => o.logger.info({ err: err.message, shard }, "discord gateway error"));

  return {
    platform: "discord",
    client,
    outbox,
    async start() {
      if (o.syncCommandsOnStart ?? true) {
        const count = await syncCommands(client.rest, o.appId, o.guildId, o.commands);
        o.logger.info({ count, guild: o.guildId ?? "global" }, "discord slash commands synced");
      }
      const ready = new Promise<void>((resolve, reject) => {
        starting = reject;
        client.once(Events.ClientReady, () => resolve());
      });
      try {
        // login() rejects on a refusal too ("Used disallowed intents"); the close code says why.
        await Promise.all([client.login(o.token), ready]);
      } catch (err) {
        await client.destroy();
        throw refusal ?? err;
      } finally {
        starting = undefined;
      }
      o.logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size, shards: client.options.shardCount }, "discord adapter ready");
    },
    async stop() {
      await client.destroy();
    },
  };
}
