/**
 * The core's commands as Discord slash commands, derived from each command's zod `args`:
 * enums → choices, whole numbers → integer options with min/max, topic/problem/plan/tz →
 * autocomplete, `channel` → a channel picker, `role` → a role picker. A command with an `action` enum becomes one
 * subcommand per action (`/config set|show|pause|resume`), taking the args `actionArgs` lists.
 * https://discord.com/developers/docs/interactions/application-commands#application-command-object
 */
import {
  ApplicationCommandOptionType, ApplicationCommandType, ChannelType, InteractionContextType, PermissionFlagsBits,
  type APIApplicationCommandBasicOption, type APIApplicationCommandOption, type APIApplicationCommandSubcommandOption,
  type CommandInteractionOption, type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { z } from "zod";
import type { Command } from "../../bot/command.js";
import type { ArgValue } from "../../bot/event.js";
import { LIMITS, trim } from "./limits.js";

/** Args whose values come from a list the adapter can search as the member types. */
export const AUTOCOMPLETE_ARGS = new Set(["topic", "problem", "plan", "tz"]);

/** Discord needs a description for every option; the core's schemas carry none. */
const DESCRIPTIONS: Record<string, string> = {
  command: "The command to explain",
  topic: "A topic, e.g. caching (start typing to search)",
  level: "1 foundation, 2 application, 3 expert",
  format: "Multiple choice (mcq) or free text (free)",
  problem: "The design problem (start typing to search)",
  minutes: "How long it runs, in minutes (a mock interview or a round)",
  framework: "The answer framework to follow",
  period: "Which board: this week, this month, all time, or knowledge kept",
  channel: "The channel (default: this one)",
  time: "Local time of the daily post, HH:MM in 24-hour form",
  tz: "IANA time zone, e.g. Asia/Kolkata (start typing to search)",
  days: "Days to post: mon-fri, daily, weekdays or mon,wed,fri",
  plan: "A study plan (start typing to search)",
  name: "The study group's name",
  group: "A study group's name: its own board",
  public: "Post it in the channel for everyone (default: only you see it)",
  state: "On or off",
  role: "The role (never @everyone)",
  streak: "The streak length in days that earns the role",
  remove_on_break: "Take the role back when the streak ends (default: keep it)",
  file: "The bank file: .yaml or .csv (docs/question-bank.md)",
  item: "An imported item's id, as in the file",
};

const SUBCOMMANDS: Record<string, string> = {
  "mock start": "Start a timed mock interview in a new thread",
  "round start": "Start a timed quiz round for everyone in this channel",
  "mock next": "Move your interview to its next phase",
  "mock end": "End your interview and get the scorecard",
  "mock pair": "Wait for a peer: you interview each other and score each other",
  "mock leave": "Leave the queue for a peer mock interview",
  "group create": "Create a study group with its own leaderboard",
  "group join": "Join a study group",
  "group leave": "Leave a study group",
  "group list": "The study groups here and their members",
  "group plan": "Set the plan a study group follows",
  "streak show": "Your streak, your best and your freezes",
  "streak reminders": "Turn the evening streak reminder on or off",
  "me export": "Download everything stored about you as a JSON file",
  "me delete": "Erase everything stored about you",
  "me timezone": "Set your own time zone (or clear it)",
  "plan start": "Follow a study plan yourself from day 1 today",
  "plan status": "Your plan's day, progress and today's task",
  "plan skip": "Move your plan on by one day",
  "plan pause": "Hold your plan's day number until you resume",
  "plan resume": "Carry on with your plan from the day it was held at",
  "plan stop": "Stop following your plan",
  "config set": "Set this channel's daily post: time, time zone, days, plan",
  "config show": "Show the channel's daily schedule",
  "config pause": "Pause the channel's daily posts",
  "config resume": "Resume the channel's daily posts",
  "config reports": "Questions and drills members reported here, most reported first",
  "config ping": "Mention a role on every daily post here (no role: show the current one)",
  "config ping-clear": "Stop mentioning a role on the daily posts",
  "config reward": "Give a role at a streak length or a level (Manage Roles needed)",
  "config reward-clear": "Stop giving a role as a reward",
  "config roles": "The daily post's role and the role rewards, with what needs fixing",
  "bank import": "Import this space's own questions, drills and problems from a file",
  "bank export": "Download this space's imported items as the file they came in",
  "bank remove": "Remove one imported item, or all of them",
  "bank topics": "Switch built-in topics on or off for this space",
};

/** The innermost schema under optional / default / transform wrappers. */
function unwrap(schema: z.ZodType): { inner: z.ZodType; isOptional: boolean } {
  let s: z.ZodType = schema;
  for (;;) {
    const def = s._zod.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
    if ((def.type === "optional" || def.type === "default") && def.innerType) s = def.innerType;
    else if (def.type === "pipe" && def.in) s = def.in;
    else break;
  }
  return { inner: s, isOptional: schema.safeParse(undefined).success };
}

const kind = (s: z.ZodType) => (s._zod.def as { type: string }).type;
const enumValues = (s: z.ZodType): string[] => (s as unknown as { options: unknown[] }).options.map(String);

function option(name: string, schema: z.ZodType, commandNames: readonly string[]): APIApplicationCommandBasicOption {
  const { inner, isOptional } = unwrap(schema);
  const required = !isOptional;
  const base = { name, required };
  if (name === "command") {
    return { ...base, type: ApplicationCommandOptionType.String, description: DESCRIPTIONS.command!,
      choices: commandNames.slice(0, 25).map((c) => ({ name: c, value: c })) };
  }
  if (name === "channel") {
    return { ...base, type: ApplicationCommandOptionType.Channel, description: DESCRIPTIONS.channel!,
      channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement] };
  }
  if (name === "role") {
    return { ...base, type: ApplicationCommandOptionType.Role, description: DESCRIPTIONS.role! };
  }
  if (name === "file") {
    return { ...base, type: ApplicationCommandOptionType.Attachment, description: DESCRIPTIONS.file! };
  }
  if (kind(inner) === "enum") {
    const values = enumValues(inner);
    return { ...base, type: ApplicationCommandOptionType.String, description: describe(name, `One of: ${values.join(", ")}`),
      choices: values.map((v) => ({ name: v, value: v })) };
  }
  if (kind(inner) === "number") {
    const n = inner as z.ZodNumber;
    const range = {
      ...(Number.isFinite(n.minValue) ? { min_value: n.minValue! } : {}),
      ...(Number.isFinite(n.maxValue) ? { max_value: n.maxValue! } : {}),
    };
    const description = describe(name, `A number${n.minValue !== null ? ` from ${n.minValue}` : ""}${n.maxValue !== null ? ` to ${n.maxValue}` : ""}`);
    return n.isInt
      ? { ...base, type: ApplicationCommandOptionType.Integer, description, ...range }
      : { ...base, type: ApplicationCommandOptionType.Number, description, ...range };
  }
  if (kind(inner) === "boolean") return { ...base, type: ApplicationCommandOptionType.Boolean, description: describe(name, "Yes or no") };
  const s = inner as z.ZodString;
  return {
    ...base, type: ApplicationCommandOptionType.String, description: describe(name, `The ${name}`),
    ...(AUTOCOMPLETE_ARGS.has(name) ? { autocomplete: true } : {}),
    ...(s.minLength ? { min_length: s.minLength } : {}),
    ...(s.maxLength ? { max_length: s.maxLength } : {}),
  };
}

