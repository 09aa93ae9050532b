/**
 * `npm run discord:register`: registers the slash commands without starting the bot. A second
 * entry point beside main.ts, so it reads the config itself.
 */
import { REST } from "discord.js";
import { commands } from "../../bot/commands/index.js";
import { loadConfigOrExit } from "../../config.js";
import { syncCommands } from "./register.js";

function fail(message: string): never {
  process.stderr.write(`discord:register: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const config = loadConfigOrExit("discord:register");
  if (!config.DISCORD_TOKEN || !config.DISCORD_APP_ID) fail("set DISCORD_TOKEN and DISCORD_APP_ID first (see docs/discord.md)");
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(config.DISCORD_TOKEN);
  const count = await syncCommands(rest, config.DISCORD_APP_ID, config.DISCORD_GUILD_ID, commands);
  const where = config.DISCORD_GUILD_ID
    ? `to guild ${config.DISCORD_GUILD_ID} (they show at once)`
    : "globally (Discord may take a few minutes to show changes)";
  process.stdout.write(`Registered ${count} slash commands ${where}.\n`);
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
