/**
 * How jobs post on Discord without an interaction: channel posts, thread posts, DMs, edits,
 * with a reply's files uploaded beside them (multipart/form-data). Plain REST calls (no cached
 * channel objects needed), with an enforced nonce so a repeated post of the same key is dropped
 * by Discord itself, and errors turned into the core's RateLimitedError / PermanentDeliveryError
 * for the jobs layer. It also checks, gives and takes roles (roles.ts) and pings the daily post's role.
 */
import { Routes, type APIChannel, type APIMessage, type RawFile, type REST } from "discord.js";
import { PermanentDeliveryError } from "../../bot/errors.js";
import type { Logger, MessageRef, Outbox, PostTarget, ThreadRef } from "../../bot/ports.js";
import { text, type Reply } from "../../bot/reply.js";
import { DISCORD_ERRORS, discordCode, toDeliveryError } from "./errors.js";
import type { FormMemory } from "./forms.js";
import { LIMITS, nonceFor, trim } from "./limits.js";
import { attachmentsOf, renderReply, type DiscordMessage } from "./render.js";
import { createDiscordRoles } from "./roles.js";

export interface DiscordOutbox extends Outbox {
  openThread(target: PostTarget, name: string, first: Reply): Promise<ThreadRef>;
  /** Replaces a posted message's content (e.g. a round's results as they come in). */
  edit(ref: MessageRef, reply: Reply): Promise<MessageRef>;
}

/** Threads archive after a day without messages; a mock interview is far shorter. */
const THREAD_ARCHIVE_MINUTES = 1_440;

const CLOSED_DMS_PRIVATE = "I tried to send you something private by direct message, but your DMs are closed. "
  + "Allow direct messages from server members (Privacy Settings of this server) so I can reach you next time.";

/** A message's files as @discordjs/rest sends them: `files[n]` parts beside `payload_json`. */
const rawFiles = (m: DiscordMessage): { files?: RawFile[] } =>
  m.files?.length ? { files: m.files.map((f) => ({ name: f.name, data: f.data, contentType: f.contentType })) } : {};

export interface DiscordOutboxOptions {
  forms?: FormMemory;
  /**
   * A line added to a thread's opening message, e.g. how to talk to the bot there. Without the
   * Message Content intent the bot reads only messages that mention it, so the adapter says so.
   */
  threadHint?: () => string | undefined;
  /** The bot has the Message Content intent: thread messages reach it, so no Answer form is shown. */
  readsThreads?: boolean;
}

export function createDiscordOutbox(rest: REST, logger: Logger, o: DiscordOutboxOptions = {}): DiscordOutbox {
  const forms = o.forms;
  async function call<T>(fn: () => Promise<unknown>): Promise<T> {
    try {
      return (await fn()) as T;
    } catch (err) {
      throw toDeliveryError(err);
    }
  }

  const render = (reply: Reply) => {
    const { messages, dropped } = renderReply(reply, forms, { readsThreads: o.readsThreads ?? false });
    if (dropped.length) logger.warn({ dropped }, "post had more buttons than Discord shows (5 rows of 5); some left out");
    return messages;
  };

  /**
   * Posts every message of a rendered reply; the first one is the reply's reference. Each part
   * has its own nonce, so a retry after a failure in the middle does not repeat the parts sent.
   */
  async function postMessages(
    channelId: string, messages: DiscordMessage[], key: string | undefined, extra: { content?: string; mention?: string; role?: string } = {},
  ): Promise<APIMessage> {
    let first: APIMessage | undefined;
    // A role ping (the daily post's) is the first message's first line; a mention inside an
    // embed would show but notify nobody.
    const lead = extra.role ? `<@&${extra.role}>${extra.content ? ` ${extra.content}` : ""}` : extra.content;
    for (const [i, m] of messages.entries()) {
      const content = i === 0 && lead ? trim(`${lead}${m.content ? `\n${m.content}` : ""}`, LIMITS.content) : m.content;
      // Only the one user or role meant is notified: never @everyone, @here or a name in member text.
      const allowed = i === 0 && extra.role ? { parse: [], roles: [extra.role] } : extra.mention ? { parse: [], users: [extra.mention] } : { parse: [] };
      const body = {
        ...(content ? { content } : {}),
        embeds: m.embeds,
        components: m.components,
        allowed_mentions: allowed,
        ...(key ? { nonce: nonceFor(i === 0 ? key : `${key}#${i + 1}`), enforce_nonce: true } : {}),
        ...(m.files?.length ? { attachments: attachmentsOf(m.files) } : {}),
      };
      const sent = await call<APIMessage>(() => rest.post(Routes.channelMessages(channelId), { body, ...rawFiles(m) }));
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
      // No channel to fall back to (a streak reminder): retrying cannot open their DMs.
      if (!target.channelId) throw new PermanentDeliveryError("the member's direct messages are closed (Discord 50007)", { cause: err });
      // Closed DMs: tell the member in the channel instead. The nonce is the DM's key plus a
      // suffix, so a retried job does not mention them twice. A private reply (a peer mock's
      // interviewer facts, an export) must not land in the channel: only the notice does.
      logger.info({ user: target.userId, channel: target.channelId }, "DM refused (50007); telling the member in the channel");
      const mention = `<@${target.userId}>`;
      const sent = reply.visibility === "private"
        ? await postMessages(target.channelId, [{ content: `${mention} ${CLOSED_DMS_PRIVATE}`, embeds: [], components: [] }], key && `${key}:dm`, { mention: target.userId })
        : await postMessages(target.channelId, rendered, key && `${key}:dm`, {
          content: `${mention} I couldn't send you a direct message (your DMs are closed), so here it is:`, mention: target.userId,
        });
      return { channelId: target.channelId, messageId: sent.id };
    }
  }

  const roles = createDiscordRoles(rest);
  return {
    checkRole: roles.checkRole,
    setMemberRole: roles.setMemberRole,
    async post(target, reply, opts) {
      const key = opts?.idempotencyKey;
      if (target.userId) return postDm({ ...target, userId: target.userId }, reply, key);
      const channelId = target.threadId ?? target.channelId;
      const sent = await postMessages(channelId, render(reply), key, opts?.mention ? { role: opts.mention.roleId } : {});
      return { channelId: target.channelId, messageId: sent.id, ...(target.threadId ? { threadId: target.threadId } : {}) };
    },

    async openThread(target, name, first) {
      const hint = o.threadHint?.();
      const opening = await postMessages(target.channelId, render(hint ? { ...first, blocks: [...first.blocks, text(hint)] } : first), undefined);
      const thread = await call<APIChannel>(() => rest.post(Routes.threads(target.channelId, opening.id), {
        body: { name: trim(name, LIMITS.threadName), auto_archive_duration: THREAD_ARCHIVE_MINUTES },
      }));
      return { channelId: target.channelId, threadId: thread.id, messageId: opening.id };
    },

    async edit(ref, reply) {
      // An edit replaces one message, so only the first rendered message's worth fits.
      // New files replace the old attachments; without files the old ones stay.
      const [m] = render(reply);
      await call(() => rest.patch(Routes.channelMessage(ref.threadId ?? ref.channelId, ref.messageId), {
        body: {
          content: m?.content ?? null, embeds: m?.embeds ?? [], components: m?.components ?? [], allowed_mentions: { parse: [] },
          ...(m?.files?.length ? { attachments: attachmentsOf(m.files) } : {}),
        },
        ...(m ? rawFiles(m) : {}),
      }));
      return ref;
    },
  };
}
