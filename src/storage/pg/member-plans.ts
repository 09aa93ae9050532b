/** The plan each member follows on their own, on PostgreSQL (../member-plans.ts is the SQLite twin). */
import { eq } from "drizzle-orm";
import type { MemberPlan, MemberPlanRepo } from "../../bot/ports.js";
import type { PgDb } from "./db.js";
import { memberPlans } from "./schema.js";

const toPlan = (r: typeof memberPlans.$inferSelect): MemberPlan => ({
  memberId: r.memberId, spaceId: r.spaceId, planId: r.planId, startDate: r.startDate,
  skipped: r.skipped, pausedOn: r.pausedOn, pausedDays: r.pausedDays,
});

export function createPgMemberPlanRepo(db: PgDb): MemberPlanRepo {
  return {
    async get(memberId) {
      const [row] = await db.select().from(memberPlans).where(eq(memberPlans.memberId, memberId));
      return row && toPlan(row);
    },
    async save(plan) {
      const { memberId, ...rest } = toPlan(plan as typeof memberPlans.$inferSelect);
      await db.insert(memberPlans).values({ memberId, ...rest }).onConflictDoUpdate({ target: memberPlans.memberId, set: rest });
    },
    async clear(memberId) {
      const r = await db.delete(memberPlans).where(eq(memberPlans.memberId, memberId));
      return (r.rowCount ?? 0) > 0;
    },
  };
}
