/** A typed console line → command name and args, using the command's own schema keys. */
import type { ArgValue } from "../../bot/event.js";

/**
 * "/config time 09:00 tz Asia/Kolkata" → { time, tz }; "/quiz caching 2" → { topic, level }.
 * A word equal to an argument name takes the next word as its value (`key=value` works too);
 * other words fill the remaining arguments in schema order. A first word that is one of the
 * command's `actions` is the action even when it also names an argument ("/group plan evening tiny").
 * Words after the schema's last argument, given by name, extend it, so a name may hold spaces
 * ("/leaderboard week group Night Owls" → group "Night Owls"). A word naming one of `flags` (on/off
 * args) turns it on ("/leaderboard week public").
 */
export function parseCommandLine(
  line: string, argNames: readonly string[], actions: readonly string[] = [], flags: readonly string[] = [],
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
  const free = argNames.filter((n) => !(n in args));
  positional.forEach((value, i) => {
    const name = free[i];
    const extended = free[free.length - 1] ?? "_extra";
    if (name) args[name] = value;
    else args[extended] = `${args[extended] ?? ""} ${value}`.trim();
  });
  return { name: head.toLowerCase(), args };
}
