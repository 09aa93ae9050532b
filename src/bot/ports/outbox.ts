/** Posting without an incoming event (jobs and timers). */
import type { Reply } from "../reply.js";
import type { Mention, RoleCheck, RoleUse } from "./roles.js";

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
   * Posts a reply (PostOptions: an idempotency key, a role to mention). Throws RateLimitedError
   * or PermanentDeliveryError (errors.ts) so the jobs layer can wait or give up; anything else is retried with backoff.
   */
  post(target: PostTarget, reply: Reply, opts?: PostOptions): Promise<MessageRef>;
  /**
   * Takes the buttons of `actions` off the messages of a thread that carry them (a finished mock's
   * Next phase / End): nobody should be offered what no longer works. Optional: where buttons
   * are answered privately and stay harmless, a platform may leave them.
   */
  retire?(thread: PostTarget & { threadId: string }, actions: readonly string[]): Promise<void>;
  /**
   * Whether the bot can use a role of the space for `use` (issue 22), and if not, why. Optional:
   * a platform without roles is treated as `unsupported`.
   */
  checkRole?(spaceId: string, roleId: string, use: RoleUse): Promise<RoleCheck>;
  /**
   * Gives the member the role (`hold` true) or takes it away; repeating either changes nothing.
   * Throws PermanentDeliveryError when the platform refuses for good (permission, role gone).
   */
  setMemberRole?(spaceId: string, userId: string, roleId: string, hold: boolean): Promise<void>;
}

export interface PostOptions {
  /** Lets platforms that support it (Discord's enforced nonce) drop a repeat of the same post. */
  idempotencyKey?: string;
  /** Mention this role (and nobody else) with the post: the daily post's ping. */
  mention?: Mention;
}
