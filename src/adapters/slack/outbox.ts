/**
 * How jobs post to Slack: chat.postMessage (thread_ts for threads), chat.update for edits,
 * conversations.open for DMs, files.uploadV2 for a reply's files (beside its message, in the
 * same channel or thread). Posts to one channel are spaced about a second apart, Slack's
 * guidance for posting (https://api.slack.com/apis/rate-limits#posting-messages); 429s and
 * permanent failures become the core's delivery errors (errors.ts).
 */
import type { types, webApi } from "@slack/bolt";

type KnownBlock = types.KnownBlock;
import type { Logger, Mention, MessageRef, Outbox, PostTarget, ThreadRef } from "../../bot/ports.js";
import type { Attachment, Reply } from "../../bot/reply.js";
import { pacePerChannel } from "../../jobs/channel-pacing.js";
import { slackErrorCode, toDeliveryError } from "./errors.js";
import { renderMessages, withoutButtons } from "./render.js";

/** Idempotency keys whose sends are remembered (a day's fan-out in a large workspace is far fewer). */
const SENT_KEYS_KEPT = 10_000;

export interface SlackOutbox extends Outbox {
  openThread(target: PostTarget, name: string, first: Reply): Promise<ThreadRef>;
  /** Replaces a posted message's content (the first 50 blocks of the reply); its files are uploaded beside it. */
  update(ref: MessageRef, reply: Reply): Promise<MessageRef>;
  /**
   * Uploads files on their own, with `comment` as the message that introduces them; to the
   * member's DM when `target.userId` is set. Resolves with the channel they went to.
   */
  uploadFiles(target: PostTarget, files: readonly Attachment[], comment?: string): Promise<string>;
  retire(thread: PostTarget & { threadId: string }, actions: readonly string[]): Promise<void>;
}

export interface SlackOutboxOptions {
  client: webApi.WebClient;
  logger: Logger;
  /** Gap between posts to one channel; 1 s by default. */
  minGapMs?: number;
}

/**
 * The daily post's user group mention: a line of its own above the message (a mention only in
 * `text` would not show when there are blocks), and in `text` for the notification.
 * https://docs.slack.dev/messaging/formatting-message-text#mentioning-groups
 */
function withGroupMention(m: { text: string; blocks: KnownBlock[] }, groupId: string): { text: string; blocks: KnownBlock[] } {
  const ping = `<!subteam^${groupId}>`;
  const line: KnownBlock = { type: "section", text: { type: "mrkdwn", text: ping } };
  // Slack takes at most 50 blocks a message; render.ts fills them, so a full message keeps the ping in its text only.
  return { text: `${ping} ${m.text}`, blocks: m.blocks.length < 50 ? [line, ...m.blocks] : m.blocks };
}

