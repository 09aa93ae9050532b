/**
 * The neutral reply model. The core returns data; each adapter's renderer turns it into
 * Discord embeds and components, Slack Block Kit, or console text.
 */
import type { ActionId } from "./action-ids.js";

export type Block =
  | { kind: "text"; markdown: string }
  | { kind: "fields"; fields: ReadonlyArray<{ label: string; value: string }> }
  /** Buttons; on the console, numbered options the person types. */
  | { kind: "choices"; options: ReadonlyArray<{ action: ActionId; label: string; style?: "primary" | "secondary" }> }
  /**
   * "Answer in a form": a modal on Discord and Slack, the next typed line on the console.
   * `threadFallback`: it only stands in for writing in a thread, so adapters whose platform passes
   * thread messages to the bot leave it out (see `forThreadReaders`).
   */
  | { kind: "form"; action: ActionId; buttonLabel: string; title: string; inputLabel: string; maxLength: number; threadFallback?: boolean }
  | { kind: "divider" };

/** A file sent with a reply: attached on Discord, uploaded on Slack, written to disk on the console. */
export interface Attachment { name: string; contentType: "image/png" | "application/json"; /** base64 */ data: string; description?: string }

export interface Reply {
  /** private → ephemeral where the platform has it. */
  visibility: "channel" | "private";
  title?: string;
  blocks: readonly Block[];
  /** Plain text: notifications, screen readers, and platforms that cannot render cards. */
  fallback: string;
  files?: readonly Attachment[];
}

export const text = (markdown: string): Block => ({ kind: "text", markdown });

/**
 * Member-written text (a group name, a display name, an answer said in a thread) inside core
 * markdown or any other reply string. It is never markup: `[prize](https://evil.example)`, a code
 * fence, a heading or `@everyone` must show as typed, so each renderer escapes it its platform's
 * way (`mapUserText`). Marked by two private-use characters that nothing else in a reply uses;
 * renderers always remove them.
 * @example text(`${userText(group.name)} was created by ${userText(member.displayName)}`)
 */
export const userText = (s: string): string => `${USER_OPEN}${s.replace(USER_MARKS, "")}${USER_CLOSE}`;
const USER_OPEN = "\uE000";
const USER_CLOSE = "\uE001";
const USER_MARKS = /[\uE000\uE001]/g;
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
 * The reply with every string passed through `rich` (markdown places: text, field values, title,
 * fallback) or `plain` (button and form labels): what a renderer applies first.
 */
export function mapReplyText(reply: Reply, rich: (s: string) => string, plain: (s: string) => string = withoutUserMarks): Reply {
  const blocks = reply.blocks.map((b): Block => {
    switch (b.kind) {
      case "text": return { ...b, markdown: rich(b.markdown) };
      case "fields": return { ...b, fields: b.fields.map((f) => ({ label: plain(f.label), value: rich(f.value) })) };
      case "choices": return { ...b, options: b.options.map((o) => ({ ...o, label: plain(o.label) })) };
      case "form": return { ...b, buttonLabel: plain(b.buttonLabel), title: plain(b.title), inputLabel: plain(b.inputLabel) };
      case "divider": return b;
    }
  });
  return { ...reply, ...(reply.title ? { title: rich(reply.title) } : {}), blocks, fallback: rich(reply.fallback) };
}

/** The string without the marks, for plain-text places (button labels, notifications on the console). */
export const withoutUserMarks = (s: string): string => s.replace(USER_MARKS, "");
export const fields = (...pairs: Array<[string, string]>): Block => ({
  kind: "fields",
  fields: pairs.map(([label, value]) => ({ label, value })),
});
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
