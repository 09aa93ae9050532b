/**
 * Command references as Slack takes them: `/quiz …` stays `/quiz`, everything else goes through
 * `/coach <command> …`. Slack runs no slash commands in threads, so a reference about acting in
 * a mock thread names the thread's button, or says to use the command in the channel.
 */
import type { CommandRef, Speller } from "../../bot/command-ref.js";
import { commandWords } from "../console/spell.js";
import { DEFAULT_SLASH, type SlashNames } from "./commands.js";

export function slackCommand(ref: CommandRef, names: SlashNames = DEFAULT_SLASH): string {
  const words = commandWords(ref);
  return ref.command === "quiz" ? `${names.quiz}${words.slice("quiz".length)}` : `${names.coach} ${words}`;
}

export const slackSpeller: Speller = {
  command(ref) {
    if (!ref.inThread) return `\`${slackCommand(ref)}\``;
    return ref.inThread.button ? `the **${ref.inThread.button}** button in the thread` : `\`${slackCommand(ref)}\` in the channel`;
  },
  // users.ts: users.info's is_admin / is_owner, or the SLACK_ADMIN_USER_IDS the bot runs with.
  term: (t) => (t === "attachFile"
    ? "a direct message to me with the file attached and the text `bank import`"
    : "workspace admins and owners (and members listed in the bot's SLACK_ADMIN_USER_IDS)"),
};
