/** A space's own question bank (issue 22) and the built-in topics it switched off. */
import type { BankFormat, BankItem } from "../../curriculum/bank-schema.js";

/** What one import stored: the items in file order, and the file they came from. */
export interface StoredBank {
  format: BankFormat;
  fileName: string;
  importedAt: Date;
  items: BankItem[];
}

export interface BankRepo {
  /** Replaces the space's whole bank with these items, in one commit. */
  replace(spaceId: string, bank: StoredBank): Promise<void>;
  /** The space's bank; undefined when it has no items. */
  get(spaceId: string): Promise<StoredBank | undefined>;
  /** Removes every item (`id` absent) or the items with that file id; how many went. */
  remove(spaceId: string, id?: string): Promise<number>;
  /** Switches a built-in topic off (or back on) for the space. */
  setTopicOff(spaceId: string, topicId: string, off: boolean): Promise<void>;
  /** The built-in topics switched off, sorted. */
  disabledTopics(spaceId: string): Promise<string[]>;
  /** Goes up on every change of the space's bank or topics: cached curricula compare it. */
  version(spaceId: string): Promise<number>;
}
