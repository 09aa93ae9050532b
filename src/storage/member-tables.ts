/**
 * What names a member, for `me export` / `me delete` on both dialects (member-data.ts on SQLite,
 * pg/member-data.ts on PostgreSQL): one description, so a table added to both schemas is found,
 * exported and erased the same way on both. Tables are found generically: a table belongs in here
 * when it has a column that identifies a member, so a table added later is covered without a
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
import { and, eq, getTableColumns, type Column, type SQL, type Table } from "drizzle-orm";
import type { Member } from "../bot/ports.js";

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

export interface Ident { column: Column; key: string; name: string; kind: "member" | "user" }
export interface TableInfo<T extends Table> { table: T; name: string; idents: Ident[]; spaceId?: Column; secrets: string[] }
/** The part of a dialect's getTableConfig read here. */
interface TableConfig { name: string; foreignKeys: ReadonlyArray<{ reference(): { foreignTable: Table } }> }

/**
 * The tables of `tables` that name a member, each before the tables it references (children
 * first, the order of an erase). `config` is the dialect's getTableConfig.
 */
export function memberTables<T extends Table>(tables: T[], config: (table: T) => TableConfig): TableInfo<T>[] {
  return childrenFirst(tables, config).map((t) => tableInfo(t, config(t).name)).filter((t) => t.idents.length > 0);
}

function tableInfo<T extends Table>(table: T, name: string): TableInfo<T> {
  const columns = Object.entries(getTableColumns(table)) as Array<[string, Column]>;
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
function childrenFirst<T extends Table>(tables: T[], config: (table: T) => TableConfig): T[] {
  const parents = new Map(tables.map((t) => [t, new Set<Table>(config(t).foreignKeys.map((fk) => fk.reference().foreignTable).filter((p) => p !== t))]));
  const left = new Set(tables);
  const out: T[] = [];
  while (left.size) {
    const next = [...left].find((t) => ![...left].some((o) => parents.get(o)!.has(t)));
    if (!next) throw new Error("foreign keys form a cycle; cannot order the erase");
    out.push(next);
    left.delete(next);
  }
  return out;
}

/** The rows of `info` that `ident` ties to the member (a user id only within the member's space). */
export function matches(info: TableInfo<Table>, ident: Ident, m: Member): SQL {
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

/** A table's rows as `me export` shows them: credentials redacted, stored replies without their files. */
export const exported = (info: TableInfo<Table>, rows: Array<Record<string, unknown>>): Array<Record<string, unknown>> =>
  rows.map((r) => redacted(info.name === "processed_events" ? withoutFileData(r) : r, info.secrets));

/** The idents of `info` whose rows outlive the member (only the reference goes), and those erased with it. */
export function splitIdents(info: TableInfo<Table>): { unlinked: Ident[]; owned: Ident[] } {
  const unlinked = info.idents.filter((i) => i.name in UNLINK || i.name === GROUP_OWNER);
  return { unlinked, owned: info.idents.filter((i) => !unlinked.includes(i)) };
}
