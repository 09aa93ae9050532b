/**
 * Checks a command as written in a reply against what each platform really accepts: Discord's
 * registered command JSON (commands.ts), Slack's manifest slash commands and the `/coach` router
 * (parseSlash), and the console's parser. Values are checked with the command's own zod schema,
 * and ids (topic, plan, problem) against the curriculum; `<placeholders>` and `[optional]` parts
 * are checked by name only.
 */
import { ApplicationCommandOptionType, type APIApplicationCommandOption } from "discord.js";
import type { z } from "zod";
import { slashCommands } from "../../src/adapters/discord/commands.js";
import { parseSlash } from "../../src/adapters/slack/commands.js";
import { parseForCommand } from "../../src/adapters/console/parse.js";
import type { Command } from "../../src/bot/command.js";
import { commands } from "../../src/bot/commands/index.js";
import { loadCurriculum } from "../../src/curriculum/loader.js";

export type Platform = "discord" | "slack" | "console";

const curriculum = loadCurriculum();
const IDS: Record<string, readonly string[]> = {
  topic: curriculum.topics.map((t) => t.id), problem: curriculum.problems.map((p) => p.id), plan: [...curriculum.plans.map((p) => p.id), "none"],
};
const discordJson = slashCommands(commands);
const byName = (name: string) => commands.find((c) => c.name === name);
const isPlaceholder = (v: string) => /^<[^<>]+>$/.test(v);
/** Every way a written value may be meant: "on|off" is two, "20-90" a range of numbers. */
const alternatives = (v: string) => v.split("|").flatMap((a) => (/^\d+-\d+$/.test(a) ? a.split("-") : [a]));

/** Whether a command's schema (and the curriculum, for ids) accepts `value` for `arg`; why not, if not. */
function badValue(command: Command, arg: string, value: string, checkIds: boolean): string | undefined {
  const schema = (command.args.shape as Record<string, z.ZodType>)[arg];
  if (!schema) return `/${command.name} has no option ${arg}`;
  if (isPlaceholder(value)) return undefined;
  for (const a of alternatives(value)) {
    if (!schema.safeParse(a).success) return `/${command.name} ${arg} does not take "${a}"`;
    if (checkIds && IDS[arg] && !IDS[arg].includes(a)) return `no ${arg} "${a}"`;
  }
  return undefined;
}

/** `/config set plan:<id> [time:HH:MM]` against Discord's registered commands. */
export function checkDiscord(mention: string): string | undefined {
  const [, name = "", rest = ""] = /^\/(\S+)\s*(.*)$/.exec(mention) ?? [];
  const json = discordJson.find((c) => c.name === name);
  const command = byName(name);
  if (!json || !command) return `Discord has no /${name}`;
  let options: readonly APIApplicationCommandOption[] = json.options ?? [];
  let words = rest;
  const subs = options.filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
  if (subs.length && words) {
    const [sub = "", ...more] = words.split(" ");
    const found = subs.find((s) => s.name === sub);
    if (!found || found.type !== ApplicationCommandOptionType.Subcommand) return `/${name} has no subcommand ${sub}`;
    options = found.options ?? [];
    words = more.join(" ");
  } else if (subs.length === 0 && words && !/^\[?[a-z_]+:/.test(words)) {
    return `/${name} takes named options, not "${words}"`;
  }
  const given = new Set<string>();
  for (const part of words ? words.split(/\s+(?=\[?[a-z_]+:)/) : []) {
    const m = /^(\[)?([a-z_]+):(.+?)(\])?$/.exec(part);
    if (!m || Boolean(m[1]) !== Boolean(m[4])) return `"${part}" is not a Discord option`;
    const [, optional, opt = "", value = ""] = m;
    if (!options.some((o) => o.name === opt)) return `/${name} has no option ${opt} there`;
    given.add(opt);
    const bad = optional ? undefined : badValue(command, opt, value, true);
    if (bad) return bad;
  }
  const missing = words || subs.length ? options.filter((o) => "required" in o && o.required && !given.has(o.name)) : [];
  return missing.length ? `/${name} needs ${missing.map((o) => o.name).join(", ")}` : undefined;
}

/** `/plan start <id> [time HH:MM]` as typed on the console (or after Slack's slash command). */
function checkTyped(name: string, rest: string, parse: (line: string) => { name: string; args: Record<string, unknown> }): string | undefined {
  const command = byName(name);
  if (!command) return `no command ${name}`;
  const allowed = Object.keys(command.args.shape);
  for (const [, group = ""] of rest.matchAll(/\[([^\]]+)\]/g)) {
    const arg = group.split(" ")[0]!;
    if (!allowed.includes(arg)) return `/${name} has no option ${arg}`;
  }
  const { name: parsed, args } = parse(rest.replace(/\s*\[[^\]]+\]/g, "").trim());
  if (parsed !== name) return `read as ${parsed}, not ${name}`;
  for (const [arg, value] of Object.entries(args)) {
    const bad = badValue(command, arg, String(value), false);
    if (bad) return bad;
  }
  return undefined;
}

export function checkConsole(mention: string): string | undefined {
  const [, name = "", rest = ""] = /^\/(\S+)\s*(.*)$/.exec(mention) ?? [];
  return checkTyped(name, rest, (r) => parseForCommand(`/${name} ${r}`, byName(name)));
}

/** `/quiz caching 2` or `/coach plan start <id>` against the manifest's two commands and parseSlash. */
export function checkSlack(mention: string, manifestCommands: readonly string[]): string | undefined {
  const [, slash = "", rest = ""] = /^(\/\S+)\s*(.*)$/.exec(mention) ?? [];
  if (!manifestCommands.includes(slash)) return `Slack has no ${slash}`;
  if (slash === "/quiz") return checkTyped("quiz", rest, (r) => parseSlash("/quiz", r, commands));
  const [sub = "", ...more] = rest.split(" ");
  if (!byName(sub)) return `/coach has no ${sub || "(nothing)"}`;
  return checkTyped(sub, more.join(" "), (r) => parseSlash("/coach", `${sub} ${r}`, commands));
}

/** Command names some platform knows: a `/word` with another word is content (a URL path), not a command. */
export const COMMAND_WORDS = new Set([...commands.map((c) => c.name), "coach"]);
