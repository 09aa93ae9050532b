/**
 * Core markdown → Slack mrkdwn, and splitting long text to Block Kit's limits.
 * https://api.slack.com/reference/surfaces/formatting
 */
import { mapUserText, withoutUserMarks } from "../../bot/reply.js";

/** Slack reads `&`, `<` and `>` as control characters: they must be escaped in any text we send. */
export const escapeSlack = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Member-written text (bot/reply.ts `userText`): escaped, never converted (a `[x](url)` stays as
 * typed), and mrkdwn's markers `* _ ~ \`` followed by a zero-width space so they open nothing
 * (Slack has no backslash escape). `<!channel>` or `<@U1>` become plain text through escapeSlack.
 */
export const escapeSlackUserText = (s: string) => escapeSlack(s).replace(/[*_~`]/g, "$&\u200b");

/** A reply string that is not converted (fallback text, field labels): escaped, member pieces too. */
export const slackText = (s: string) => mapUserText(s, escapeSlackUserText, escapeSlack);

/**
 * A message's `text` (notifications, screen readers): core markdown's markers dropped
 * (plainFromMarkdown), member pieces escaped as typed, never stripped of theirs.
 */
export const slackPlainText = (s: string) => mapUserText(s, escapeSlackUserText, (core) => escapeSlack(plainFromMarkdown(core)));

/**
 * `**bold**` → `*bold*`; `_italics_` and `` `code` `` are the same in both; `[text](url)` →
 * `<url|text>`. Code spans are left untouched.
 */
export function toMrkdwn(markdown: string): string {
  return mapUserText(markdown, escapeSlackUserText, coreToMrkdwn);
}

function coreToMrkdwn(markdown: string): string {
  // Code spans are set aside first, so `**` or `[x](y)` inside them stays as typed.
  const spans: string[] = [];
  const masked = escapeSlack(markdown).replace(/`[^`\n]*`/g, (code) => `\u0000${spans.push(code) - 1}\u0000`);
  return masked
    .replace(/\*\*(.+?)\*\*/gs, "*$1*")
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, "<$2|$1>")
    .replace(/\u0000(\d+)\u0000/g, (_, i: string) => spans[Number(i)]!);
}

/** Plain text for `plain_text` objects (headers, buttons, modal titles): no markup, within `max`. */
export function plainText(markdown: string, max: number): string {
  const plain = withoutUserMarks(markdown).replace(/\*\*(.+?)\*\*/gs, "$1").replace(/`([^`\n]*)`/g, "$1").replace(/\s+/g, " ").trim();
  return truncate(plain, max);
}

/**
 * Core markdown as plain text, for a message's `text` (notifications, screen readers read it
 * aloud): no `**`, `_`, `` ` `` or `~~` markers, and a link as "label (url)".
 */
export function plainFromMarkdown(markdown: string): string {
  return markdown
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, "$1 ($2)")
    .replace(/\*\*(.+?)\*\*/gs, "$1")
    .replace(/~~(.+?)~~/gs, "$1")
    .replace(/`([^`\n]*)`/g, "$1")
    // _italics_ only at word edges, so snake_case ids stay as they are.
    .replace(/(^|[\s(["'])_([^_\n]+?)_(?=$|[\s)\]"'.,;:!?])/gm, "$1$2");
}

export function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

/** Where a chunk may end, best first: a paragraph, a line, a sentence, a word. */
const BREAKS = ["\n\n", "\n", ". ", " "];

/**
 * Splits mrkdwn into chunks of at most `max` characters (a section's text allows 3,000), at the
 * best break found in the chunk's second half. A `*bold*` or `` `code` `` span cut in two is
 * closed at the end of one chunk and reopened at the start of the next, so both still render.
 */
export function splitMrkdwn(s: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = s;
  while (rest.length > max) {
    const room = max - 2; // space for a closing and a reopening marker
    const window = rest.slice(0, room);
    let cut = -1;
    for (const b of BREAKS) {
      const at = window.lastIndexOf(b);
      if (at >= room / 2) {
        cut = at + b.length;
        break;
      }
    }
    if (cut <= 0) cut = room;
    let head = rest.slice(0, cut);
    rest = rest.slice(cut);
    for (const marker of ["`", "*"]) {
      if (countMarker(head, marker) % 2 === 1) {
        head = `${head.trimEnd()}${marker}`;
        rest = `${marker}${rest.trimStart()}`;
      }
    }
    chunks.push(head.trimEnd());
    rest = rest.replace(/^\n+/, "");
  }
  if (rest.trim()) chunks.push(rest);
  return chunks;
}

/** Markers that open or close a span (a `*` inside a code span does not count). */
function countMarker(s: string, marker: string): number {
  const outsideCode = marker === "`" ? s : s.replace(/`[^`\n]*`/g, "");
  return outsideCode.split(marker).length - 1;
}
