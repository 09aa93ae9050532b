/** The exactly-once record of daily posts. */

export type ClaimResult = { status: "claimed" } | { status: "done" } | { status: "busy" };

/** A daily post's key: one subscription's post on one local date. */
export interface DeliverySlot { subscriptionId: number; localDate: string }
/** A slot as one string, for sets of slots (`DeliveryRepo.recordedAmong`). */
export const deliverySlotKey = (s: DeliverySlot) => `${s.subscriptionId}|${s.localDate}`;

/** The exactly-once record of daily posts: one row per (subscription, local date). */
export interface DeliveryRepo {
  /**
   * Claims the day's post. "claimed": this caller posts. "done": it was posted, missed or failed
   * already. "busy": another worker holds a claim no older than `leaseMs` (retry later); an older one
   * (a worker that died mid-post) is taken over.
   */
  claim(input: { spaceId: string; subscriptionId: number; localDate: string; slotAt: Date; at: Date; leaseMs: number }): Promise<ClaimResult>;
  /** Gives a claim back after a failed post, so the retry may claim at once. */
  release(slot: DeliverySlot): Promise<void>;
  markPosted(slot: DeliverySlot, messageRef: string): Promise<void>;
  markFailed(slot: DeliverySlot, error: string): Promise<void>;
  recordMissed(input: { spaceId: string; subscriptionId: number; localDate: string; slotAt: Date; at: Date }): Promise<void>;
  /** Which of these slots have a row already (as `deliverySlotKey`s), for a boot's catch-up. */
  recordedAmong(slots: readonly DeliverySlot[]): Promise<ReadonlySet<string>>;
}
