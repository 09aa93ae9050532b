/**
 * Command references as Discord's slash commands take them: the action is a subcommand and
 * every option is named, `/config set plan:<id>` (the tree commands.ts registers).
 */
import type { CommandRef, Speller } from "../../bot/command-ref.js";

export function discordCommand(ref: CommandRef): string {
  const options = Object.entries(ref.options ?? {}).map(([name, value]) =>
    ref.optional?.includes(name) ? `[${name}:${value}]` : `${name}:${value}`);
  return ["/" + ref.command, ...(ref.sub ? [ref.sub] : []), ...options].join(" ");
}

export const discordSpeller: Speller = {
  command: (ref) => `\`${discordCommand(ref)}\``,
  // commands.ts sets default_member_permissions to Manage Server; the dispatcher checks it too.
  term: (t) => (t === "attachFile" ? "the command's `file` option (attach the file)" : "members with the **Manage Server** permission"),
};
