/**
 * Slash command text → the core's command name and arguments. `/quiz caching 2` is the quick
 * quiz; `/coach <subcommand> …` reaches every other command (an unknown one answers with help).
 * Slack allows no slash commands in threads, so the mock thread carries buttons instead.
 */
import type { Command } from "../../bot/command.js";
import type { ArgValue } from "../../bot/event.js";
import { parseForCommand } from "../console/parse.js";

export interface SlashNames { quiz: string; coach: string }
export const DEFAULT_SLASH: SlashNames = { quiz: "/quiz", coach: "/coach" };

/**
 * With "Escape channels, users, and links" on (the manifest sets `should_escape`), Slack sends
 * `<#C123|general>`, `<@U123|asha>` and `<https://…|…>`; the core wants the ids. HTML entities
 * are Slack's escaping of `&`, `<` and `>`.
 */
export function unescapeSlackText(text: string): string {
  return text
    .replace(/<[#@!]?([A-Za-z0-9]+)(?:\|[^>]*)?>/g, "$1")
    .replace(/<(https?:\/\/[^|>]+)(?:\|[^>]*)?>/g, "$1")
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

export function parseSlash(
  slash: string, text: string, commands: readonly Command[], names: SlashNames = DEFAULT_SLASH,
): { name: string; args: Record<string, ArgValue> } {
  const find = (name: string) => commands.find((c) => c.name === name);
  const clean = unescapeSlackText(text).trim();
  if (slash === names.quiz) return parseForCommand(`/quiz ${clean}`, find("quiz"));
  const [sub = "", ...rest] = clean.split(/\s+/).filter(Boolean);
  const name = sub.toLowerCase().replace(/^\//, "");
  if (!find(name)) return { name: "help", args: {} };
  return parseForCommand(`/${name} ${rest.join(" ")}`, find(name));
}
