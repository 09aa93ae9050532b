/**
 * A member's own study plan (`/plan`). Days are calendar days in the member's zone (their own,
 * else the space's). Today's day number is derived from the stored row, never stored itself:
 *   days since start − days paused + days skipped + 1
 * so a pause holds the number still and a skip moves it on; past the last day the plan is finished.
 */
import type { Plan } from "../../curriculum/schema.js";
import type { Deps } from "../command.js";
import { UserError } from "../errors.js";
import type { Member, MemberPlan, Space } from "../ports.js";
import { daysBetween, localDate } from "../time.js";
import { planIds, requireKnownPlan } from "./groups.js";
import { zoneOf } from "./streaks.js";
import type { PlanStanding, PlanToday } from "../views/member-plan.js";

export type { PlanStanding, PlanToday } from "../views/member-plan.js";

export function planStanding(row: MemberPlan, plan: Pick<Plan, "days">, today: string): PlanStanding {
  const pausedNow = row.pausedOn ? Math.max(0, daysBetween(row.pausedOn, today)) : 0;
  const elapsed = Math.max(0, daysBetween(row.startDate, today) - row.pausedDays - pausedNow);
  const raw = elapsed + row.skipped + 1;
  const total = plan.days.length;
  return { day: Math.min(raw, total), total, isFinished: raw > total, isPaused: row.pausedOn !== null };
}


type PlanDeps = Pick<Deps, "memberPlans" | "curriculum" | "clock">;

const todayOf = (deps: Pick<Deps, "clock">, member: Member, space: Space) => localDate(deps.clock.now(), zoneOf(member, space));

const withStanding = (deps: PlanDeps, row: MemberPlan, today: string): PlanToday | undefined => {
  const plan = deps.curriculum.plans.find((p) => p.id === row.planId);
  return plan && { row, plan, today, standing: planStanding(row, plan, today) };
};

/** undefined when the member follows no plan, or its plan is no longer in the curriculum. */
export async function memberPlanToday(deps: PlanDeps, member: Member, space: Space): Promise<PlanToday | undefined> {
  const row = await deps.memberPlans.get(member.id);
  return row && withStanding(deps, row, todayOf(deps, member, space));
}

export async function requirePlanToday(deps: PlanDeps, member: Member, space: Space): Promise<PlanToday> {
  const current = await memberPlanToday(deps, member, space);
  if (!current) throw new UserError("plan.none", { plans: planIds(deps) });
  return current;
}

/** Starts `planId` at day 1 today, replacing any plan the member followed (returned as `previous`). */
export async function startPlan(deps: PlanDeps, member: Member, space: Space, planId: string | undefined) {
  if (!planId) throw new UserError("plan.required", { plans: planIds(deps) });
  requireKnownPlan(deps, planId);
  const previous = await memberPlanToday(deps, member, space);
  const today = todayOf(deps, member, space);
  const row: MemberPlan = { memberId: member.id, spaceId: space.id, planId, startDate: today, skipped: 0, pausedOn: null, pausedDays: 0 };
  await deps.memberPlans.save(row);
  return { current: withStanding(deps, row, today)!, previous };
}

const save = async (deps: PlanDeps, t: PlanToday, changes: Partial<MemberPlan>): Promise<PlanToday> => {
  const row = { ...t.row, ...changes };
  await deps.memberPlans.save(row);
  return { ...t, row, standing: planStanding(row, t.plan, t.today) };
};

const requireRunning = (t: PlanToday) => {
  if (t.standing.isFinished) throw new UserError("plan.finished", { plan: t.plan.title });
};

/** Moves on one day (a paused plan stays paused, one day further on). */
export function skipDay(deps: PlanDeps, t: PlanToday): Promise<PlanToday> {
  requireRunning(t);
  return save(deps, t, { skipped: t.row.skipped + 1 });
}

export function pausePlan(deps: PlanDeps, t: PlanToday): Promise<PlanToday> {
  requireRunning(t);
  if (t.row.pausedOn) throw new UserError("plan.alreadyPaused", { date: t.row.pausedOn });
  return save(deps, t, { pausedOn: t.today });
}

/** The days spent paused join `pausedDays`, so the day number carries on from where it was held. */
export function resumePlan(deps: PlanDeps, t: PlanToday): Promise<PlanToday> {
  if (!t.row.pausedOn) throw new UserError("plan.notPaused");
  return save(deps, t, { pausedOn: null, pausedDays: t.row.pausedDays + Math.max(0, daysBetween(t.row.pausedOn, t.today)) });
}
