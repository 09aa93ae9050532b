/** The in-memory MemberPlanRepo: one plan per member, copied in and out as the SQLite rows are. */
import type { MemberPlan, MemberPlanRepo } from "../../src/bot/ports.js";

export function createMemoryMemberPlanRepo(): MemberPlanRepo {
  const rows = new Map<number, MemberPlan>();
  return {
    async get(memberId) { const p = rows.get(memberId); return p && { ...p }; },
    async save(plan) { rows.set(plan.memberId, { ...plan }); },
    async clear(memberId) { return rows.delete(memberId); },
  };
}
