/** What a repo function runs its statements on: the pool, or the transaction it was called inside. */
import { eq, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { PgDb } from "./db.js";
import { members } from "./schema.js";

export type PgTx = Parameters<Parameters<PgDb["transaction"]>[0]>[0];
export type Q = PgDb | PgTx;

/**
 * Serialises one member's scored writes across processes: a row lock on the member, held to the
 * end of the transaction. The daily cap and the streak are read-modify-write over rows that may
 * not exist yet (the day's period total, a first streak), and FOR UPDATE on an absent row locks
 * nothing; the member row always exists. FOR NO KEY UPDATE, not FOR UPDATE: it does not block
 * other transactions inserting rows that reference the member (their foreign-key check takes KEY SHARE).
 * Chosen over SERIALIZABLE + retry because a retry would re-run the caller's streak and reply callbacks.
 */
export async function lockMember(q: Q, memberId: number): Promise<void> {
  await q.select({ id: members.id }).from(members).where(eq(members.id, memberId)).for("no key update");
}

/**
 * Names ordered by code point, as SQLite's BINARY collation does, whatever the database's locale
 * (en_US would put "bob" before "Carol"; SQLite puts "Carol" first): boards read the same on both stores.
 */
export const byName = (column: PgColumn) => sql`${column} collate "C"`;
