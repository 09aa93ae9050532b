/** A typed console line → command name and args, using the command's own schema keys. */
import type { ArgValue } from "../../bot/event.js";

/**
 * "/config time 09:00 tz Asia/Kolkata" → { time, tz }; "/quiz caching 2" → { topic, level }.
 * A word equal to an argument name takes the next word as its value (`key=value` works too);
 * other words fill the remaining arguments in schema order. A first word that is one of the
 * command's `actions` is the action even when it also names an argument ("/group plan evening tiny").
 */
export function parseCommandLine(
  line: string, argNames: readonly string[], actions: readonly string[] = [],
): { name: string; args: Record<string, ArgValue> } {
  const [head = "", ...words] = line.trim().slice(1).split(/\s+/).filter(Boolean);
  const args: Record<string, ArgValue> = {};
  const positional: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const eq = word.indexOf("=");
    if (i === 0 && argNames.includes("action") && actions.includes(word.toLowerCase())) {
      args.action = word.toLowerCase();
    } else if (eq > 0 && argNames.includes(word.slice(0, eq))) {
      args[word.slice(0, eq)] = word.slice(eq + 1);
    } else if (argNames.includes(word) && i + 1 < words.length && !(word in args)) {
      args[word] = words[++i]!;
    } else {
      positional.push(word);
    }
  }
  const free = argNames.filter((n) => !(n in args));
  positional.forEach((value, i) => {
    const name = free[i];
    if (name) args[name] = value;
    else args[free[free.length - 1] ?? "_extra"] = `${args[free[free.length - 1] ?? "_extra"] ?? ""} ${value}`.trim();
  });
  return { name: head.toLowerCase(), args };
}
