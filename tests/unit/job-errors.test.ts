/** The one mapping from the core's delivery errors to BullMQ's, shared by every worker. */
import { DelayedError, RateLimitError, UnrecoverableError } from "bullmq";
import { describe, expect, it } from "vitest";
import { PermanentDeliveryError, RateLimitedError } from "../../src/bot/errors.js";
import { asJobError } from "../../src/jobs/job-errors.js";

/** Records the waits a worker asks of its queue (the real one needs Redis: see tests/integration). */
const queue = () => {
  const waits: number[] = [];
  return { waits, rateLimit: async (ms: number) => void waits.push(ms) };
};

describe("asJobError", () => {
  it("a permanent delivery error becomes UnrecoverableError with its reason, and the queue does not wait", async () => {
    const q = queue();
    const err = await asJobError(new PermanentDeliveryError("channel not found (Discord 10003)"), q);
    expect(err).toBeInstanceOf(UnrecoverableError);
    expect((err as Error).message).toBe("channel not found (Discord 10003)");
    expect(q.waits).toEqual([]);
  });

  it("a 429 waits the queue out for the time given and becomes BullMQ's RateLimitError", async () => {
    const q = queue();
    expect(await asJobError(new RateLimitedError(1_500, "channel"), q)).toBeInstanceOf(RateLimitError);
    expect(q.waits).toEqual([1_500]);
  });

  it("anything else, and BullMQ's own errors, pass on unchanged to be retried or handled by BullMQ", async () => {
    const q = queue();
    for (const err of [new Error("500 Internal Server Error"), new DelayedError(), new UnrecoverableError("gone")]) {
      expect(await asJobError(err, q)).toBe(err);
    }
    expect(q.waits).toEqual([]);
  });
});
