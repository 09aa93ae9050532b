/**
 * How jobs post on Discord without an interaction: channel posts, thread posts, DMs, edits.
 * Plain REST calls (no cached channel objects needed), with an enforced nonce so a repeated post
 * of the same key is dropped by Discord itself, and errors turned into the core's
 * RateLimitedError / PermanentDeliveryError for the jobs layer.
 */
import { Routes, type APIChannel, type APIMessage, type REST } from "discord.js";
import type { Logger, MessageRef, Outbox, PostTarget, ThreadRef } from "../../bot/ports.js";
import type { Reply } from "../../bot/reply.js";
import { DISCORD_ERRORS, discordCode, toDeliveryError } from "./errors.js";
import type { FormMemory } from "./forms.js";
import { LIMITS, nonceFor, trim } from "./limits.js";
import { renderReply, type DiscordMessage } from "./render.js";

export interface DiscordOutbox extends Outbox {
  openThread(target: PostTarget, name: string, first: Reply): Promise<ThreadRef>;
  /** Replaces a posted message's content (e.g. a round's results as they come in). */
  edit(ref: MessageRef, reply: Reply): Promise<MessageRef>;
}

/** Threads archive after a day without messages; a mock interview is far shorter. */
const THREAD_ARCHIVE_MINUTES = 1_440;

export function createDiscordOutbox(rest: REST, logger: Logger, forms?: FormMemory): DiscordOutbox {
  async function call<T>(fn: () => Promise<unknown>): Promise<T> {
    try {
      return (await fn()) as T;
    } catch (err) {
      throw toDeliveryError(err);
    }
  }

  const render = (reply: Reply) => {
    const { messages, dropped } = renderReply(reply, forms);
    if (dropped.length) logger.warn({ dropped }, "post had more buttons than Discord shows (5 rows of 5); some left out");
    return messages;
  };

  /**
   * Posts every message of a rendered reply; the first one is the reply's reference. Each part
   * has its own nonce, so a retry after a failure in the middle does not repeat the parts sent.
   */
  async function postMessages(channelId: string, messages: DiscordMessage[], key: string | undefined, extra: { content?: string; mention?: string } = {}): Promise<APIMessage> {
    let first: APIMessage | undefined;
    for (const [i, m] of messages.entries()) {
      const content = i === 0 && extra.content ? trim(`${extra.content}${m.content ? `\n${m.content}` : ""}`, LIMITS.content) : m.content;
      const body = {
        ...(content ? { content } : {}),
        embeds: m.embeds,
        components: m.components,
        allowed_mentions: extra.mention ? { parse: [], users: [extra.mention] } : { parse: [] },
        ...(key ? { nonce: nonceFor(i === 0 ? key : `${key}#${i + 1}`), enforce_nonce: true } : {}),
      };
      const sent = await call<APIMessage>(() => rest.post(Routes.channelMessages(channelId), { body }));
      first ??= sent;
    }
    return first!;
  }

  async function postDm(target: PostTarget & { userId: string }, reply: Reply, key: string | undefined): Promise<MessageRef> {
    const rendered = render(reply);
    try {
      const dm = await call<APIChannel>(() => rest.post(Routes.userChannels(), { body: { recipient_id: target.userId } }));
      const sent = await postMessages(dm.id, rendered, key);
      return { channelId: dm.id, messageId: sent.id };
    } catch (err) {
      if (discordCode(err) !== DISCORD_ERRORS.cannotDmUser) throw err;
      // Closed DMs: tell the member in the channel instead. The nonce is the DM's key plus a
      // suffix, so a retried job does not mention them twice.
      logger.info({ user: target.userId, channel: target.channelId }, "DM refused (50007); posting in the channel instead");
      const sent = await postMessages(target.channelId, rendered, key && `${key}:dm`, {
        content: `<@${target.userId}> I couldn't send you a direct message (your DMs are closed), so here it is:`,
        mention: target.userId,
      });
      return { channelId: target.channelId, messageId: sent.id };
    }
  }

  return {
    async post(target, reply, opts) {
      const key = opts?.idempotencyKey;
      if (target.userId) return postDm({ ...target, userId: target.userId }, reply, key);
      const channelId = target.threadId ?? target.channelId;
      const sent = await postMessages(channelId, render(reply), key);
      return { channelId: target.channelId, messageId: sent.id, ...(target.threadId ? { threadId: target.threadId } : {}) };
    },

    async openThread(target, name, first) {
      const opening = await postMessages(target.channelId, render(first), undefined);
      const thread = await call<APIChannel>(() => rest.post(Routes.threads(target.channelId, opening.id), {
        body: { name: trim(name, LIMITS.threadName), auto_archive_duration: THREAD_ARCHIVE_MINUTES },
      }));
      return { channelId: target.channelId, threadId: thread.id, messageId: opening.id };
    },

    async edit(ref, reply) {
      // An edit replaces one message, so only the first rendered message's worth fits.
      const [m] = render(reply);
      await call(() => rest.patch(Routes.channelMessage(ref.threadId ?? ref.channelId, ref.messageId), {
        body: { content: m?.content ?? null, embeds: m?.embeds ?? [], components: m?.components ?? [], allowed_mentions: { parse: [] } },
      }));
      return ref;
    },
  };
}
