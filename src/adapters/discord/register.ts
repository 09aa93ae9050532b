/**
 * Registers the slash commands with one bulk overwrite, so Discord's list always equals ours:
 * commands we dropped disappear, changed ones update. To a guild when `guildId` is set (shows at
 * once: for development), globally otherwise.
 * https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-global-application-commands
 */
import { Routes, type REST } from "discord.js";
import type { Command } from "../../bot/command.js";
import { slashCommands } from "./commands.js";

export async function syncCommands(rest: REST, appId: string, guildId: string | undefined, commands: readonly Command[]): Promise<number> {
  const route = guildId ? Routes.applicationGuildCommands(appId, guildId) : Routes.applicationCommands(appId);
  const saved = (await rest.put(route, { body: slashCommands(commands) })) as unknown[];
  return saved.length;
}
