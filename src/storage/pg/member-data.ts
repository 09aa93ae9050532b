/**
 * `me export` / `me delete` on PostgreSQL (../member-data.ts is the SQLite twin; ../member-tables.ts
 * describes the tables and rules for both): erased children first in one transaction, shared rows
 * unlinked. Unlike SQLite's secure_delete + WAL scrub, PostgreSQL leaves dead tuples until VACUUM
 * reclaims them (autovacuum, or a VACUUM after erasing).
 */
import { and, asc, eq, is, ne, or } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import type { Member, MemberDataRepo } from "../../bot/ports.js";
// The same description as SQLite, shared: a table added to both schemas is erased the same way on both.
import { exported, GROUP_OWNER, matches, memberTables, splitIdents, UNLINK } from "../member-tables.js";
import { memberCacheKey, type MemberCache } from "../spaces.js";
import type { PgDb } from "./db.js";
import * as schema from "./schema.js";
import type { PgTx } from "./tx.js";

export const pgSchemaTables = (): PgTable[] => (Object.values(schema) as unknown[]).filter((x): x is PgTable => is(x, PgTable));

export function createPgMemberDataRepo(db: PgDb, cache: MemberCache): MemberDataRepo {
  const tables = memberTables(pgSchemaTables(), getTableConfig);

  async function eraseIn(tx: PgTx, m: Member): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const info of tables) {
      const { unlinked, owned } = splitIdents(info);
      let n = owned.length ? ((await tx.delete(info.table).where(or(...owned.map((i) => matches(info, i, m))))).rowCount ?? 0) : 0;
      for (const i of unlinked) {
        n += i.name === GROUP_OWNER ? await handOverGroups(tx, m)
          : ((await tx.update(info.table).set({ [i.key]: UNLINK[i.name] }).where(matches(info, i, m))).rowCount ?? 0);
      }
      if (n > 0) counts[info.name] = n;
    }
    return counts;
  }

  async function handOverGroups(tx: PgTx, m: Member): Promise<number> {
    const { groups, groupMembers } = schema;
    let n = 0;
    for (const g of await tx.select({ id: groups.id }).from(groups).where(eq(groups.createdBy, m.id))) {
      const [heir] = await tx.select({ memberId: groupMembers.memberId }).from(groupMembers)
        .where(and(eq(groupMembers.groupId, g.id), ne(groupMembers.memberId, m.id)))
        .orderBy(asc(groupMembers.joinedAt), asc(groupMembers.memberId)).limit(1);
      const r = heir
        ? await tx.update(groups).set({ createdBy: heir.memberId }).where(eq(groups.id, g.id))
        : await tx.delete(groups).where(eq(groups.id, g.id));
      n += r.rowCount ?? 0;
    }
    return n;
  }

  return {
    async export(m) {
      const out: Record<string, unknown[]> = {};
      for (const info of [...tables].reverse()) {
        const rows = (await db.select().from(info.table).where(or(...info.idents.map((i) => matches(info, i, m))))) as Array<Record<string, unknown>>;
        if (rows.length) out[info.name] = exported(info, rows);
      }
      return out;
    },
    async erase(m) {
      const counts = await db.transaction((tx) => eraseIn(tx, m));
      cache.delete(memberCacheKey(m.spaceId, m.platformUserId));
      return counts;
    },
  };
}
