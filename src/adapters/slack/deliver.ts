/**
 * Answering an interaction after its ack: private replies through the response_url (ephemeral;
 * https://api.slack.com/interactivity/handling#message_responses), channel replies through the
 * outbox (chat.postMessage, paced). A card answering a click on a private message replaces it:
 * the grade takes the question's place; a short notice is added beside it instead. A public
 * message is never replaced (its buttons belong to everyone): the member's answer comes as an
 * ephemeral message of their own.
 * Ephemeral messages cannot carry files: a private reply's files go to the member's DM with the
 * bot (files.uploadV2 there), and the ephemeral text says so.
 */
import { expandRefs } from "../../bot/command-ref.js";
import type { Logger } from "../../bot/ports.js";
import { mayChangeClicked, text, type Reply } from "../../bot/reply.js";
import { teamOfSpace, type WorkspaceClients } from "./installations.js";
import type { SlackOutbox } from "./outbox.js";
import { slackText } from "./mrkdwn.js";
import { renderMessages } from "./render.js";
import { slackSpeller } from "./spell.js";

/** Where the interaction happened and how it can be answered. */
export interface AnswerTarget {
  spaceId: string;
  channelId: string;
  threadId?: string;
  /**
   * The public message that was clicked, when it is not in a thread yet: a channel reply to the
   * click goes under it (a mock interview's opening has no thread_ts until someone replies).
   */
  anchorTs?: string;
  userId: string;
  responseUrl?: string;
}

/** DM channel ids start with D (https://api.slack.com/types/conversation): everything there is private. */
export const isDirectMessage = (channelId: string) => channelId.startsWith("D");

/** A full card (a title, buttons or a form), as opposed to a one-line notice such as an error. */
const isCard = (r: Reply) => Boolean(r.title) || r.blocks.some((b) => b.kind === "choices" || b.kind === "form");

export interface Deliverer {
  deliver(reply: Reply | undefined, to: AnswerTarget): Promise<void>;
}

/** The files' names in core markdown (bold), for the note that says where they went. */
const fileList = (r: Reply) => (r.files ?? []).map((f) => `**${f.name}**`).join(", ");

export function createDeliverer(o: {
  clients: WorkspaceClients; outbox: Pick<SlackOutbox, "post" | "uploadFiles">; logger: Logger; fetch?: typeof fetch;
}): Deliverer {
  const fetchFn = o.fetch ?? globalThis.fetch;

  async function respond(url: string, body: Record<string, unknown>): Promise<void> {
    const res = await fetchFn(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`response_url answered ${res.status}`);
  }

  /** The private reply's files, sent to the member's DM; the reply, without them, says where they went. */
  async function filesToDm(reply: Reply, to: AnswerTarget): Promise<Reply> {
    if (!reply.files?.length) return reply;
    const { files, ...rest } = reply;
    let note: string;
    try {
      await o.outbox.uploadFiles({ spaceId: to.spaceId, channelId: to.channelId, userId: to.userId }, files, slackText(expandRefs(reply.title ?? reply.fallback, slackSpeller, "plain")));
      note = `📎 I sent ${fileList(reply)} to your direct messages with me.`;
    } catch (err) {
      o.logger.warn({ user: to.userId, err: err instanceof Error ? err.message : String(err) }, "Slack file upload to a DM failed");
      note = `I couldn't send you ${fileList(reply)} by direct message just now. Please try again in a moment.`;
    }
    return { ...rest, blocks: [...rest.blocks, text(note)] };
  }

  async function privately(withFiles: Reply, to: AnswerTarget): Promise<void> {
    const reply = await filesToDm(withFiles, to);
    const messages = renderMessages(reply);
    const thread = to.threadId ? { thread_ts: to.threadId } : {};
    if (to.responseUrl) {
      const replace = mayChangeClicked(reply) && isCard(reply);
      for (const [i, m] of messages.entries()) {
        await respond(to.responseUrl, { response_type: "ephemeral", replace_original: replace && i === 0, ...thread, text: m.text, blocks: m.blocks });
      }
      return;
    }
    const client = await o.clients.forTeam(teamOfSpace(to.spaceId));
    for (const m of messages) {
      await client.chat.postEphemeral({ channel: to.channelId, user: to.userId, ...thread, text: m.text, blocks: m.blocks });
    }
  }

  return {
    async deliver(reply, to) {
      if (!reply) return;
      // In a DM without a response_url (Home tab clicks), a plain post is as private as it gets.
      const post = reply.visibility === "channel" || (isDirectMessage(to.channelId) && !to.responseUrl);
      if (!post) return privately(reply, to);
      try {
        const threadId = to.threadId ?? to.anchorTs;
        await o.outbox.post({ spaceId: to.spaceId, channelId: to.channelId, ...(threadId ? { threadId } : {}) }, reply);
      } catch (err) {
        // The bot may not post in this channel (a private one it was not invited to): the slash
        // command's own response_url can still answer where the person typed.
        if (!to.responseUrl) throw err;
        o.logger.warn({ channel: to.channelId, err: err instanceof Error ? err.message : String(err) }, "Slack channel post failed; answering through response_url");
        for (const m of renderMessages(reply)) await respond(to.responseUrl, { response_type: "in_channel", text: m.text, blocks: m.blocks });
      }
    },
  };
}
