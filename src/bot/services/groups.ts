/**
 * Study groups: names, lookups and the plan a group follows. A group's board is the points
 * board "g<id>"; awards reach it only while the member is in the group (storage applyAward).
 */
import { closest, orList } from "../suggest.js";
import type { Plan } from "../../curriculum/schema.js";
import type { Deps } from "../command.js";
import { UserError } from "../errors.js";
import type { Group } from "../ports.js";
import { planDayNumber } from "../views/daily.js";

/** Letters and digits in any script (with their combining marks), spaces, "-" and "_". */
const GROUP_NAME = /^[\p{L}\p{M}\p{N} _-]{2,32}$/u;

/** Trimmed, inner runs of spaces made one: how names are stored and looked up. */
const tidy = (raw: string) => raw.trim().replace(/\s+/g, " ");

/** The name as stored. Throws when it doesn't fit. */
export function groupName(raw: string): string {
  const name = tidy(raw);
  if (!GROUP_NAME.test(name)) throw new UserError("group.badName", { name: name.slice(0, 40) });
  return name;
}

export async function requireGroup(deps: Pick<Deps, "groups">, spaceId: string, name: string): Promise<Group> {
  const group = await deps.groups.byName(spaceId, tidy(name));
  if (!group) throw new UserError("group.unknown", { name: name.trim().slice(0, 40) });
  return group;
}

export const planIds = (deps: Pick<Deps, "curriculum">) => deps.curriculum.plans.map((p) => p.id).join(", ");

/** Refuses a plan id the curriculum does not have: the closest ids if any are near, else all of them. */
export function requireKnownPlan(
  deps: Pick<Deps, "curriculum">, planId: string, unknown: "config.unknownPlan" | "group.unknownPlan" = "config.unknownPlan",
): void {
  if (deps.curriculum.plans.some((p) => p.id === planId)) return;
  const near = closest(planId, deps.curriculum.plans.map((p) => ({ id: p.id, names: [p.id, p.title] })));
  if (near.length) throw new UserError("plan.didYouMean", { plan: planId.slice(0, 40), near: orList(near) });
  throw new UserError(unknown, { plan: planId.slice(0, 40), plans: planIds(deps) });
}

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
