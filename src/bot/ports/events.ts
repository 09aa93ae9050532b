/** The record of handled events (a redelivery is answered, not redone). */
import type { Reply } from "../reply.js";

/** Stored as it is by the EventLog and the ActivityRepo: storage reads the type from here. */
export type { Reply };

/** Remembers the reply given to each event key, so a redelivered event is answered, not redone. */
export interface EventLog {
  find(spaceId: string, key: string): Promise<Reply | undefined>;
  /** Saves unless the key is already there; returns the reply that is stored. `userId`: whose reply (for `me delete`). */
  save(spaceId: string, key: string, reply: Reply, userId?: string): Promise<Reply>;
  /**
   * Removes records saved before `at`; returns how many. A platform redelivers an event within
   * minutes (Slack's retries, a Discord interaction's 15-minute token), so old ones serve nothing
   * and only hold replies (files included).
   */
  pruneBefore(at: Date): Promise<number>;
}
