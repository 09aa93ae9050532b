/**
 * The life of one interaction. Discord wants an answer within 3 seconds and then allows edits and
 * follow-ups for 15 minutes with the interaction's token.
 * https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
 *
 * - Slash command: run the dispatcher; if it has not finished after `deferAfterMs` (~2 s), defer
 *   (ephemeral, as most replies are personal) and edit the original response when done.
 * - Button on a public message (a daily post, a round, a mock's thread): its buttons belong to
 *   everyone, so the message is never changed; the click is answered like a command, with a new
 *   message (ephemeral when the reply is private), deferred ephemerally when slow.
 * - Button on a private (ephemeral) message: the message is the member's own, so the answer
 *   updates it (its buttons of the clicked kind locked; a quiz's right answer green and a wrong
 *   pick red), then the reply follows as a new message. The question stays readable above its
 *   grade, and a second click cannot happen.
 * - Form button: opens the modal; the modal's submit goes like a button click, with the text.
 * - Autocomplete: topics, problems, plans and time zones matching what is typed.
 */
import {
  MessageFlags,
  type APIActionRowComponent, type APIComponentInMessageActionRow, type Message, type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction,
  type InteractionReplyOptions, type ModalMessageModalSubmitInteraction, type ModalSubmitInteraction,
} from "discord.js";
import { actionName } from "../../bot/action-ids.js";
import type { Dispatcher } from "../../bot/dispatcher.js";
import type { Logger } from "../../bot/ports.js";
import { mayChangeClicked, privateReply, text, type Reply } from "../../bot/reply.js";
import { MAX_FILE_BYTES } from "../../bot/event.js";
import type { Curriculum } from "../../curriculum/loader.js";
import { autocompleteChoices } from "./autocomplete.js";
import { argsOf } from "./commands.js";
import { DISCORD_ERRORS, discordCode } from "./errors.js";
import { clickEvent, interactionEvent } from "./events.js";
import { ANSWER_INPUT_ID, formActionOf, formButtonId, type FormMemory } from "./forms.js";
import { hasButton, lockClicked, renderReply, type DiscordMessage } from "./render.js";

/** A file the adapter could not hand over: said privately, as the core says its refusals. */
const fileProblem = (message: string): Reply => privateReply(undefined, [text(message)], message);

export interface InteractionDeps {
  dispatcher: Dispatcher;
  curriculum: Curriculum;
  forms: FormMemory;
  /** The bot has the Message Content intent (thread-fallback forms are left out). */
  readsThreads?: boolean;
  logger: Logger;
  /** Discord allows 3 s for the first response; defer when the work is not done by then. */
  deferAfterMs: number;
}

export const DEFAULT_DEFER_AFTER_MS = 2_000;

const TIMED_OUT = Symbol("timed out");
const within = <T>(work: Promise<T>, ms: number) =>
  Promise.race([work, new Promise<typeof TIMED_OUT>((r) => setTimeout(r, ms, TIMED_OUT).unref())]);

const flagsOf = (reply: Reply) => (reply.visibility === "private" ? MessageFlags.Ephemeral : undefined);

/** Files as discord.js sends them: multipart/form-data with `payload_json` and `files[n]`. */
const filesOf = (m: DiscordMessage) =>
  m.files?.length ? { files: m.files.map((f) => ({ attachment: f.data, name: f.name, ...(f.description ? { description: f.description } : {}) })) } : {};

/** A rendered message as discord.js options; allowed_mentions empty: our content never pings. */
const asOptions = (m: DiscordMessage, flags: number | undefined): InteractionReplyOptions => ({
  ...(m.content ? { content: m.content } : {}), embeds: m.embeds, components: m.components, allowedMentions: { parse: [] },
  ...filesOf(m), ...(flags ? { flags } : {}),
});
/** An edit replaces the whole message: no content means none (the deferral's placeholder had none). */
const asEdit = (m: DiscordMessage) => ({ content: m.content ?? null, embeds: m.embeds, components: m.components, allowedMentions: { parse: [] }, ...filesOf(m) });

/** An interaction's token allows edits and follow-ups for 15 minutes. */
const TOKEN_WINDOW_MS = 15 * 60_000;

/** Which buttons lock together when one is clicked: those of the same core action. */
const groupOf = (customId: string) => actionName(formActionOf(customId) ?? customId);

