/**
 * Slash command text → the core's command name and arguments. `/quiz caching 2` is the quick
 * quiz; `/coach <subcommand> …` reaches every other command (an unknown one answers with help).
 * Slack allows no slash commands in threads, so the mock thread carries buttons instead.
 */
import { flagArgs, type Command } from "../../bot/command.js";
import type { ArgValue } from "../../bot/event.js";
import { parseCommandLine } from "../console/parse.js";

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
  const argNames = (name: string) => Object.keys(commands.find((c) => c.name === name)?.args.shape ?? {});
  const flags = (name: string) => { const c = commands.find((x) => x.name === name); return c ? flagArgs(c) : []; };
  const clean = unescapeSlackText(text).trim();
  if (slash === names.quiz) return parseCommandLine(`/quiz ${clean}`, argNames("quiz"));
  const [sub = "", ...rest] = clean.split(/\s+/).filter(Boolean);
  const name = sub.toLowerCase().replace(/^\//, "");
  if (!commands.some((c) => c.name === name)) return { name: "help", args: {} };
  const actions = Object.keys(commands.find((c) => c.name === name)?.actionArgs ?? {});
  return parseCommandLine(`/${name} ${rest.join(" ")}`, argNames(name), actions, flags(name));
}