export function createSlackOutbox(o: SlackOutboxOptions): SlackOutbox {
  const dmChannels = new Map<string, string>();

  async function call<T>(method: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw toDeliveryError(err, method);
    }
  }

  /** A DM is a conversation of its own: opened once per person, then remembered. */
  async function dmChannel(userId: string): Promise<string> {
    const known = dmChannels.get(userId);
    if (known) return known;
    const res = await call("conversations.open", () => o.client.conversations.open({ users: userId }));
    const id = res.channel?.id;
    if (!id) throw new Error("conversations.open returned no channel");
    dmChannels.set(userId, id);
    return id;
  }

  async function postOnce(channel: string, target: PostTarget, reply: Reply, mention?: Mention): Promise<string> {
    let first: string | undefined;
    // Usually one message; a reply over 50 blocks continues in more (render.ts), in order.
    for (const [i, rendered] of renderMessages(reply).entries()) {
      const m = i === 0 && mention ? withGroupMention(rendered, mention.roleId) : rendered;
      const res = await o.client.chat.postMessage({
        channel, text: m.text, blocks: m.blocks, unfurl_links: false, ...(target.threadId ? { thread_ts: target.threadId } : {}),
      });
      first ??= res.ts;
    }
    if (!first) throw new Error("chat.postMessage returned no ts");
    return first;
  }

  /**
   * files.uploadV2: files.getUploadURLExternal per file, the bytes POSTed to each upload_url,
   * then files.completeUploadExternal shares them in the channel (and thread).
   * https://docs.slack.dev/messaging/working-with-files#uploading_files
   */
  async function upload(channel: string, threadTs: string | undefined, files: readonly Attachment[], comment?: string): Promise<void> {
    const [first, ...rest] = files.map((f) => ({
      file: Buffer.from(f.data, "base64"), filename: f.name, title: f.description ?? f.name,
      ...(f.description && f.contentType.startsWith("image/") ? { alt_text: f.description } : {}),
    }));
    if (!first) return;
    const where = threadTs ? { channel_id: channel, thread_ts: threadTs } : { channel_id: channel };
    await call("files.uploadV2", () => o.client.files.uploadV2({ ...where, ...(comment ? { initial_comment: comment } : {}), file_uploads: [first, ...rest] }));
  }

  /**
   * Slack has no nonce. A job retried because its file upload failed after the message went out
   * would post the message again; what was sent for the keys posted lately is remembered, so a
   * retry in the same process (all but those after a crash) sends only what is missing.
   */
  const sentByKey = new Map<string, { ts: string; filesSent: boolean }>();
  const remember = (key: string, sent: { ts: string; filesSent: boolean }) => {
    sentByKey.delete(key);
    sentByKey.set(key, sent);
    // A Map iterates in insertion order: the first key is the oldest.
    if (sentByKey.size > SENT_KEYS_KEPT) sentByKey.delete(sentByKey.keys().next().value!);
  };

  async function postOrJoin(channel: string, target: PostTarget, reply: Reply, mention?: Mention): Promise<string> {
    try {
      return await postOnce(channel, target, reply, mention);
    } catch (err) {
      // A public channel the bot was never invited to: join it once (channels:join) and try again.
      if (slackErrorCode(err) !== "not_in_channel") throw toDeliveryError(err, "chat.postMessage");
      await call("conversations.join", () => o.client.conversations.join({ channel }));
      o.logger.info({ channel }, "joined a Slack channel to post in it");
      return call("chat.postMessage", () => postOnce(channel, target, reply, mention));
    }
  }

  const raw: Outbox = {
    async post(target, reply, opts): Promise<MessageRef> {
      const channel = target.userId ? await dmChannel(target.userId) : target.channelId;
      const key = opts?.idempotencyKey;
      const earlier = key ? sentByKey.get(key) : undefined;
      const ts = earlier?.ts ?? await postOrJoin(channel, target, reply, opts?.mention);
      if (key) remember(key, { ts, filesSent: earlier?.filesSent ?? false });
      if (reply.files?.length && !earlier?.filesSent) {
        await upload(channel, target.threadId, reply.files);
        if (key) remember(key, { ts, filesSent: true });
      }
      return { channelId: channel, messageId: ts, ...(target.threadId ? { threadId: target.threadId } : {}) };
    },
  };
  const paced = pacePerChannel(raw, o.minGapMs ?? 1_000);

  return {
    post: (target, reply, opts) => paced.post(target, reply, opts),
    // A user group can be mentioned (any id Slack escaped as <!subteam^…>); a bot cannot simply
    // add members to one, so role rewards are Discord's.
    async checkRole(_spaceId, roleId, use) {
      if (use === "reward") return { ok: false, problem: "rewardsUnsupported" };
      return /^S[A-Z0-9]+$/.test(roleId) ? { ok: true, name: roleId } : { ok: false, problem: "unknownRole" };
    },
    /** A Slack thread is the replies under a message: post the opening, its ts is the thread. */
    async openThread(target, _name, first) {
      const ref = await paced.post({ ...target, threadId: undefined }, first);
      return { channelId: ref.channelId, threadId: ref.messageId, messageId: ref.messageId };
    },
    async update(ref, reply) {
      const [m] = renderMessages(reply);
      await call("chat.update", () => o.client.chat.update({ channel: ref.channelId, ts: ref.messageId, text: m!.text, blocks: m!.blocks }));
      // A message's files cannot be changed by an edit: new ones are shared beside it.
      if (reply.files?.length) await upload(ref.channelId, ref.threadId, reply.files);
      return ref;
    },
    /** The thread's messages (conversations.replies, the parent first) that carry the buttons lose them (chat.update). */
    async retire(thread, actions) {
      let cursor: string | undefined;
      do {
        const page = await call("conversations.replies", () => o.client.conversations.replies({ channel: thread.channelId, ts: thread.threadId, limit: 200, ...(cursor ? { cursor } : {}) }));
        for (const m of page.messages ?? []) {
          const blocks = m.ts && withoutButtons((m.blocks ?? []) as KnownBlock[], actions);
          if (!blocks) continue;
          await call("chat.update", () => o.client.chat.update({ channel: thread.channelId, ts: m.ts!, text: m.text ?? "", blocks }));
        }
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
    },
    async uploadFiles(target, files, comment) {
      const channel = target.userId ? await dmChannel(target.userId) : target.channelId;
      await upload(channel, target.threadId, files, comment);
      return channel;
    },
  };
}
