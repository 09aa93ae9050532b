/**
 * Daily posts at local time across DST: BullMQ's own job scheduler (real Redis) computes each
 * next run from our cron + IANA zone; the worker posts each slot once, even when the slot's job
 * arrives twice.
 */
import { afterEach, describe, expect, it } from "vitest";
import { addDays, localParts, nextOccurrence, parseDays, weekdayOf, zonedInstant } from "../../src/bot/time.js";
import { addCatchUps, DAILY_POST, dailySchedulerId } from "../../src/jobs/daily-post.js";
import { createHarness, type Harness } from "./helpers/jobs-harness.js";

let h: Harness | undefined;
afterEach(async () => { await h?.close(); h = undefined; });

/** Walks the scheduler's next runs through real BullMQ: upsert with startDate just past the previous run. */
async function schedulerRuns(h: Harness, subId: number, from: Date, count: number): Promise<Date[]> {
  const sub = (await h.repos.subscriptions.byId(subId))!;
  const runs: Date[] = [];
  let start = from.getTime();
  for (let i = 0; i < count; i++) {
    await h.jobs.dailyQueue.upsertJobScheduler(dailySchedulerId(subId),
      { pattern: `0 ${Number(sub.time.slice(0, 2))} * * 1,2,3,4,5`, tz: sub.timezone, startDate: start },
      { name: DAILY_POST, data: { subscriptionId: subId } });
    const next = (await h.jobs.dailyQueue.getJobScheduler(dailySchedulerId(subId)))?.next;
    expect(next).toBeTypeOf("number");
    runs.push(new Date(next!));
    start = next! + 60_000;
  }
  return runs;
}

// DST changes in the future (BullMQ computes from max(startDate, now)): US 2027-03-14 and
// 2027-11-07, UK 2027-03-28; Kolkata and Kathmandu (+05:45) have none.
const cases = [
  { tz: "America/New_York", from: "2027-03-08T00:00:00Z", change: "2027-03-14" },
  { tz: "America/New_York", from: "2027-11-01T00:00:00Z", change: "2027-11-07" },
  { tz: "Europe/London", from: "2027-03-22T00:00:00Z", change: "2027-03-28" },
  { tz: "Asia/Kolkata", from: "2027-03-08T00:00:00Z", change: undefined },
  { tz: "Asia/Kathmandu", from: "2027-03-08T00:00:00Z", change: undefined },
];

describe("daily posts at 09:00 local time on weekdays", () => {
  it.each(cases)("$tz from $from: one post per weekday at 09:00 local, never two, never none", async ({ tz, from, change }) => {
    h = await createHarness();
    const subId = await h.addSubscription({ timezone: tz, time: "09:00" });
    const runs = await schedulerRuns(h, subId, new Date(from), 10);

    // Every run is 09:00 local on a weekday, on consecutive weekdays with none skipped.
    const local = runs.map((r) => localParts(r, tz));
    expect(local.every((l) => l.time === "09:00")).toBe(true);
    expect(local.every((l) => !["sat", "sun"].includes(l.weekday))).toBe(true);
    expect(new Set(local.map((l) => l.date)).size).toBe(10);
    expect(local.map((l) => l.date)).toEqual(expectedWeekdays(from, tz, 10));
    // They match our own computation of the next slot (used for catch-up and the console).
    runs.forEach((r, i) => {
      const prev = i === 0 ? new Date(from) : runs[i - 1]!;
      expect(nextOccurrence(prev, "09:00", tz, parseDays("mon-fri")!)?.toISOString()).toBe(r.toISOString());
    });
    if (change) {
      const offsets = new Set(runs.map((r) => localParts(r, tz).offsetMinutes));
      expect(offsets.size).toBe(2); // the run really crossed the DST change
    }

    // Each slot's job delivered twice (the scheduler's and a catch-up) posts once.
    h.jobs.startWorkers();
    const sub = (await h.repos.subscriptions.byId(subId))!;
    for (const [i, slot] of runs.entries()) {
      h.clock.current = new Date(slot.getTime() + 30_000);
      await addCatchUps(h.jobs.dailyQueue, [{ sub, localDate: local[i]!.date, at: slot }]);
      await h.jobs.dailyQueue.add(DAILY_POST, { subscriptionId: subId, slotAt: slot.getTime() }, { jobId: `dup-${i}` });
      await h.waitFor(async () => {
        const c = await h!.jobs.dailyQueue.getJobCounts("completed", "failed");
        if (c.failed) throw new Error(`failed: ${JSON.stringify((await h!.jobs.dailyQueue.getFailed()).map((j) => j.failedReason))}`);
        return c.completed === 2 * (i + 1);
      });
    }
    expect(h.outbox.posts.map((p) => p.key)).toEqual(local.map((l) => `daily-${subId}-${l.date}`));
  });
});

function expectedWeekdays(fromIso: string, tz: string, n: number): string[] {
  const from = new Date(fromIso);
  const out: string[] = [];
  for (let date = localParts(from, tz).date; out.length < n; date = addDays(date, 1)) {
    if (!["sat", "sun"].includes(weekdayOf(date)) && zonedInstant(date, "09:00", tz) > from) out.push(date);
  }
  return out;
}
