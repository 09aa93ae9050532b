/** Spaces' own question banks: one `space_banks` row per space, its items in `bank_items`. */
import { and, asc, eq, sql } from "drizzle-orm";
import type { BankRepo, StoredBank } from "../bot/ports.js";
import type { BankItem } from "../curriculum/bank-schema.js";
import type { Db } from "./db.js";
import { bankItems, spaceBanks } from "./schema.js";

export function createBankRepo(db: Db): BankRepo {
  /** The space's row, made if missing, with its version bumped: every write goes through here. */
  const bump = (spaceId: string, set: Partial<typeof spaceBanks.$inferInsert> = {}) =>
    db.insert(spaceBanks).values({ spaceId, ...set, version: 1 })
      .onConflictDoUpdate({ target: spaceBanks.spaceId, set: { ...set, version: sql`${spaceBanks.version} + 1` } }).run();
  const row = (spaceId: string) => db.select().from(spaceBanks).where(eq(spaceBanks.spaceId, spaceId)).get();
  // Read on every event (the space's curriculum cache checks it): prepared once, as the answer's
  // statements are; building the query each time cost ~25 KB of garbage and tens of µs an event.
  const versionOf = db.select({ version: spaceBanks.version }).from(spaceBanks).where(eq(spaceBanks.spaceId, sql.placeholder("spaceId"))).prepare();

  return {
    async replace(spaceId, bank) {
      db.transaction((tx) => {
        tx.delete(bankItems).where(eq(bankItems.spaceId, spaceId)).run();
        if (bank.items.length) {
          tx.insert(bankItems).values(bank.items.map((it, position) => ({
            spaceId, position, kind: it.kind, localId: it.id, line: it.line, item: JSON.stringify(it.item), raw: JSON.stringify(it.raw),
          }))).run();
        }
        tx.insert(spaceBanks).values({ spaceId, format: bank.format, fileName: bank.fileName, importedAt: bank.importedAt, version: 1 })
          .onConflictDoUpdate({ target: spaceBanks.spaceId, set: {
            format: bank.format, fileName: bank.fileName, importedAt: bank.importedAt, version: sql`${spaceBanks.version} + 1`,
          } }).run();
      });
    },
    async get(spaceId) {
      const head = row(spaceId);
      const items = db.select().from(bankItems).where(eq(bankItems.spaceId, spaceId)).orderBy(asc(bankItems.position)).all();
      if (!head?.format || !items.length) return undefined;
      return {
        format: head.format, fileName: head.fileName ?? "bank", importedAt: head.importedAt ?? new Date(0),
        items: items.map((r) => ({ kind: r.kind, id: r.localId, line: r.line, item: JSON.parse(r.item), raw: JSON.parse(r.raw) }) as BankItem),
      } satisfies StoredBank;
    },
    async remove(spaceId, id) {
      return db.transaction((tx) => {
        const where = id === undefined ? eq(bankItems.spaceId, spaceId) : and(eq(bankItems.spaceId, spaceId), eq(bankItems.localId, id));
        const removed = tx.delete(bankItems).where(where).run().changes;
        if (removed) {
          tx.insert(spaceBanks).values({ spaceId, version: 1 })
            .onConflictDoUpdate({ target: spaceBanks.spaceId, set: { version: sql`${spaceBanks.version} + 1` } }).run();
        }
        return removed;
      });
    },
    async setTopicOff(spaceId, topicId, off) {
      db.transaction(() => {
        const current = new Set<string>(JSON.parse(row(spaceId)?.disabledTopics ?? "[]"));
        if (off) current.add(topicId);
        else current.delete(topicId);
        bump(spaceId, { disabledTopics: JSON.stringify([...current].sort()) });
      });
    },
    async disabledTopics(spaceId) {
      return JSON.parse(row(spaceId)?.disabledTopics ?? "[]") as string[];
    },
    async version(spaceId) {
      return versionOf.get({ spaceId })?.version ?? 0;
    },
  };
}
