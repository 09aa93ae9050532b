/** Posting without an incoming event (jobs and timers). */
import type { Reply } from "../reply.js";

/** Where a proactive post goes. */
export interface PostTarget { spaceId: string; channelId: string; threadId?: string; userId?: string }
/** A platform message reference, stored so later jobs can edit or thread under it. */
export interface MessageRef { channelId: string; messageId: string; threadId?: string }

/** How jobs post without an incoming event (daily task, round results, reminders). */
export interface ThreadRef { channelId: string; threadId: string; messageId: string }

export interface Outbox {
  /**
   * Starts a thread with `first` as its opening message (Discord thread, Slack thread_ts, a
   * marked section on the console). Optional: a platform without threads posts in the channel.
   */
  openThread?(target: PostTarget, name: string, first: Reply): Promise<ThreadRef>;
  /**
   * Posts a reply. `idempotencyKey` lets platforms that support it (Discord's enforced nonce)
   * drop a repeat of the same post. Throws RateLimitedError or PermanentDeliveryError (errors.ts)
   * so the jobs layer can wait or give up; anything else is retried with backoff.
   */
  post(target: PostTarget, reply: Reply, opts?: { idempotencyKey?: string }): Promise<MessageRef>;
  /**
   * Takes the buttons of `actions` off the messages of a thread that carry them (a finished mock's
   * Next phase / End): nobody should be offered what no longer works. Optional: where buttons
   * are answered privately and stay harmless, a platform may leave them.
   */
  retire?(thread: PostTarget & { threadId: string }, actions: readonly string[]): Promise<void>;
}
