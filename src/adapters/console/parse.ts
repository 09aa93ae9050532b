/** A typed console line → command name and args, using the command's own schema keys. */
import type { z } from "zod";
import { flagArgs, type Command } from "../../bot/command.js";
import type { ArgValue } from "../../bot/event.js";

/**
 * "/config time 09:00 tz Asia/Kolkata" → { time, tz }; "/quiz caching 2" → { topic, level }.
 * A word equal to an argument name takes the next word as its value (`key=value` works too);
 * other words fill the remaining arguments in schema order. A first word that is one of the
 * command's `actions` is the action even when it also names an argument ("/group plan evening tiny").
 * Words after the schema's last argument, given by name, extend it, so a name may hold spaces
 * ("/leaderboard week group Night Owls" → group "Night Owls").
 * With `fits` (which values an argument takes), a word goes to the first open argument that takes
 * it, so a left-out argument may be skipped ("/quiz caching free": no level, format free), and a
 * word no open argument takes continues the one before it ("/mock start url shortener").
 * A word naming one of `flags` (on/off args) turns it on ("/leaderboard week public").
 */
export function parseCommandLine(
  line: string, argNames: readonly string[], actions: readonly string[] = [], fits: (name: string, value: string) => boolean = () => true,
  flags: readonly string[] = [],
): { name: string; args: Record<string, ArgValue> } {
  const [head = "", ...words] = line.trim().slice(1).split(/\s+/).filter(Boolean);
  const args: Record<string, ArgValue> = {};
  const positional: string[] = [];
  let lastNamed: string | undefined; // the argument last given as `name value`
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const eq = word.indexOf("=");
    if (i === 0 && argNames.includes("action") && actions.includes(word.toLowerCase())) {
      args.action = word.toLowerCase();
    } else if (flags.includes(word.toLowerCase()) && !(word.toLowerCase() in args)) {
      args[word.toLowerCase()] = true;
    } else if (eq > 0 && argNames.includes(word.slice(0, eq))) {
      args[word.slice(0, eq)] = word.slice(eq + 1);
    } else if (argNames.includes(word) && i + 1 < words.length && !(word in args)) {
      args[word] = words[++i]!;
      lastNamed = word;
    } else if (lastNamed !== undefined && lastNamed === argNames[argNames.length - 1]) {
      args[lastNamed] = `${String(args[lastNamed])} ${word}`;
    } else {
      positional.push(word);
    }
  }
  let last: string | undefined; // the argument the previous positional word went to
  for (const value of positional) {
    const open = argNames.filter((n) => !(n in args));
    const joined = last === undefined ? undefined : `${String(args[last])} ${value}`;
    const taker = open.find((n) => fits(n, value));
    const target = taker ?? open[0];
    // A bare number is never part of a name: it stays with the argument it was meant for.
    if (!taker && last && joined && !/^\d+$/.test(value) && fits(last, joined)) {
      args[last] = joined;
    } else if (target) {
      args[target] = value;
      last = target;
    } else {
      const extended = last ?? "_extra";
      args[extended] = `${args[extended] ?? ""} ${value}`.trim();
    }
  }
  return { name: head.toLowerCase(), args };
}

/** A line parsed for `command` with its own schema: its argument names, its actions, and the values each takes. */
export function parseForCommand(line: string, command: Command | undefined): { name: string; args: Record<string, ArgValue> } {
  const shape = (command?.args.shape ?? {}) as Record<string, z.ZodType>;
  // After an action word, loose words go to that action's own args first: in "/mock pair tomorrow
  // 19:00" they are the booking's time, not a problem name (start's arg, first in the schema).
  const first = line.trim().split(/\s+/)[1]?.toLowerCase() ?? "";
  const own = command?.actionArgs?.[first];
  const names = own ? [...own, ...Object.keys(shape).filter((n) => !own.includes(n))] : Object.keys(shape);
  const fits = (n: string, v: string) => (!own || own.includes(n)) && (shape[n]?.safeParse(v).success ?? false);
  return parseCommandLine(line, names, Object.keys(command?.actionArgs ?? {}), fits, command ? flagArgs(command) : []);
}
