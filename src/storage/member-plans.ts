/** The plan each member follows on their own (`/plan`): one row per member. */
import { eq } from "drizzle-orm";
import type { MemberPlan, MemberPlanRepo } from "../bot/ports.js";
import type { Db } from "./db.js";
import { memberPlans } from "./schema.js";

const toPlan = (r: typeof memberPlans.$inferSelect): MemberPlan => ({
  memberId: r.memberId, spaceId: r.spaceId, planId: r.planId, startDate: r.startDate,
  skipped: r.skipped, pausedOn: r.pausedOn, pausedDays: r.pausedDays,
});

export function createMemberPlanRepo(db: Db): MemberPlanRepo {
  return {
    async get(memberId) {
      const row = db.select().from(memberPlans).where(eq(memberPlans.memberId, memberId)).get();
      return row && toPlan(row);
    },
    async save(plan) {
      const { memberId, ...rest } = plan;
      db.insert(memberPlans).values(plan).onConflictDoUpdate({ target: memberPlans.memberId, set: rest }).run();
    },
    async clear(memberId) {
      return db.delete(memberPlans).where(eq(memberPlans.memberId, memberId)).run().changes > 0;
    },
  };
}
