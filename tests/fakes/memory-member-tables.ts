/**
 * A twin's share of `me export` / `me delete` (memory-member-data.ts): the rows of the tables it
 * holds that name a member, by SQLite table name, and erasing them as src/storage/member-tables.ts describes
 * does (shared rows lose only the reference). Counts per table, tables with none left out.
 */
import type { Member } from "../../src/bot/ports.js";

export interface MemberTables {
  rowsOf(m: Member): Record<string, unknown[]>;
  erase(m: Member): Record<string, number>;
}

/** Drops the tables with no rows (or a count of 0), as the SQLite repo reports them. */
export const nonEmpty = <T extends unknown[] | number>(byTable: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(byTable).filter(([, v]) => (typeof v === "number" ? v > 0 : v.length > 0)));
