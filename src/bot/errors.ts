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
