/** A member's own study plan (`/plan`). */

/** The plan a member follows on their own; today's day number is derived (services/member-plan.ts). */
export interface MemberPlan {
  memberId: number; spaceId: string; planId: string;
  /** Local date (YYYY-MM-DD, the member's zone) of day 1. */
  startDate: string;
  /** Days skipped ahead. */
  skipped: number;
  /** Local date the plan was paused on; null while it runs. */
  pausedOn: string | null;
  /** Days spent in earlier pauses; a running pause counts from `pausedOn`. */
  pausedDays: number;
}

export interface MemberPlanRepo {
  get(memberId: number): Promise<MemberPlan | undefined>;
  /** Inserts or replaces the member's plan (one per member). */
  save(plan: MemberPlan): Promise<void>;
  /** false when the member followed no plan. */
  clear(memberId: number): Promise<boolean>;
}
