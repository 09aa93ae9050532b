/**
 * `me export` / `me delete` over every table of the schema, found generically: a table belongs in
 * here when it has a column that identifies a member, so a table added later is covered without a
 * change here (its column names must follow the conventions below; the integration test checks).
 *
 * Identifying columns: integer member ids (MEMBER_ID_COLUMNS, and members.id) and text platform
 * user ids (USER_ID_COLUMNS), the latter only within the member's space: the same person in another
 * guild or workspace is another member and keeps their data.
 *
 * Erasing deletes every matching row, children before parents (foreign keys are on), in one
 * transaction. A few rows are shared with others and outlive the member; only the reference goes:
 * - mock_sessions.partner_id: the partner's own interview stays theirs → NULL.
 * - subscriptions.created_by: a channel's schedule is the space's (an admin action) → "deleted-member".
 * - rounds.started_by: others' answers hang off the round → 0 (ids start at 1, so 0 is nobody).
 * - role_rewards.created_by: a reward is the space's (an admin action) → "deleted-member".
 * - groups.created_by: passes to the longest-standing other member; a group left empty is deleted.
 * - slack_installations.installed_by: the workspace keeps the app its member installed → NULL.
 *
 * Credentials in an exported row (SECRET_COLUMN: a Slack installation's bot token) are redacted:
 * an export is a file anyone it is forwarded to can read, and the token speaks for the workspace.
 */
import { and, asc, eq, getTableColumns, is, ne, or, type SQL } from "drizzle-orm";
import { getTableConfig, SQLiteTable, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Member, MemberDataRepo } from "../bot/ports.js";
import { scrubWal, type Db } from "./db.js";
import * as schema from "./schema.js";
import { memberCacheKey, type MemberCache } from "./spaces.js";

/** Integer columns that hold a member id. */
export const MEMBER_ID_COLUMNS: ReadonlySet<string> = new Set(["member_id", "partner_id", "rater_id", "ratee_id", "created_by", "started_by"]);
/** Text columns that hold a platform user id (read with the row's space_id). */
export const USER_ID_COLUMNS: ReadonlySet<string> = new Set(["platform_user_id", "user_id", "created_by", "installed_by"]);
/** Columns never exported as they are (`bot_token`, a future `refresh_token` or `client_secret`). */
export const SECRET_COLUMN = /(^|_)(token|secret)$/;
export const REDACTED = "(redacted)";

export const DELETED_MEMBER = "deleted-member";
/** What a shared row's reference becomes ("table.column" → value); groups.created_by is handled apart. */
export const UNLINK: Readonly<Record<string, null | number | string>> = {
  "mock_sessions.partner_id": null,
  "mock_bookings.partner_id": null,
  "subscriptions.created_by": DELETED_MEMBER,
  "rounds.started_by": 0,
  // A role reward is the space's (an admin action): it stays; only the admin to tell goes.
  "role_rewards.created_by": DELETED_MEMBER,
  // The installation serves the whole workspace: it stays; only who installed it goes.
  "slack_installations.installed_by": null,
};
export const GROUP_OWNER = "groups.created_by";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
interface Ident { column: SQLiteColumn; key: string; name: string; kind: "member" | "user" }
interface TableInfo { table: SQLiteTable; name: string; idents: Ident[]; spaceId?: SQLiteColumn; secrets: string[] }

export const schemaTables = (): SQLiteTable[] => (Object.values(schema) as unknown[]).filter((x): x is SQLiteTable => is(x, SQLiteTable));

function tableInfo(table: SQLiteTable): TableInfo {
  const { name } = getTableConfig(table);
  const columns = Object.entries(getTableColumns(table)) as Array<[string, SQLiteColumn]>;
  const idents: Ident[] = [];
  for (const [key, column] of columns) {
    const isMemberId = column.dataType === "number" && (MEMBER_ID_COLUMNS.has(column.name) || (name === "members" && column.name === "id"));
    const isUserId = column.dataType === "string" && USER_ID_COLUMNS.has(column.name);
    if (isMemberId || isUserId) idents.push({ column, key, name: `${name}.${column.name}`, kind: isMemberId ? "member" : "user" });
  }
  const spaceId = columns.find(([, c]) => c.name === "space_id")?.[1];
  const secrets = columns.filter(([, c]) => SECRET_COLUMN.test(c.name)).map(([key]) => key);
  return { table, name, idents, secrets, ...(spaceId ? { spaceId } : {}) };
}

/** Tables in an order where each comes before the tables it references (children first). */
function childrenFirst(tables: SQLiteTable[]): SQLiteTable[] {
  const parents = new Map(tables.map((t) => [t, new Set(getTableConfig(t).foreignKeys.map((fk) => fk.reference().foreignTable).filter((p) => p !== t))]));
  const left = new Set(tables);
  const out: SQLiteTable[] = [];
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

/** The row with its credentials replaced (`secrets`: the row's keys of SECRET_COLUMN columns). */
export function redacted(row: Record<string, unknown>, secrets: readonly string[]): Record<string, unknown> {
  return secrets.length ? { ...row, ...Object.fromEntries(secrets.map((k) => [k, REDACTED])) } : row;
}

/** Stored replies may carry attachments (charts, earlier exports): left out, or each export would nest the last. */
function withoutFileData(row: Record<string, unknown>): Record<string, unknown> {
  const reply = row.reply as { files?: Array<{ data: string }> } | undefined;
  if (!reply?.files) return row;
  return { ...row, reply: { ...reply, files: reply.files.map((f) => ({ ...f, data: `(${f.data.length} base64 characters left out)` })) } };
}

export function createMemberDataRepo(db: Db, cache: MemberCache): MemberDataRepo {
  const tables = childrenFirst(schemaTables()).map(tableInfo).filter((t) => t.idents.length > 0);

  function eraseIn(tx: Tx, m: Member): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const info of tables) {
      const unlinked = info.idents.filter((i) => i.name in UNLINK || i.name === GROUP_OWNER);
      const owned = info.idents.filter((i) => !unlinked.includes(i));
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
        if (rows.length) out[info.name] = rows.map((r) => redacted(info.name === "processed_events" ? withoutFileData(r) : r, info.secrets));
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
