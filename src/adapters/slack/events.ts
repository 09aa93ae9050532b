/**
 * Slack events → the core. Every listener acks first (Slack wants an answer within 3 seconds,
 * https://api.slack.com/interactivity/handling#acknowledgment_response), then builds a BotEvent,
 * runs the dispatcher and answers through deliver.ts. No quiz logic here: only translation.
 */
import type { App, webApi } from "@slack/bolt";
import type { Command } from "../../bot/command.js";
import type { Dispatcher } from "../../bot/dispatcher.js";
import { spaceKey, type ArgValue, type BotEvent } from "../../bot/event.js";
import type { Logger } from "../../bot/ports.js";
import { privateReply, text as textBlock } from "../../bot/reply.js";
import { badFileName, downloadSharedFile, fileCommandOf, PASTE_CALLBACK, PASTE_INPUT, PASTE_NAME_BLOCK, PASTE_TEXT_BLOCK, parsePasteOrigin, pasteModal, sharedFileCommand } from "./bank-file.js";
import { parseSlash, unescapeSlackText, type SlashNames } from "./commands.js";
import { isDirectMessage, type AnswerTarget, type Deliverer } from "./deliver.js";
import { COMMAND_PREFIX, parseFormSpec } from "./render.js";
import type { SlackUser, UserDirectory } from "./users.js";
import { ANSWER_BLOCK, ANSWER_INPUT, FORM_CALLBACK, formModal, homeView, parseFormOrigin } from "./views.js";

export interface ListenerDeps {
  dispatcher: Dispatcher;
  commands: readonly Command[];
  users: UserDirectory;
  deliverer: Deliverer;
  logger: Logger;
  slash: SlashNames;
  /** The core command whose reply fills the Home tab. */
  homeCommand: string;
  /** Distributed mode: forget a workspace that uninstalled the app or revoked its bot token. */
  onUninstall?: (teamId: string) => Promise<void>;
}

const event = (
  team: { id: string; name?: string }, channelId: string, threadId: string | undefined, user: SlackUser,
  kind: BotEvent["kind"], name: string, args: Record<string, ArgValue>, key: string,
): BotEvent => ({
  platform: "slack", space: team.name ? { id: team.id, name: team.name } : { id: team.id }, channel: { id: channelId },
  ...(threadId ? { thread: { id: threadId } } : {}), user, kind, name, args, idempotencyKey: key,
});

/** Who sees the message a click came from: an ephemeral message or a DM is the member's own. */
const visibilityOf = (isPrivate: boolean) => ({ visibility: isPrivate ? "private" as const : "channel" as const });

