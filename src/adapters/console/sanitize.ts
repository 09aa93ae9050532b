/**
 * What reaches the terminal is text, never terminal control: a typed line (or a member's name,
 * or anything stored) may carry escape sequences that move the cursor, recolour, retitle the
 * window or clear the screen when echoed back. They are removed on the way in and on the way out.
 */

/** The longest line read: a form answer allows 2,000 characters; a 1 MB paste is refused whole. */
export const MAX_LINE = 4_000;

// ANSI/VT sequences first (CSI `ESC [ … final`, OSC `ESC ] … BEL|ESC \`, two-character `ESC x`),
// then any other C0/C1 control character except newline and tab.
const SEQUENCES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u009b[0-?]*[ -/]*[@-~]|\u001b[@-_]?/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export const stripControl = (s: string): string => s.replace(SEQUENCES, "").replace(CONTROLS, "");

export type ReadLine = { ok: true; line: string } | { ok: false; message: string };

/** A typed line made safe to handle and to echo; too long: a message instead, nothing echoed. */
export function readLine(raw: string): ReadLine {
  if (raw.length > MAX_LINE) {
    return { ok: false, message: `That line is too long (${raw.length.toLocaleString("en-US")} characters; the most I read is ${MAX_LINE.toLocaleString("en-US")}). Nothing was sent.` };
  }
  return { ok: true, line: stripControl(raw) };
}
