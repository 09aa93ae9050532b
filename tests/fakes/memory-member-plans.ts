/** The in-memory MemberPlanRepo: one plan per member, copied in and out as the SQLite rows are. */
import type { MemberPlan, MemberPlanRepo } from "../../src/bot/ports.js";
import { nonEmpty, type MemberTables } from "./memory-member-tables.js";

export function createMemoryMemberPlanRepo(): MemberPlanRepo & { memberTables: MemberTables } {
  const rows = new Map<number, MemberPlan>();
  return {
    async get(memberId) { const p = rows.get(memberId); return p && { ...p }; },
    async save(plan) { rows.set(plan.memberId, { ...plan }); },
    async clear(memberId) { return rows.delete(memberId); },
    memberTables: {
      rowsOf: (m) => nonEmpty({ member_plans: [...rows.values()].filter((p) => p.memberId === m.id).map((p) => ({ ...p })) }),
      erase: (m) => nonEmpty({ member_plans: rows.delete(m.id) ? 1 : 0 }),
    },
  };
}
