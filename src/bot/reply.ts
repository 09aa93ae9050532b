/**
 * The neutral reply model. The core returns data; each adapter's renderer turns it into
 * Discord embeds and components, Slack Block Kit, or console text.
 */
import type { ActionId } from "./action-ids.js";
import type { Visibility } from "./event.js";

export type Block =
  | { kind: "text"; markdown: string }
  | { kind: "fields"; fields: ReadonlyArray<Field> }
  /** Buttons; on the console, numbered options the person types. */
  | { kind: "choices"; options: ReadonlyArray<{ action: ActionId; label: string; style?: "primary" | "secondary" }> }
  /**
   * "Answer in a form": a modal on Discord and Slack, the next typed line on the console.
   * `threadFallback`: it only stands in for writing in a thread, so adapters whose platform passes
   * thread messages to the bot leave it out (see `forThreadReaders`).
   */
  /** `inputLabel`: what is asked, whole (a question); adapters show it where it fits whole. */
  | { kind: "form"; action: ActionId; buttonLabel: string; title: string; inputLabel: string; maxLength: number; threadFallback?: boolean }
  | { kind: "divider" };

/**
 * A label and its value. `channel`: the value is that channel (its platform id), which each
 * renderer spells as a link (`<#id>` on Discord and Slack, `#id` on the console); `value` is the
 * plain-text stand-in.
 */
export interface Field { label: string; value: string; channel?: string }

/** A file sent with a reply: attached on Discord, uploaded on Slack, written to disk on the console. */
export interface Attachment { name: string; contentType: "image/png" | "application/json" | "text/calendar" | "application/yaml" | "text/csv" | "text/plain"; /** base64 */ data: string; description?: string }

/** How a button of the clicked private message is shown once answered: the right answer, a wrong pick. */
export interface Mark { action: ActionId; mark: "right" | "wrong" }

export interface Reply {
  /** private → ephemeral where the platform has it. */
  visibility: Visibility;
  title?: string;
  blocks: readonly Block[];
  /** Plain text: notifications, screen readers, and platforms that cannot render cards. */
  fallback: string;
  files?: readonly Attachment[];
  /**
   * In a reply to a click: who sees the clicked message (the dispatcher copies it from the event).
   * "channel": its buttons belong to everyone, so adapters leave it as it is and answer the member
   * privately. "private": it is the member's own, and may be locked (its buttons of the clicked
   * kind disabled) or replaced.
   */
  clickedFrom?: Visibility;
  /** For a clicked private message: its buttons shown right (green) or wrong (red); others plain. */
  marks?: readonly Mark[];
  /**
   * The reply comes beside the clicked message and leaves it as it is, even a private one: a
   * Report button's picker must neither replace the question (Slack) nor lock its button (Discord).
   */
  besideClicked?: boolean;
}

/** Whether the message a reply answers a click on may be changed: only a private one, for its owner. */
export const mayChangeClicked = (r: Reply | undefined): boolean => r?.clickedFrom === "private" && !r.besideClicked;

export const text = (markdown: string): Block => ({ kind: "text", markdown });

/**
 * Member-written text (a group name, a display name, an answer said in a thread) inside core
 * markdown or any other reply string. It is never markup: `[prize](https://evil.example)`, a code
 * fence, a heading or `@everyone` must show as typed, so each renderer escapes it its platform's
 * way (`mapUserText`). Marked by two private-use characters that nothing else in a reply uses;
 * renderers always remove them.
 * @example text(`${userText(group.name)} was created by ${userText(member.displayName)}`)
 */
export const userText = (s: string): string => `${USER_OPEN}${s.replace(NOT_IN_USER_TEXT, "")}${USER_CLOSE}`;
const USER_OPEN = "\uE000";
const USER_CLOSE = "\uE001";
const USER_MARKS = /[\uE000\uE001]/g;
// Also the delimiters of command-ref.ts tokens: renderers expand references before escaping, so a
// member who types one must not get a command spelled (or a span closed early) in their name.
const NOT_IN_USER_TEXT = /[\uE000\uE001\u0002\u0003]/g;
const USER_SPAN = /\uE000([^\uE000\uE001]*)\uE001/g;

