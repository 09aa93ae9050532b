/**
 * Reply → Discord messages: text and fields become embeds, choices and forms become buttons.
 * A reply that does not fit one message (10 embeds, 6,000 characters across them) continues in
 * further messages; its buttons go on the last one, under everything they refer to.
 * https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 */
import {
  ButtonStyle, ComponentType,
  type APIActionRowComponent, type APIButtonComponentWithCustomId, type APIEmbed, type APIEmbedField,
} from "discord.js";
import { spellReply } from "../../bot/command-ref.js";
import { forThreadReaders, type Attachment, type Block, type Field, type Mark, type Reply } from "../../bot/reply.js";
import { escapeUserTextForDiscord } from "./escape.js";
import { formButtonId, type FormMemory } from "./forms.js";
import { LIMITS, splitText, trim } from "./limits.js";
import { discordSpeller } from "./spell.js";

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** A file to upload with a message (multipart/form-data: `payload_json` + `files[n]`). */
export interface DiscordFile { name: string; data: Buffer; contentType: string; description?: string }

/** One Discord message's worth of a reply. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  files?: DiscordFile[];
}

export interface Rendered {
  messages: DiscordMessage[];
  /** Anything that had to be left out (more buttons than 5 rows hold), for the log. */
  dropped: string[];
}

const COLOR = 0x4f7cff;
/** Short values sit side by side; longer ones get the embed's full width. */
const INLINE_MAX = 40;

const embedSize = (e: APIEmbed) =>
  (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

/** Long button labels are cut to 80 characters; the full options are then listed above them. */
function withReadableChoices(blocks: readonly Block[]): Block[] {
  return blocks.flatMap((b): Block[] => {
    if (b.kind !== "choices" || b.options.every((o) => o.label.length <= LIMITS.buttonLabel)) return [b];
    const list = b.options.map((o, i) => `**${i + 1}.** ${o.label}`).join("\n");
    const options = b.options.map((o, i) => ({ ...o, label: trim(`${i + 1}. ${o.label}`, LIMITS.buttonLabel) }));
    return [{ kind: "text", markdown: list }, { ...b, options }];
  });
}

/** Fills embeds block by block, opening a new one at a divider or a limit. */
class EmbedAssembler {
  readonly embeds: APIEmbed[] = [];
  private current: APIEmbed | undefined;
  private breakNext = false;

  constructor(private readonly title: string | undefined) {}

  private open(): APIEmbed {
    const e: APIEmbed = { color: COLOR };
    if (this.embeds.length === 0 && this.title) e.title = trim(this.title, LIMITS.embedTitle);
    this.embeds.push(e);
    this.current = e;
    this.breakNext = false;
    return e;
  }

  /** The embed to add `size` characters to: a new one after a divider, or when this one is full. */
  private target(size: number, needsNoFields: boolean): APIEmbed {
    const e = this.current;
    if (!e || this.breakNext || (needsNoFields && e.fields?.length) || embedSize(e) + size > LIMITS.embedTotal) return this.open();
    return e;
  }

  text(markdown: string): void {
    for (const piece of splitText(markdown, LIMITS.embedDescription)) {
      let e = this.target(piece.length + 2, true);
      if (e.description && e.description.length + 2 + piece.length > LIMITS.embedDescription) e = this.open();
      e.description = e.description ? `${e.description}\n\n${piece}` : piece;
    }
  }

  fields(fields: ReadonlyArray<Field>): void {
    for (const f of fields) {
      // A channel mention renders as a link in an embed field's value.
      const value = f.channel ? `<#${f.channel}>` : f.value;
      const field: APIEmbedField = {
        name: trim(f.label || "\u200b", LIMITS.fieldName),
        value: trim(value || "—", LIMITS.fieldValue),
        inline: value.length <= INLINE_MAX,
      };
      let e = this.target(field.name.length + field.value.length, false);
      if ((e.fields?.length ?? 0) >= LIMITS.embedFields) e = this.open();
      (e.fields ??= []).push(field);
    }
  }

  divider(): void {
    if (this.current) this.breakNext = true;
  }

  /** A reply with a title and nothing else still gets its card. */
  finish(): APIEmbed[] {
    if (this.embeds.length === 0 && this.title) this.open();
    return this.embeds;
  }
}

function buttonRows(blocks: readonly Block[], forms: FormMemory | undefined): { rows: ButtonRow[]; dropped: string[] } {
  const rows: ButtonRow[] = [];
  const dropped: string[] = [];
  const add = (buttons: APIButtonComponentWithCustomId[]) => {
    for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
      const chunk = buttons.slice(i, i + LIMITS.buttonsPerRow);
      if (rows.length < LIMITS.rowsPerMessage) rows.push({ type: ComponentType.ActionRow, components: chunk });
      else dropped.push(...chunk.map((b) => b.custom_id));
    }
  };
  for (const b of blocks) {
    if (b.kind === "choices") {
      add(b.options.map((o) => ({
        type: ComponentType.Button, custom_id: o.action, label: trim(o.label, LIMITS.buttonLabel),
        style: o.style === "primary" ? ButtonStyle.Primary : ButtonStyle.Secondary,
      })));
    } else if (b.kind === "form") {
      forms?.remember(b);
      add([{ type: ComponentType.Button, custom_id: formButtonId(b.action, { reusable: b.threadFallback ?? false }), label: trim(b.buttonLabel, LIMITS.buttonLabel), style: ButtonStyle.Primary, emoji: { name: "✍️" } }]);
    }
  }
  return { rows, dropped };
}

