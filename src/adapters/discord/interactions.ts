/**
 * The life of one interaction. Discord wants an answer within 3 seconds and then allows edits and
 * follow-ups for 15 minutes with the interaction's token.
 * https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
 *
 * - Slash command: run the dispatcher; if it has not finished after `deferAfterMs` (~2 s), defer
 *   (ephemeral, as most replies are personal) and edit the original response when done.
 * - Button: acknowledged at once by updating the clicked message (its buttons of that kind
 *   locked, the clicked one marked), then the reply follows as a new message. The question stays
 *   readable above its grade, and a second click cannot happen.
 * - Form button: opens the modal; the modal's submit goes like a button click, with the text.
 * - Autocomplete: topics, problems, plans and time zones matching what is typed.
 */
import {
  MessageFlags,
  type APIActionRowComponent, type APIComponentInMessageActionRow, type Message, type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction,
  type InteractionReplyOptions, type ModalSubmitInteraction,
} from "discord.js";
import { actionName } from "../../bot/action-ids.js";
import type { Dispatcher } from "../../bot/dispatcher.js";
import type { Logger } from "../../bot/ports.js";
import type { Reply } from "../../bot/reply.js";
import type { Curriculum } from "../../curriculum/loader.js";
import { autocompleteChoices } from "./autocomplete.js";
import { argsOf } from "./commands.js";
import { DISCORD_ERRORS, discordCode } from "./errors.js";
import { interactionEvent } from "./events.js";
import { ANSWER_INPUT_ID, formActionOf, formButtonId, type FormMemory } from "./forms.js";
import { hasButton, lockClicked, renderReply, type DiscordMessage } from "./render.js";

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
    const work = d.dispatcher.handle(interactionEvent(i, "command", i.commandName, argsOf(i.options.data)));
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

  /** Lock the clicked message's buttons (the acknowledgement), then send the reply as a follow-up. */
  const locked = (message: Message, clickedId: string) =>
    lockClicked(message.components.map((c) => c.toJSON()), clickedId, groupOf) as APIActionRowComponent<APIComponentInMessageActionRow>[];

  async function button(i: ButtonInteraction<"cached" | "raw">): Promise<void> {
    const form = formActionOf(i.customId);
    if (form) {
      await i.showModal(d.forms.modalFor(form));
      return;
    }
    await i.update({ components: locked(i.message, i.customId) });
    const reply = await d.dispatcher.handle(interactionEvent(i, "action", i.customId, {}));
    if (reply) await followUps(i, render(reply), flagsOf(reply));
  }

  async function modal(i: ModalSubmitInteraction<"cached" | "raw">): Promise<void> {
    const text = i.fields.getTextInputValue(ANSWER_INPUT_ID);
    // The modal came from a form button on a message: lock that button like a click, unless it
    // is one to use again (a mock's Answer), when the submit is only acknowledged.
    if (!i.isFromMessage()) await i.deferReply({ flags: MessageFlags.Ephemeral });
    else if (hasButton(i.message.components.map((c) => c.toJSON()), formButtonId(i.customId, { reusable: true }))) await i.deferUpdate();
    else await i.update({ components: locked(i.message, formButtonId(i.customId)) });
    const reply = await d.dispatcher.handle(interactionEvent(i, "submit", i.customId, { text }));
    if (reply) await followUps(i, render(reply), flagsOf(reply));
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
