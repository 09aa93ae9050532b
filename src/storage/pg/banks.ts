/**
 * Spaces' own question banks on PostgreSQL (../banks.ts is the SQLite twin): one `space_banks`
 * row per space, its items in `bank_items`. Every write first upserts (or locks) the space's row:
 * that row lock queues two hosts changing the same space's bank, so a replace never meets the
 * other's half-written items and every change moves the version exactly once.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { BankRepo, StoredBank } from "../../bot/ports.js";
import type { BankItem } from "../../curriculum/bank-schema.js";
import type { PgDb } from "./db.js";
import { bankItems, spaceBanks } from "./schema.js";
import type { Q } from "./tx.js";

type BankHead = Partial<Pick<typeof spaceBanks.$inferInsert, "format" | "fileName" | "importedAt" | "disabledTopics">>;

/** The space's row, made if missing, with its version bumped (and locked to the end of the transaction). */
async function bump(q: Q, spaceId: string, set: BankHead = {}): Promise<void> {
  await q.insert(spaceBanks).values({ spaceId, ...set, version: 1 })
    .onConflictDoUpdate({ target: spaceBanks.spaceId, set: { ...set, version: sql`${spaceBanks.version} + 1` } });
}

async function head(q: Q, spaceId: string, lock = false) {
  const select = q.select().from(spaceBanks).where(eq(spaceBanks.spaceId, spaceId));
  const [row] = lock ? await select.for("update") : await select;
  return row;
}

export function createPgBankRepo(db: PgDb): BankRepo {
  return {
    async replace(spaceId, bank) {
      await db.transaction(async (tx) => {
        await bump(tx, spaceId, { format: bank.format, fileName: bank.fileName, importedAt: bank.importedAt });
        await tx.delete(bankItems).where(eq(bankItems.spaceId, spaceId));
        if (bank.items.length) {
          await tx.insert(bankItems).values(bank.items.map((it, position) => ({
            spaceId, position, kind: it.kind, localId: it.id, line: it.line, item: it.item, raw: it.raw,
          })));
        }
      });
    },
    async get(spaceId) {
      // One snapshot for the head and its items: a replace committing in between cannot mix two files.
      return db.transaction(async (tx) => {
        const h = await head(tx, spaceId);
        const items = await tx.select().from(bankItems).where(eq(bankItems.spaceId, spaceId)).orderBy(asc(bankItems.position));
        if (!h?.format || !items.length) return undefined;
        return {
          format: h.format, fileName: h.fileName ?? "bank", importedAt: h.importedAt ?? new Date(0),
          items: items.map((r) => ({ kind: r.kind, id: r.localId, line: r.line, item: r.item, raw: r.raw }) as BankItem),
        } satisfies StoredBank;
      }, { isolationLevel: "repeatable read", accessMode: "read only" });
    },
    async remove(spaceId, id) {
      return db.transaction(async (tx) => {
        // No row, no items (a replace makes the row first): nothing to remove.
        if (!(await head(tx, spaceId, true))) return 0;
        const where = id === undefined ? eq(bankItems.spaceId, spaceId) : and(eq(bankItems.spaceId, spaceId), eq(bankItems.localId, id));
        const removed = (await tx.delete(bankItems).where(where)).rowCount ?? 0;
        if (removed) await bump(tx, spaceId);
        return removed;
      });
    },
    async setTopicOff(spaceId, topicId, off) {
      await db.transaction(async (tx) => {
        await tx.insert(spaceBanks).values({ spaceId }).onConflictDoNothing();
        const current = new Set((await head(tx, spaceId, true))?.disabledTopics ?? []);
        if (off) current.add(topicId);
        else current.delete(topicId);
        await bump(tx, spaceId, { disabledTopics: [...current].sort() });
      });
    },
    async disabledTopics(spaceId) {
      return (await head(db, spaceId))?.disabledTopics ?? [];
    },
    async version(spaceId) {
      return (await head(db, spaceId))?.version ?? 0;
    },
  };
}
