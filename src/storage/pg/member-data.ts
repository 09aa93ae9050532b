/**
 * `me export` / `me delete` on PostgreSQL (../member-data.ts is the SQLite twin and explains the
 * rules): every table with a member-identifying column, found from the schema; erased children
 * first in one transaction, shared rows unlinked. Unlike SQLite's secure_delete + WAL scrub,
 * PostgreSQL leaves dead tuples until VACUUM reclaims them (autovacuum, or a VACUUM after erasing).
 */
import { and, asc, eq, getTableColumns, is, ne, or, type SQL } from "drizzle-orm";
import { getTableConfig, PgTable, type PgColumn } from "drizzle-orm/pg-core";
import type { Member, MemberDataRepo } from "../../bot/ports.js";
import { DELETED_MEMBER, MEMBER_ID_COLUMNS, USER_ID_COLUMNS } from "../member-data.js";
import { memberCacheKey, type MemberCache } from "../spaces.js";
import type { PgDb } from "./db.js";
import * as schema from "./schema.js";
import type { PgTx } from "./tx.js";

const UNLINK: Readonly<Record<string, null | number | string>> = {
  "mock_sessions.partner_id": null,
  "subscriptions.created_by": DELETED_MEMBER,
  "rounds.started_by": 0,
};
const GROUP_OWNER = "groups.created_by";

interface Ident { column: PgColumn; key: string; name: string; kind: "member" | "user" }
interface TableInfo { table: PgTable; name: string; idents: Ident[]; spaceId?: PgColumn }

export const pgSchemaTables = (): PgTable[] => (Object.values(schema) as unknown[]).filter((x): x is PgTable => is(x, PgTable));

function tableInfo(table: PgTable): TableInfo {
  const { name } = getTableConfig(table);
  const columns = Object.entries(getTableColumns(table)) as Array<[string, PgColumn]>;
  const idents: Ident[] = [];
  for (const [key, column] of columns) {
    const isMemberId = column.dataType === "number" && (MEMBER_ID_COLUMNS.has(column.name) || (name === "members" && column.name === "id"));
    const isUserId = column.dataType === "string" && USER_ID_COLUMNS.has(column.name);
    if (isMemberId || isUserId) idents.push({ column, key, name: `${name}.${column.name}`, kind: isMemberId ? "member" : "user" });
  }
  const spaceId = columns.find(([, c]) => c.name === "space_id")?.[1];
  return { table, name, idents, ...(spaceId ? { spaceId } : {}) };
}

function childrenFirst(tables: PgTable[]): PgTable[] {
  const parents = new Map(tables.map((t) => [t, new Set(getTableConfig(t).foreignKeys.map((fk) => fk.reference().foreignTable).filter((p) => p !== t))]));
  const left = new Set(tables);
  const out: PgTable[] = [];
  while (left.size) {
    const next = [...left].find((t) => ![...left].some((o) => parents.get(o)!.has(t)));
    if (!next) throw new Error("foreign keys form a cycle; cannot order the erase");
    out.push(next);
    left.delete(next);
  }
  return out;
}

function matches(info: TableInfo, ident: Ident, m: Member): SQL {
  if (ident.kind === "member") return eq(ident.column, m.id);
  if (!info.spaceId) throw new Error(`${ident.name} holds a user id but ${info.name} has no space_id`);
  return and(eq(info.spaceId, m.spaceId), eq(ident.column, m.platformUserId))!;
}

function withoutFileData(row: Record<string, unknown>): Record<string, unknown> {
  const reply = row.reply as { files?: Array<{ data: string }> } | undefined;
  if (!reply?.files) return row;
  return { ...row, reply: { ...reply, files: reply.files.map((f) => ({ ...f, data: `(${f.data.length} base64 characters left out)` })) } };
}

export function createPgMemberDataRepo(db: PgDb, cache: MemberCache): MemberDataRepo {
  const tables = childrenFirst(pgSchemaTables()).map(tableInfo).filter((t) => t.idents.length > 0);

  async function eraseIn(tx: PgTx, m: Member): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const info of tables) {
      const unlinked = info.idents.filter((i) => i.name in UNLINK || i.name === GROUP_OWNER);
      const owned = info.idents.filter((i) => !unlinked.includes(i));
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
        if (rows.length) out[info.name] = info.name === "processed_events" ? rows.map(withoutFileData) : rows;
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