/**
 * A reply string for a platform: `escape` applies to member-written pieces, `convert` (markdown
 * → the platform's syntax) to the rest; the marks go. Stray marks are dropped.
 */
export function mapUserText(s: string, escape: (user: string) => string, convert: (core: string) => string = (x) => x): string {
  // Each member piece waits as a numbered placeholder while the whole string is converted, so
  // markup around it (`**${userText(name)}**`) still converts as one.
  const pieces: string[] = [];
  const held = s.replace(USER_SPAN, (_, user: string) => `${USER_OPEN}${pieces.push(escape(user)) - 1}${USER_CLOSE}`);
  return convert(held).replace(/\uE000(\d+)\uE001/g, (_, i: string) => pieces[Number(i)] ?? "").replace(USER_MARKS, "");
}

/**
 * The reply with every string passed through `rich` (markdown places: text, field values),
 * `plain` (button and form labels) or `outer` (the title and fallback; `rich` unless given): the one
 * walk over the block kinds that spelling command references and escaping member text both use.
 */
export function mapReplyText(
  reply: Reply, rich: (s: string) => string, plain: (s: string) => string = withoutUserMarks, outer: (s: string) => string = rich,
): Reply {
  const blocks = reply.blocks.map((b): Block => {
    switch (b.kind) {
      case "text": return { ...b, markdown: rich(b.markdown) };
      case "fields": return { ...b, fields: b.fields.map((f) => ({ ...f, label: plain(f.label), value: rich(f.value) })) };
      case "choices": return { ...b, options: b.options.map((o) => ({ ...o, label: plain(o.label) })) };
      case "form": return { ...b, buttonLabel: plain(b.buttonLabel), title: plain(b.title), inputLabel: plain(b.inputLabel) };
      case "divider": return b;
    }
  });
  return { ...reply, ...(reply.title ? { title: outer(reply.title) } : {}), blocks, fallback: outer(reply.fallback) };
}

/** The string without the marks, for plain-text places (button labels, notifications on the console). */
export const withoutUserMarks = (s: string): string => s.replace(USER_MARKS, "");
export const fields = (...pairs: Array<[string, string] | Field>): Block => ({
  kind: "fields",
  fields: pairs.map((f) => (Array.isArray(f) ? { label: f[0], value: f[1] } : f)),
});
/** A field whose value is a channel, shown as a channel link. */
export const channelField = (label: string, channelId: string): Field => ({ label, value: `#${channelId}`, channel: channelId });
export const divider: Block = { kind: "divider" };

/** The blocks for a platform that reads thread messages: forms that only stand in for them are dropped. */
export const forThreadReaders = (blocks: readonly Block[]): readonly Block[] =>
  blocks.some((b) => b.kind === "form" && b.threadFallback) ? blocks.filter((b) => !(b.kind === "form" && b.threadFallback)) : blocks;

/** A private reply: what personal answers (grades, stats, errors) default to. */
export function privateReply(title: string | undefined, blocks: readonly Block[], fallback?: string): Reply {
  return { visibility: "private", ...(title ? { title } : {}), blocks, fallback: fallback ?? title ?? plainOf(blocks) };
}

export function channelReply(title: string | undefined, blocks: readonly Block[], fallback?: string): Reply {
  return { visibility: "channel", ...(title ? { title } : {}), blocks, fallback: fallback ?? title ?? plainOf(blocks) };
}

function plainOf(blocks: readonly Block[]): string {
  const first = blocks.find((b) => b.kind === "text");
  return first && first.kind === "text" ? first.markdown.slice(0, 200) : "prepcoach";
}