export function createInteractionHandler(d: InteractionDeps): (i: Interaction) => Promise<void> {
  const render = (reply: Reply) => {
    const { messages, dropped } = renderReply(reply, d.forms, { readsThreads: d.readsThreads ?? false });
    if (dropped.length) d.logger.warn({ dropped }, "reply had more buttons than Discord shows (5 rows of 5); some left out");
    return messages;
  };

  async function followUps(i: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction, messages: DiscordMessage[], flags: number | undefined) {
    if (Date.now() - i.createdTimestamp > TOKEN_WINDOW_MS) {
      d.logger.warn({ interaction: i.id }, "reply ready after the 15-minute interaction window; not sent");
      return;
    }
    for (const m of messages) await i.followUp(asOptions(m, flags));
  }

  async function command(i: ChatInputCommandInteraction<"cached" | "raw">): Promise<void> {
    const args = argsOf(i.options.data);
    const attachment = i.options.getAttachment("file");
    if (!attachment) return answerWithNewMessage(i, d.dispatcher.handle(interactionEvent(i, "command", i.commandName, args)));
    // The core gets the file's name and text; Discord gives its size first, so a big one is never downloaded.
    const file = async (): Promise<Reply | undefined> => {
      if (attachment.size > MAX_FILE_BYTES) return fileProblem(`${attachment.name} is ${Math.ceil(attachment.size / 1024)} KB; a file may be at most ${MAX_FILE_BYTES / 1024} KB.`);
      const res = await fetch(attachment.url).catch(() => undefined);
      if (!res?.ok) return fileProblem(`I could not download ${attachment.name} from Discord. Please attach it again.`);
      const text = await res.text();
      return d.dispatcher.handle({ ...interactionEvent(i, "command", i.commandName, { ...args, file: attachment.name }), file: { name: attachment.name, text } });
    };
    await answerWithNewMessage(i, file());
  }

  /**
   * A reply as a new message (a command's, or a click's on a public message): sent at once, or
   * after an ephemeral deferral when the core takes longer than `deferAfterMs`.
   */
  async function answerWithNewMessage(i: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction, work: Promise<Reply | undefined>): Promise<void> {
    const early = await within(work, d.deferAfterMs);
    if (early !== TIMED_OUT) {
      if (!early) return;
      const [first, ...rest] = render(early);
      await i.reply(asOptions(first!, flagsOf(early)));
      await followUps(i, rest, flagsOf(early));
      return;
    }
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    const reply = await work;
    if (!reply) {
      await i.deleteReply();
      return;
    }
    const messages = render(reply);
    if (reply.visibility === "private") {
      await i.editReply(asEdit(messages[0]!));
      await followUps(i, messages.slice(1), MessageFlags.Ephemeral);
      return;
    }
    // A deferral's visibility cannot change afterwards: the placeholder says where the answer
    // went, and the public reply follows as new messages.
    await i.editReply({ content: "Posted in the channel.", embeds: [], components: [] });
    await followUps(i, messages, undefined);
  }

  /** The clicked message's buttons with those of the clicked kind locked and marked. */
  const locked = (message: Message, clickedId: string, reply: Reply | undefined) =>
    lockClicked(message.components.map((c) => c.toJSON()), clickedId, groupOf, reply?.marks) as APIActionRowComponent<APIComponentInMessageActionRow>[];

  /**
   * A click or submit from the member's own (ephemeral) message: the answer updates that message
   * (locked, marked once the core has graded), deferred when slow; the reply follows as new messages.
   */
  async function answerOnOwnMessage(i: ButtonInteraction | ModalMessageModalSubmitInteraction, message: Message, clickedId: string, work: Promise<Reply | undefined>, lock: boolean): Promise<void> {
    let reply = await within(work, d.deferAfterMs);
    const deferred = reply === TIMED_OUT;
    if (deferred) await i.deferUpdate();
    if (reply === TIMED_OUT) reply = await work;
    const change = lock && mayChangeClicked(reply);
    if (change && deferred) await i.editReply({ components: locked(message, clickedId, reply) });
    else if (change) await i.update({ components: locked(message, clickedId, reply) });
    else if (!deferred) await i.deferUpdate();
    if (reply) await followUps(i, render(reply), flagsOf(reply));
  }

  async function button(i: ButtonInteraction<"cached" | "raw">): Promise<void> {
    const form = formActionOf(i.customId);
    if (form) {
      await i.showModal(d.forms.modalFor(form));
      return;
    }
    const isPrivate = i.message.flags.has(MessageFlags.Ephemeral);
    const work = d.dispatcher.handle(clickEvent(interactionEvent(i, "action", i.customId, {}), isPrivate));
    if (isPrivate) await answerOnOwnMessage(i, i.message, i.customId, work, true);
    else await answerWithNewMessage(i, work);
  }

  async function modal(i: ModalSubmitInteraction<"cached" | "raw">): Promise<void> {
    const text = i.fields.getTextInputValue(ANSWER_INPUT_ID);
    const event = interactionEvent(i, "submit", i.customId, { text });
    if (!i.isFromMessage()) return answerWithNewMessage(i, d.dispatcher.handle(event));
    const isPrivate = i.message.flags.has(MessageFlags.Ephemeral);
    const work = d.dispatcher.handle(clickEvent(event, isPrivate));
    if (!isPrivate) return answerWithNewMessage(i, work);
    // A form to use again (a mock's Answer) stays usable: its submit only acknowledges the message.
    const reusable = hasButton(i.message.components.map((c) => c.toJSON()), formButtonId(i.customId, { reusable: true }));
    await answerOnOwnMessage(i, i.message, formButtonId(i.customId), work, !reusable);
  }

  async function autocomplete(i: AutocompleteInteraction): Promise<void> {
    const focused = i.options.getFocused(true);
    await i.respond(autocompleteChoices(d.curriculum, focused.name, String(focused.value)));
  }

  return async (i) => {
    try {
      if (i.isAutocomplete()) return await autocomplete(i);
      if (!i.isRepliable()) return;
      if (!i.inGuild()) {
        await i.reply({ content: "prepcoach works inside a server: use its commands in a channel there.", flags: MessageFlags.Ephemeral });
        return;
      }
      if (i.isChatInputCommand()) await command(i);
      else if (i.isButton()) await button(i);
      else if (i.isModalSubmit()) await modal(i);
    } catch (err) {
      const code = discordCode(err);
      // The same interaction delivered again and answered already (or its token expired). A
      // click is acknowledged before any work, so its repeat did nothing; a command's repeat got
      // the stored reply from the dispatcher. Either way there is nothing to send.
      if (code === DISCORD_ERRORS.alreadyAcknowledged || code === DISCORD_ERRORS.unknownInteraction) {
        d.logger.info({ interaction: i.id, code }, "interaction already answered elsewhere; nothing sent");
        return;
      }
      d.logger.error({ err, interaction: i.id, type: i.type }, "interaction failed");
    }
  };
}
