/**
 * Command references as typed words, the way the console's parser (and Slack's, which shares it)
 * reads them: `config set plan <id>`. Options that follow the command's argument order are
 * written alone (`quiz caching 2`); after a gap, or in a usage line, with their name.
 */
import type { Command } from "../../bot/command.js";
import type { CommandRef, Speller } from "../../bot/command-ref.js";
import { commands } from "../../bot/commands/index.js";

export function commandWords(ref: CommandRef, registry: readonly Command[] = commands): string {
  const def = registry.find((c) => c.name === ref.command);
  const order = def ? Object.keys(def.args.shape).filter((k) => k !== "action") : [];
  const reserved = new Set([...order, ...Object.keys(def?.actionArgs ?? {})]);
  const words = [ref.command, ...(ref.sub ? [ref.sub] : [])];
  let inOrder = true;
  Object.entries(ref.options ?? {}).forEach(([name, value], i) => {
    const isOptional = ref.optional?.includes(name) ?? false;
    // A word equal to an option name or an action would be read as one, so it keeps its name.
    inOrder = inOrder && !isOptional && order[i] === name && !reserved.has(value.toLowerCase());
    const written = inOrder ? value : `${name} ${value}`;
    words.push(isOptional ? `[${written}]` : written);
  });
  return words.join(" ");
}

export const consoleSpeller: Speller = {
  command: (ref) => `\`/${commandWords(ref)}\``,
  // The console's user owns the process: every command is open to them.
  term: (t) => (t === "attachFile" ? "the file's path after the command" : "the console's user"),
};
