/**
 * `me export` / `me delete` on SQLite: the tables, identifying columns and rules are described once
 * for both dialects in member-tables.ts (pg/member-data.ts is the PostgreSQL twin). Erasing runs in
 * one immediate transaction, then scrubs the WAL so erased rows leave no copy behind.
 */
import { and, asc, eq, is, ne, or } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Member, MemberDataRepo } from "../bot/ports.js";
import { scrubWal, type Db } from "./db.js";
import { exported, GROUP_OWNER, matches, memberTables, splitIdents, UNLINK } from "./member-tables.js";
import * as schema from "./schema.js";
import { memberCacheKey, type MemberCache } from "./spaces.js";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export const schemaTables = (): SQLiteTable[] => (Object.values(schema) as unknown[]).filter((x): x is SQLiteTable => is(x, SQLiteTable));

export function createMemberDataRepo(db: Db, cache: MemberCache): MemberDataRepo {
  const tables = memberTables(schemaTables(), getTableConfig);

  function eraseIn(tx: Tx, m: Member): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const info of tables) {
      const { unlinked, owned } = splitIdents(info);
      let n = owned.length ? tx.delete(info.table).where(or(...owned.map((i) => matches(info, i, m)))).run().changes : 0;
      for (const i of unlinked) {
        n += i.name === GROUP_OWNER ? handOverGroups(tx, m) : tx.update(info.table).set({ [i.key]: UNLINK[i.name] }).where(matches(info, i, m)).run().changes;
      }
      if (n > 0) counts[info.name] = n;
    }
    return counts;
  }

  /** Runs after group_members (a child): the member's own memberships are gone already. */
  function handOverGroups(tx: Tx, m: Member): number {
    const { groups, groupMembers } = schema;
    let n = 0;
    for (const g of tx.select({ id: groups.id }).from(groups).where(eq(groups.createdBy, m.id)).all()) {
      const heir = tx.select({ memberId: groupMembers.memberId }).from(groupMembers)
        .where(and(eq(groupMembers.groupId, g.id), ne(groupMembers.memberId, m.id)))
        .orderBy(asc(groupMembers.joinedAt), asc(groupMembers.memberId)).limit(1).get();
      n += heir
        ? tx.update(groups).set({ createdBy: heir.memberId }).where(eq(groups.id, g.id)).run().changes
        : tx.delete(groups).where(eq(groups.id, g.id)).run().changes;
    }
    return n;
  }

  return {
    async export(m) {
      const out: Record<string, unknown[]> = {};
      // Parents first reads more naturally (the member row, then what hangs off it).
      for (const info of [...tables].reverse()) {
        const rows = db.select().from(info.table).where(or(...info.idents.map((i) => matches(info, i, m)))).all() as Array<Record<string, unknown>>;
        if (rows.length) out[info.name] = exported(info, rows);
      }
      return out;
    },
    async erase(m) {
      const counts = db.transaction((tx) => eraseIn(tx, m), { behavior: "immediate" });
      scrubWal(db);
      // The cached member would hand out a deleted id (a foreign-key failure on the next answer).
      cache.delete(memberCacheKey(m.spaceId, m.platformUserId));
      return counts;
    },
  };
}
