/**
 * Autocomplete for options whose values are ids: the curriculum's topics, problems and plans,
 * and IANA time zones. Discord shows at most 25 suggestions, each name ≤ 100 characters.
 * https://discord.com/developers/docs/interactions/application-commands#autocomplete
 */
import type { ApplicationCommandOptionChoiceData } from "discord.js";
import type { Curriculum } from "../../curriculum/loader.js";
import { LIMITS, trim } from "./limits.js";

interface Item { id: string; title: string }

let zones: Item[] | undefined;
const timeZones = () => (zones ??= Intl.supportedValuesOf("timeZone").map((z) => ({ id: z, title: "" })));

function itemsFor(c: Curriculum, option: string): readonly Item[] {
  switch (option) {
    case "topic": return c.topics;
    case "problem": return c.problems;
    case "plan": return c.plans;
    case "tz": return timeZones();
    default: return [];
  }
}

export function autocompleteChoices(c: Curriculum, option: string, typed: string): ApplicationCommandOptionChoiceData<string>[] {
  const q = typed.trim().toLowerCase();
  const items = itemsFor(c, option);
  // Ids that start with what was typed first, then any id or title containing it.
  const starts = items.filter((i) => i.id.toLowerCase().startsWith(q));
  const contains = items.filter((i) => !starts.includes(i) && `${i.id} ${i.title}`.toLowerCase().includes(q));
  return [...starts, ...contains].slice(0, LIMITS.autocompleteChoices).map((i) => ({
    name: trim(i.title ? `${i.id} — ${i.title}` : i.id, LIMITS.choiceName),
    value: i.id,
  }));
}