/** Embeds into messages: at most 10 per message and 6,000 characters across them. */
function pack(embeds: APIEmbed[]): APIEmbed[][] {
  const messages: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let size = 0;
  for (const e of embeds) {
    if (current.length && (current.length === LIMITS.embedsPerMessage || size + embedSize(e) > LIMITS.embedTotal)) {
      messages.push(current);
      current = [];
      size = 0;
    }
    current.push(e);
    size += embedSize(e);
  }
  if (current.length) messages.push(current);
  return messages;
}

/** `readsThreads`: the bot has the Message Content intent, so thread-fallback forms are left out. */
export function renderReply(unspelled: Reply, forms?: FormMemory, o: { readsThreads?: boolean } = {}): Rendered {
  // References first (their spelling is markdown of ours), then member text escaped: userText()
  // holds no token delimiters, so a member can neither inject a reference nor break one.
  const reply = escapeUserTextForDiscord(spellReply(unspelled, discordSpeller));
  const blocks = withReadableChoices(o.readsThreads ? forThreadReaders(reply.blocks) : reply.blocks);
  const builder = new EmbedAssembler(reply.title);
  for (const b of blocks) {
    if (b.kind === "text") builder.text(b.markdown);
    else if (b.kind === "fields") builder.fields(b.fields);
    else if (b.kind === "divider") builder.divider();
  }
  const { rows, dropped } = buttonRows(blocks, forms);
  const messages: DiscordMessage[] = pack(builder.finish()).map((embeds) => ({ embeds, components: [] }));
  // Nothing to put in a card: the plain fallback text, so the message is never empty.
  if (messages.length === 0) messages.push({ content: trim(reply.fallback || "…", LIMITS.content), embeds: [], components: [] });
  messages[messages.length - 1]!.components = rows;
  attachFiles(messages, reply.files ?? []);
  return { messages, dropped };
}

const toFile = (a: Attachment): DiscordFile => ({
  name: a.name, data: Buffer.from(a.data, "base64"), contentType: a.contentType,
  ...(a.description ? { description: trim(a.description, LIMITS.attachmentDescription) } : {}),
});

/** Files ride on the first message (beside the card they belong to); past 10, in messages of their own. */
function attachFiles(messages: DiscordMessage[], files: readonly Attachment[]): void {
  for (let i = 0; i < files.length; i += LIMITS.filesPerMessage) {
    const chunk = files.slice(i, i + LIMITS.filesPerMessage).map(toFile);
    if (i === 0) messages[0]!.files = chunk;
    else messages.push({ embeds: [], components: [], files: chunk });
  }
}

/** The `attachments` array a REST body needs beside its files: ids are the files' indexes. */
export const attachmentsOf = (files: readonly DiscordFile[]) =>
  files.map((f, i) => ({ id: String(i), filename: f.name, ...(f.description ? { description: f.description } : {}) }));

/** A mark's colour: the right answer green, a wrong pick red. */
const MARK_STYLE = { right: ButtonStyle.Success, wrong: ButtonStyle.Danger } as const;

/**
 * A private message's buttons after its owner's click: the clicked button and the others of its
 * kind (the same core action, e.g. every answer of a question) are disabled. With marks (a
 * graded question) the right answer is green and a wrong pick red; without, the clicked one is
 * blue (chosen). Other buttons (e.g. "Next question" beside the recall ratings) stay usable.
 * Never for a public message: its buttons belong to everyone.
 */
export function lockClicked(rows: readonly unknown[], clickedId: string, groupOf: (customId: string) => string, marks: readonly Mark[] = []): unknown[] {
  const group = groupOf(clickedId);
  const markOf = new Map(marks.map((m) => [m.action as string, m.mark]));
  return rows.map((row) => {
    if (!isRow(row)) return row;
    return {
      ...row,
      components: row.components.map((c) => {
        if (!isCustomButton(c) || groupOf(c.custom_id) !== group) return c;
        const mark = markOf.get(c.custom_id);
        const style = mark ? MARK_STYLE[mark] : !marks.length && c.custom_id === clickedId ? ButtonStyle.Primary : ButtonStyle.Secondary;
        return { ...c, disabled: true, style };
      }),
    };
  });
}

/** Whether a message's component rows hold a button with this custom_id. */
export const hasButton = (rows: readonly unknown[], customId: string): boolean =>
  rows.some((row) => isRow(row) && row.components.some((c) => isCustomButton(c) && c.custom_id === customId));

const isRow = (x: unknown): x is { type: number; components: unknown[] } =>
  typeof x === "object" && x !== null && (x as { type?: unknown }).type === ComponentType.ActionRow && Array.isArray((x as { components?: unknown }).components);

const isCustomButton = (x: unknown): x is { type: number; custom_id: string; style: number } =>
  typeof x === "object" && x !== null && (x as { type?: unknown }).type === ComponentType.Button && typeof (x as { custom_id?: unknown }).custom_id === "string";
