/**
 * Study groups: names, lookups and the plan a group follows. A group's board is the points
 * board "g<id>"; awards reach it only while the member is in the group (storage applyAward).
 */
import type { Plan } from "../../curriculum/schema.js";
import type { Deps } from "../command.js";
import { UserError } from "../errors.js";
import type { Group } from "../ports.js";
import { planDayNumber } from "../views/daily.js";

/** Letters and digits in any script (with their combining marks), spaces, "-" and "_". */
const GROUP_NAME = /^[\p{L}\p{M}\p{N} _-]{2,32}$/u;

/** How group names compare: "Evening Crew" and "evening crew" are one group. */
export const sameGroupName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The name as stored: trimmed, inner runs of spaces made one. Throws when it doesn't fit. */
export function groupName(raw: string): string {
  const name = raw.trim().replace(/\s+/g, " ");
  if (!GROUP_NAME.test(name)) throw new UserError("group.badName", { name: name.slice(0, 40) });
  return name;
}

export async function requireGroup(deps: Pick<Deps, "groups">, spaceId: string, name: string): Promise<Group> {
  const group = await deps.groups.byName(spaceId, name.trim().replace(/\s+/g, " "));
  if (!group) throw new UserError("group.unknown", { name: name.trim().slice(0, 40) });
  return group;
}

export const planIds = (deps: Pick<Deps, "curriculum">) => deps.curriculum.plans.map((p) => p.id).join(", ");

/** Where a member's group plan stands today: the first of their groups (by name) that follows one. */
export async function groupPlanDay(
  deps: Pick<Deps, "groups" | "curriculum">, memberId: number, today: string, planId?: string,
): Promise<{ group: Group; plan: Plan; day: number } | undefined> {
  for (const group of await deps.groups.ofMember(memberId)) {
    if (!group.planId || !group.planStartDate || (planId && group.planId !== planId)) continue;
    const plan = deps.curriculum.plans.find((p) => p.id === group.planId);
    if (plan) return { group, plan, day: planDayNumber(plan, group.planStartDate, today) };
  }
  return undefined;
}
