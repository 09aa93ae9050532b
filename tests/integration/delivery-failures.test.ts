/** Platform failures on the way out: 429s are waited out, 5xx retried, a gone channel pauses. */
import { afterEach, describe, expect, it } from "vitest";
import { PermanentDeliveryError, RateLimitedError } from "../../src/bot/errors.js";
import { createHarness, type Harness } from "./helpers/jobs-harness.js";

let h: Harness | undefined;
afterEach(async () => { await h?.close(); h = undefined; });

const MONDAY_0901_UTC = new Date("2026-11-23T09:01:00Z");

describe("delivery failures", () => {
  it("waits out a 429 for the given time, retries a 500 with backoff, and posts once", async () => {
    h = await createHarness();
    h.clock.current = MONDAY_0901_UTC;
    const subId = await h.addSubscription({});
    h.outbox.failWith = (attempt) =>
      attempt === 1 ? new RateLimitedError(1_500, "channel") : attempt === 2 ? new Error("500 Internal Server Error") : undefined;
    h.jobs.startWorkers();
    expect(await h.jobs.catchUp()).toBe(1);
    await h.waitFor(() => h!.outbox.posts.length === 1);
    const [first, second, third] = h.outbox.attempts;
    expect(h.outbox.attempts).toHaveLength(3);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1_450); // retry_after honoured
    expect(third!.at - second!.at).toBeGreaterThanOrEqual(1_900); // exponential backoff from 2 s
    expect(h.outbox.posts[0]!.key).toBe(`daily-${subId}-2026-11-23`);
    const row = h.db.$client.prepare("select status, message_ref from deliveries").get() as { status: string; message_ref: string };
    expect(row.status).toBe("posted");
    expect(JSON.parse(row.message_ref)).toEqual({ channelId: "ch1", messageId: "m1" });
    // Done is done: the same slot again posts nothing.
    expect(await h.jobs.catchUp()).toBe(0);
  });

  it("a removed channel pauses the subscription with the reason and stops retrying", async () => {
    h = await createHarness();
    h.clock.current = MONDAY_0901_UTC;
    const subId = await h.addSubscription({});
    h.outbox.failWith = () => new PermanentDeliveryError("channel not found (Discord 10003)");
    h.jobs.startWorkers();
    await h.jobs.catchUp();
    await h.waitFor(async () => (await h!.jobs.dailyQueue.getJobCounts("failed")).failed === 1);
    const sub = await h.repos.subscriptions.byId(subId);
    expect(sub).toMatchObject({ isPaused: true, pausedReason: "channel not found (Discord 10003)" });
    expect(h.outbox.attempts).toHaveLength(1);
    const [failed] = await h.jobs.dailyQueue.getFailed();
    expect(failed?.attemptsMade).toBe(1);
    expect(h.db.$client.prepare("select status, error from deliveries").get()).toEqual({ status: "failed", error: "channel not found (Discord 10003)" });
    // The paused subscription's scheduler is gone once the change is applied.
    await h.jobs.scheduler.subscriptionChanged(sub!);
    expect(await h.jobs.dailyQueue.getJobScheduler(`daily-${subId}`)).toBeUndefined();
  });

  it("a slot missed by more than the allowed lateness is recorded as missed, not posted", async () => {
    h = await createHarness({ maxLatenessMs: 3_600_000 });
    h.clock.current = new Date("2026-11-23T11:30:00Z"); // 2.5 h after 09:00 UTC
    const subId = await h.addSubscription({});
    h.jobs.startWorkers();
    expect(await h.jobs.catchUp()).toBe(0);
    // A scheduler job that arrives that late (Redis kept it while the bot was down) records the miss.
    await h.jobs.dailyQueue.add("daily-post", { subscriptionId: subId, slotAt: Date.parse("2026-11-23T09:00:00Z") });
    await h.waitFor(async () => (await h!.jobs.dailyQueue.getJobCounts("completed")).completed === 1);
    expect(h.outbox.posts).toHaveLength(0);
    expect(h.db.$client.prepare("select local_date, status from deliveries").get()).toEqual({ local_date: "2026-11-23", status: "missed" });
  });
});
