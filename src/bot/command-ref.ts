/**
 * Commands as data. The core never writes a command's name into a sentence: it embeds a
 * reference (command, subcommand, options) and each adapter's renderer spells it the way its
 * platform takes it: `/config set plan:<id>` on Discord, `/coach config set plan <id>` on Slack,
 * `/config set plan <id>` on the console. A reference travels inside reply text as an inline
 * token, so views stay template literals and a Reply stays plain JSON (the event log stores it);
 * `spellReply` expands every token before anything is shown.
 */
import { mapReplyText, type Reply } from "./reply.js";

export interface CommandRef {
  command: string;
  /** The action, which Discord shows as a subcommand (`config set`, `mock next`). */
  sub?: string;
  /** Option name → value or placeholder (`<id>`), in the order they are written. */
  options?: Readonly<Record<string, string>>;
  /** Options a usage line marks as optional: written in brackets. */
  optional?: readonly string[];
  /**
   * The text is about acting in a mock-interview thread. Where slash commands do not run in
   * threads (Slack), the platform names `button` (a button the thread's messages carry that does
   * the same) or, without one, says to use the command in the channel.
   */
  inThread?: { button?: string };
}

/** Words whose meaning differs per platform: who counts as an admin. */
/** `admins`: who counts as an admin; `attachFile`: how a file reaches a command (`bank import`). */
export type PlatformTerm = "admins" | "attachFile";

export type InlineRef = { cmd: CommandRef } | { term: PlatformTerm };

/** How an adapter spells references, as core markdown (code spans, bold). */
export interface Speller {
  command(ref: CommandRef): string;
  term(term: PlatformTerm): string;
}

// Control characters: JSON.stringify escapes them, so nothing inside a token can close it early.
const OPEN = "\u0002";
const CLOSE = "\u0003";
const TOKEN = /\u0002([^\u0002\u0003]*)\u0003/g;

const token = (ref: InlineRef) => `${OPEN}${JSON.stringify(ref)}${CLOSE}`;

/**
 * A command reference inside reply text. `path` is the command and its action.
 * @example text(`Start one with ${cmd("plan start", { plan: "<id>" })}.`)
 */
export function cmd(path: string, options?: Readonly<Record<string, string>>, extra?: Pick<CommandRef, "inThread" | "optional">): string {
  const [command = "", sub] = path.trim().split(/\s+/);
  return token({ cmd: { command, ...(sub ? { sub } : {}), ...(options && Object.keys(options).length ? { options } : {}), ...extra } });
}

/** A usage line: the options given, those in `optional` bracketed. */
export const usage = (path: string, options: Readonly<Record<string, string>> = {}, optional: readonly string[] = Object.keys(options)): CommandRef => {
  const [command = "", sub] = path.trim().split(/\s+/);
  return { command, ...(sub ? { sub } : {}), options, optional };
};

/** A usage line (or any CommandRef value) as inline text. */
export const refText = (ref: CommandRef): string => token({ cmd: ref });

/** A platform term inside reply text. */
export const term = (t: PlatformTerm): string => token({ term: t });

/** Reads the tokens of a text back (tests, and adapters that need the references themselves). */
export function refsIn(s: string): InlineRef[] {
  return [...s.matchAll(TOKEN)].flatMap((m) => {
    const ref = parse(m[1]!);
    return ref ? [ref] : [];
  });
}

function parse(json: string): InlineRef | undefined {
  try {
    const v = JSON.parse(json) as InlineRef;
    return typeof v === "object" && v !== null && ("cmd" in v || "term" in v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Core markdown → plain text, for the places that show no formatting (titles, labels, fallbacks). */
const unmark = (md: string) => md.replace(/\*\*(.+?)\*\*/gs, "$1").replace(/`([^`\n]*)`/g, "$1");

/** Every token of `s` spelled by `speller`; `plain` drops the markdown the spelling carries. */
export function expandRefs(s: string, speller: Speller, mode: "markdown" | "plain" = "markdown"): string {
  if (!s.includes(OPEN)) return s;
  return s.replace(TOKEN, (_, json: string) => {
    const ref = parse(json);
    const spelled = !ref ? "" : "cmd" in ref ? speller.command(ref.cmd) : speller.term(ref.term);
    return mode === "plain" ? unmark(spelled) : spelled;
  });
}

/** The reply with every reference spelled: what each adapter's renderer starts from. */
export function spellReply(reply: Reply, speller: Speller): Reply {
  // Markdown where the platform renders it; plain text in labels, the title and the fallback.
  const plain = (s: string) => expandRefs(s, speller, "plain");
  return mapReplyText(reply, (s) => expandRefs(s, speller, "markdown"), plain, plain);
}

/**
 * Fills `{param}` placeholders (messages.ts). Inside a token a value is JSON-escaped, so a name
 * with quotes stays one option value and the token stays whole.
 */
export function fillParams(template: string, params: Readonly<Record<string, string | number>>): string {
  const fill = (s: string, escape: boolean) => s.replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (params[key] === undefined) return whole;
    const value = String(params[key]);
    return escape ? JSON.stringify(value).slice(1, -1) : value;
  });
  let out = "";
  let at = 0;
  for (const m of template.matchAll(TOKEN)) {
    out += fill(template.slice(at, m.index), false) + fill(m[0], true);
    at = m.index + m[0].length;
  }
  return out + fill(template.slice(at), false);
}