const describe = (name: string, fallback: string) => trim(DESCRIPTIONS[name] ?? fallback, LIMITS.commandDescription);

/** Required options must come before optional ones (Discord rejects the command otherwise). */
const requiredFirst = <T extends { required?: boolean }>(options: T[]) =>
  [...options.filter((o) => o.required), ...options.filter((o) => !o.required)];

function optionsOf(command: Command, commandNames: readonly string[]): APIApplicationCommandOption[] {
  const shape = command.args.shape as Record<string, z.ZodType>;
  const action = shape.action && kind(unwrap(shape.action).inner) === "enum" ? unwrap(shape.action).inner : undefined;
  const basic = (names: readonly string[]) =>
    requiredFirst(names.filter((n) => n !== "action" && shape[n]).map((n) => option(n, shape[n]!, commandNames)));
  if (!action) return basic(Object.keys(shape));
  return enumValues(action).map((value): APIApplicationCommandSubcommandOption => ({
    type: ApplicationCommandOptionType.Subcommand,
    name: value,
    description: trim(SUBCOMMANDS[`${command.name} ${value}`] ?? `${value}: ${command.summary}`, LIMITS.commandDescription),
    options: basic(command.actionArgs?.[value] ?? Object.keys(shape)),
  }));
}

/** The bulk-overwrite body: every core command, guild-only, admin commands hidden from non-admins by default. */
export function slashCommands(commands: readonly Command[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const names = commands.map((c) => c.name);
  return commands.map((c) => ({
    type: ApplicationCommandType.ChatInput,
    name: c.name,
    description: trim(c.summary, LIMITS.commandDescription),
    options: optionsOf(c, names),
    // Only a default: server admins can change who sees the command, so the dispatcher checks
    // Manage Server on every use as well (BotEvent.user.isAdmin).
    // Discord's OpenAPI description types this as an integer bit set (discord-api-types says a
    // string; the API takes both): sent as the number the spec asks for.
    ...(c.gates?.includes("adminOnly") ? { default_member_permissions: Number(PermissionFlagsBits.ManageGuild) as unknown as string } : {}),
    contexts: [InteractionContextType.Guild],
  }));
}

/** A chat-input interaction's options as core args; a subcommand becomes `action`. */
export function argsOf(options: readonly CommandInteractionOption[]): Record<string, ArgValue> {
  const args: Record<string, ArgValue> = {};
  for (const o of options) {
    if (o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup) {
      args.action = o.name;
      Object.assign(args, argsOf(o.options ?? []));
    } else if (o.value !== undefined) {
      args[o.name] = o.value;
    }
  }
  return args;
}
