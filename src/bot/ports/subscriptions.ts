/** Daily-post subscriptions of channels. */

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Subscription {
  id: number; spaceId: string; channelId: string;
  time: string; timezone: string; days: Weekday[]; planId: string | null; startDate: string;
  isPaused: boolean; pausedReason: string | null; createdBy: string; updatedAt: Date;
}

export type SubscriptionInput = Omit<Subscription, "id" | "isPaused" | "pausedReason">;

export interface SubscriptionRepo {
  get(spaceId: string, channelId: string): Promise<Subscription | undefined>;
  byId(id: number): Promise<Subscription | undefined>;
  /** Every subscription, paused ones included (reconciling removes their schedulers). */
  all(): Promise<Subscription[]>;
  upsert(sub: SubscriptionInput): Promise<Subscription>;
  setPaused(id: number, isPaused: boolean, reason: string | null, at: Date): Promise<Subscription>;
}
