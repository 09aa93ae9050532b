import type { UserErrorId } from "./messages.js";

/** An expected outcome the user should read ("no such topic"); its text lives in messages.ts. */
export class UserError extends Error {
  override readonly name = "UserError";
  constructor(readonly id: UserErrorId, readonly params: Readonly<Record<string, string | number>> = {}) {
    super(id);
  }
}

/** Anything else: logged with a reference; the user sees only the reference. */
export class InternalError extends Error {
  override readonly name = "InternalError";
  constructor(readonly code: string, message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** The platform said "slow down": retry after `retryAfterMs`, counted from now. */
export class RateLimitedError extends Error {
  override readonly name = "RateLimitedError";
  constructor(readonly retryAfterMs: number, readonly scope: string, options?: ErrorOptions) {
    super(`rate limited (${scope}); retry after ${retryAfterMs} ms`, options);
  }
}

/** Retrying cannot help (channel deleted, bot removed): pause what depends on it. */
export class PermanentDeliveryError extends Error {
  override readonly name = "PermanentDeliveryError";
  constructor(readonly reason: string, options?: ErrorOptions) {
    super(reason, options);
  }
}
