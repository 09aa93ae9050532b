/**
 * Discord's size limits, and the trimming and splitting that keep us inside them.
 * https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 * https://discord.com/developers/docs/components/reference#button
 */
import { createHash } from "node:crypto";

export const LIMITS = {
  embedTitle: 256,
  embedDescription: 4_096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1_024,
  /** Title + description + field names and values + footer + author, summed over a message's embeds. */
  embedTotal: 6_000,
  embedsPerMessage: 10,
  content: 2_000,
  buttonLabel: 80,
  buttonsPerRow: 5,
  rowsPerMessage: 5,
  customId: 100,
  modalTitle: 45,
  labelText: 45,
  /** A Text Display component's content (in a modal, above the input). */
  textDisplay: 4_000,
  textInput: 4_000,
  /** Message nonce: a string of at most 25 characters. */
  nonce: 25,
  commandDescription: 100,
  choiceName: 100,
  autocompleteChoices: 25,
  threadName: 100,
  filesPerMessage: 10,
  attachmentDescription: 1_024,
} as const;

/** Cuts `s` to `max` characters, ending in "…" when cut. */
export function trim(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

/**
 * Splits text into pieces of at most `max` characters, at a paragraph, line or word boundary
 * when one is near, so a long explanation continues in the next embed instead of being cut.
 */
export function splitText(s: string, max: number): string[] {
  const parts: string[] = [];
  let rest = s;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const at = [window.lastIndexOf("\n\n"), window.lastIndexOf("\n"), window.lastIndexOf(" ")]
      .find((i) => i > max / 2) ?? max;
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

/**
 * The nonce for an idempotency key. Discord drops a second message with the same nonce when
 * `enforce_nonce` is set (for a few minutes), but a nonce holds at most 25 characters: longer
 * keys are hashed, so the same key always gives the same nonce.
 * https://discord.com/developers/docs/resources/message#create-message-jsonform-params
 */
export function nonceFor(key: string): string {
  if (key.length <= LIMITS.nonce) return key;
  return createHash("sha256").update(key).digest("base64url").slice(0, LIMITS.nonce);
}
