/**
 * How jobs post to Slack: chat.postMessage (thread_ts for threads), chat.update for edits,
 * conversations.open for DMs. Posts to one channel are spaced about a second apart, Slack's
 * guidance for posting (https://api.slack.com/apis/rate-limits#posting-messages); 429s and
 * permanent failures become the core's delivery errors (errors.ts).
 */
import type { webApi } from "@slack/bolt";
import type { Logger, MessageRef, Outbox, PostTarget, ThreadRef } from "../../bot/ports.js";
import type { Reply } from "../../bot/reply.js";
import { pacePerChannel } from "../../jobs/channel-pacing.js";
import { slackErrorCode, toDeliveryError } from "./errors.js";
import { renderMessages } from "./render.js";

export interface SlackOutbox extends Outbox {
  openThread(target: PostTarget, name: string, first: Reply): Promise<ThreadRef>;
  /** Replaces a posted message's content (the first 50 blocks of the reply). */
  update(ref: MessageRef, reply: Reply): Promise<MessageRef>;
}

export interface SlackOutboxOptions {
  client: webApi.WebClient;
  logger: Logger;
  /** Gap between posts to one channel; 1 s by default. */
  minGapMs?: number;
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

  async function postOnce(channel: string, target: PostTarget, reply: Reply): Promise<string> {
    let first: string | undefined;
    // Usually one message; a reply over 50 blocks continues in more (render.ts), in order.
    for (const m of renderMessages(reply)) {
      const res = await o.client.chat.postMessage({
        channel, text: m.text, blocks: m.blocks, unfurl_links: false, ...(target.threadId ? { thread_ts: target.threadId } : {}),
      });
      first ??= res.ts;
    }
    if (!first) throw new Error("chat.postMessage returned no ts");
    return first;
  }

  const raw: Outbox = {
    async post(target, reply): Promise<MessageRef> {
      const channel = target.userId ? await dmChannel(target.userId) : target.channelId;
      let ts: string;
      try {
        ts = await postOnce(channel, target, reply);
      } catch (err) {
        // A public channel the bot was never invited to: join it once (channels:join) and try again.
        if (slackErrorCode(err) !== "not_in_channel") throw toDeliveryError(err, "chat.postMessage");
        await call("conversations.join", () => o.client.conversations.join({ channel }));
        o.logger.info({ channel }, "joined a Slack channel to post in it");
        ts = await call("chat.postMessage", () => postOnce(channel, target, reply));
      }
      return { channelId: channel, messageId: ts, ...(target.threadId ? { threadId: target.threadId } : {}) };
    },
  };
  const paced = pacePerChannel(raw, o.minGapMs ?? 1_000);

  return {
    post: (target, reply, opts) => paced.post(target, reply, opts),
    /** A Slack thread is the replies under a message: post the opening, its ts is the thread. */
    async openThread(target, _name, first) {
      const ref = await paced.post({ ...target, threadId: undefined }, first);
      return { channelId: ref.channelId, threadId: ref.messageId, messageId: ref.messageId };
    },
    async update(ref, reply) {
      const [m] = renderMessages(reply);
      await call("chat.update", () => o.client.chat.update({ channel: ref.channelId, ts: ref.messageId, text: m!.text, blocks: m!.blocks }));
      return ref;
    },
  };
}
