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
export interface Attachment { name: string; contentType: "image/png" | "application/json"; /** base64 */ data: string; description?: string }

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