export function registerListeners(app: App, d: ListenerDeps): void {
  /** Work after the ack: its failures are logged, never thrown back into bolt (Slack has its 200). */
  const afterAck = async (what: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (err) {
      d.logger.error({ err: err instanceof Error ? err.message : String(err), what }, "Slack interaction failed after ack");
    }
  };
  const answer = async (e: BotEvent, to: Omit<AnswerTarget, "spaceId" | "channelId" | "userId" | "threadId">) =>
    d.deliverer.deliver(await d.dispatcher.handle(e), {
      spaceId: spaceKey(e), channelId: e.channel.id, userId: e.user.id, ...(e.thread ? { threadId: e.thread.id } : {}), ...to,
    });
  /**
   * Home tab clicks have no channel: their answers go to the person's DM with the bot. `client`
   * is the listener's, made by bolt's authorize with the token of the workspace that sent it.
   */
  const dmWith = async (client: webApi.WebClient, userId: string) => {
    const res = await client.conversations.open({ users: userId });
    if (!res.channel?.id) throw new Error("conversations.open returned no channel");
    return res.channel.id;
  };

  for (const slash of [d.slash.quiz, d.slash.coach]) {
    app.command(slash, async ({ ack, body, client }) => {
      await ack();
      await afterAck(slash, async () => {
        const user = await d.users.lookup(body.team_id, body.user_id, body.user_name);
        const { name, args } = parseSlash(body.command, body.text, d.commands, d.slash);
        // A command that takes a file (`bank import`): slash commands carry none, so an admin gets
        // a modal to paste it in (bank-file.ts). Others go on to the core, which refuses them.
        const wantsFile = fileCommandOf(d.commands, name, args);
        if (wantsFile && user.isAdmin) {
          const origin = { ...wantsFile, channelId: body.channel_id, responseUrl: body.response_url };
          // The listener's client: in a distributed app it holds the sending workspace's token.
          await client.views.open({ trigger_id: body.trigger_id, view: pasteModal(origin, typeof args.file === "string" ? args.file : undefined) });
          return;
        }
        const e = event({ id: body.team_id, name: body.team_domain }, body.channel_id, undefined, user, "command", name, args, `cmd:${body.trigger_id}`);
        await answer(e, { responseUrl: body.response_url });
      });
    });
  }

  app.action({ type: "block_actions" }, async ({ ack, body, client }) => {
    await ack();
    const action = body.actions[0];
    if (!action || action.type !== "button") return;
    await afterAck(action.action_id, async () => {
      const container = body.container as { type?: string; channel_id?: string; message_ts?: string; thread_ts?: string; is_ephemeral?: boolean };
      const fromHome = container.type === "view";
      const form = parseFormSpec(action.action_id, action.value);
      const threadId = (body.message?.thread_ts as string | undefined) ?? container.thread_ts;
      const team = { id: body.team?.id ?? body.user.team_id ?? "", ...(body.team?.domain ? { name: body.team.domain } : {}) };
      const channelId = fromHome ? await dmWith(client, body.user.id) : body.channel?.id ?? container.channel_id ?? "";
      const fromPrivateMessage = Boolean(container.is_ephemeral) || isDirectMessage(channelId);
      if (form) {
        // The trigger_id lives 3 seconds: open the modal now, grade on submission.
        await client.views.open({
          trigger_id: body.trigger_id,
          view: formModal(form, { action: form.action, channelId, ...(threadId ? { threadId } : {}), ...(body.response_url ? { responseUrl: body.response_url } : {}), isPrivate: fromPrivateMessage }),
        });
        return;
      }
      const user = await d.users.lookup(team.id, body.user.id, body.user.name ?? body.user.username);
      const key = `act:${body.user.id}:${action.action_ts}`;
      const e = action.action_id.startsWith(COMMAND_PREFIX)
        ? event(team, channelId, threadId, user, "command", action.action_id.slice(COMMAND_PREFIX.length), {}, key)
        : { ...event(team, channelId, threadId, user, "action", action.action_id, {}, key), message: visibilityOf(fromPrivateMessage) };
      const anchorTs = !fromPrivateMessage && !threadId ? container.message_ts : undefined;
      await answer(e, { ...(body.response_url ? { responseUrl: body.response_url } : {}), ...(anchorTs ? { anchorTs } : {}) });
    });
  });

  app.view(FORM_CALLBACK, async ({ ack, body, view }) => {
    // Closes the modal; the grade arrives where the question was.
    await ack();
    await afterAck("view_submission", async () => {
      const origin = parseFormOrigin(view.private_metadata);
      if (!origin) return;
      const text = view.state.values[ANSWER_BLOCK]?.[ANSWER_INPUT]?.value ?? "";
      const team = { id: body.team?.id ?? body.user.team_id ?? "", ...(body.team?.domain ? { name: body.team.domain } : {}) };
      const user = await d.users.lookup(team.id, body.user.id, body.user.name);
      const e = { ...event(team, origin.channelId, origin.threadId, user, "submit", origin.action, { text }, `view:${view.id}`), message: visibilityOf(origin.isPrivate) };
      await answer(e, origin.responseUrl ? { responseUrl: origin.responseUrl } : {});
    });
  });

  app.view(PASTE_CALLBACK, async ({ ack, body, view }) => {
    const values = view.state.values;
    const name = (values[PASTE_NAME_BLOCK]?.[PASTE_INPUT]?.value ?? "").trim();
    const pasted = values[PASTE_TEXT_BLOCK]?.[PASTE_INPUT]?.value ?? "";
    const bad = badFileName(name);
    // A wrong name is said under its input, and the modal stays open with what was pasted.
    if (bad) return ack({ response_action: "errors", errors: { [PASTE_NAME_BLOCK]: bad } });
    await ack();
    await afterAck("file paste", async () => {
      const origin = parsePasteOrigin(view.private_metadata);
      if (!origin) return;
      const team = { id: body.team?.id ?? body.user.team_id ?? "", ...(body.team?.domain ? { name: body.team.domain } : {}) };
      const user = await d.users.lookup(team.id, body.user.id, body.user.name);
      const e = event(team, origin.channelId, undefined, user, "command", origin.name, { action: origin.action, file: name }, `view:${view.id}`);
      await answer({ ...e, file: { name, text: pasted } }, origin.responseUrl ? { responseUrl: origin.responseUrl } : {});
    });
  });

  // A file shared in the DM with the bot is a bank to import (bank-file.ts); answered in that DM.
  // The bot's own uploads there (an export) raise the event too, and are not for reading.
  app.event("file_shared", async ({ event: shared, body, context, client }) => {
    const fileCommand = sharedFileCommand(d.commands);
    if (!fileCommand || !isDirectMessage(shared.channel_id) || shared.user_id === context.botUserId) return;
    await afterAck("file_shared", async () => {
      const user = await d.users.lookup(body.team_id, shared.user_id);
      const base = event({ id: body.team_id }, shared.channel_id, undefined, user, "command", fileCommand.name, { action: fileCommand.action }, `file:${body.event_id}`);
      const got = await downloadSharedFile(client, context.botToken ?? client.token ?? "", shared.file_id);
      const reply = got.ok
        ? await d.dispatcher.handle({ ...base, args: { ...base.args, file: got.name }, file: { name: got.name, text: got.text } })
        : privateReply(undefined, [textBlock(got.message)], got.message);
      await d.deliverer.deliver(reply, { spaceId: spaceKey(base), channelId: shared.channel_id, userId: user.id });
    });
  });

  // Events API requests are acked by bolt before listeners run.
  app.event("app_home_opened", async ({ event: opened, body, client }) => {
    if (opened.tab !== "home") return;
    await afterAck("app_home_opened", async () => {
      const names = new Set(d.commands.map((c) => c.name));
      const user = await d.users.lookup(body.team_id, opened.user);
      const progress = names.has(d.homeCommand)
        ? await d.dispatcher.handle(event({ id: body.team_id }, opened.channel, undefined, user, "command", d.homeCommand, {}, `home:${body.event_id}`))
        : undefined;
      await client.views.publish({ user_id: opened.user, view: homeView(progress, names) });
    });
  });

  // Thread replies (message.channels / message.groups): the mock interview's transcript. A
  // reply also sent to the channel ("thread_broadcast") is still a reply; the bot's own are not.
  app.event("message", async ({ event: m, body }) => {
    if (m.subtype !== undefined && m.subtype !== "thread_broadcast") return;
    if (!m.user || ("bot_id" in m && m.bot_id) || !m.thread_ts || m.thread_ts === m.ts || !m.text) return;
    const said = unescapeSlackText(m.text);
    const { user: userId, channel, thread_ts: threadTs, ts } = m;
    await afterAck("message", async () => {
      const user = await d.users.lookup(body.team_id, userId);
      await answer(event({ id: body.team_id }, channel, threadTs, user, "message", "message", { text: said }, `msg:${channel}:${ts}`), {});
    });
  });

  if (d.onUninstall) {
    const onUninstall = d.onUninstall;
    // Both say the workspace's bot token no longer works: its installation goes (issue 21).
    // https://docs.slack.dev/reference/events/app_uninstalled, https://docs.slack.dev/reference/events/tokens_revoked
    app.event("app_uninstalled", async ({ body }) => afterAck("app_uninstalled", () => onUninstall(body.team_id)));
    app.event("tokens_revoked", async ({ event: revoked, body }) => {
      if (!revoked.tokens.bot?.length) return;
      await afterAck("tokens_revoked", () => onUninstall(body.team_id));
    });
  }
}
