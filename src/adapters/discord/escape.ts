/**
 * Member-written text (bot/reply.ts `userText`) on Discord: every character Discord's markdown
 * reads as syntax gets a backslash, so `[prize](https://evil.example)` is no masked link, a code
 * fence or a `# heading` shows as typed, and `@everyone` or `<@id>` is no mention (the bot's
 * messages also send `allowed_mentions: { parse: [] }`, so nothing would ping anyway).
 * https://support.discord.com/hc/en-us/articles/210298617 (markdown), backslash escapes any symbol.
 */
import { mapReplyText, mapUserText, type Reply } from "../../bot/reply.js";

const SYNTAX = /[\\*_~`|>#<\[\]@]/g;

export const escapeDiscordUserText = (s: string): string => s.replace(SYNTAX, "\\$&");

/** The reply with member-written pieces escaped and the marks removed. */
export const escapeUserTextForDiscord = (reply: Reply): Reply => mapReplyText(reply, (s) => mapUserText(s, escapeDiscordUserText));
