/**
 * The one place the core's delivery errors become BullMQ's, for every worker: a 429 waits the
 * queue out without using an attempt, a permanent failure (channel gone, bot removed) is not
 * retried, anything else is retried with the job's backoff.
 */
import { DelayedError, RateLimitError, UnrecoverableError, type Queue } from "bullmq";
import { PermanentDeliveryError, RateLimitedError } from "../bot/errors.js";

/** What a worker throws for `err`; rate limits the queue first when the platform asked to wait. */
export async function asJobError(err: unknown, queue: Pick<Queue, "rateLimit">): Promise<unknown> {
  // Already BullMQ's word on the job (moved to delayed, given up): passed on as it is.
  if (err instanceof DelayedError || err instanceof UnrecoverableError || err instanceof RateLimitError) return err;
  if (err instanceof RateLimitedError) {
    // BullMQ's own mechanism: the queue waits, the job goes back to waiting without using an attempt.
    await queue.rateLimit(err.retryAfterMs);
    return new RateLimitError();
  }
  if (err instanceof PermanentDeliveryError) return new UnrecoverableError(err.reason);
  return err;
}
