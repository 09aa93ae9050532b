import { afterEach, describe, expect, it } from "vitest";
import { withoutUserMarks } from "../../src/bot/reply.js";
import { deliverDaily } from "../../src/bot/services/daily-delivery.js";
import { weeklyDigest } from "../../src/bot/services/digest.js";
import { periodsOf } from "../../src/bot/services/points.js";
import { createJobs } from "../../src/jobs/index.js";
import { miniCurriculum } from "../fakes/core.js";
import { createHarness, type Harness } from "./helpers/jobs-harness.js";

let h: Harness | undefined;
afterEach(async () => { await h?.close(); h = undefined; });

describe("the weekly digest job", () => {
  it("the Monday daily post brings the digest of last week to the channel, as main.ts wires it", async () => {
    h = await createHarness();
    const { repos, outbox, clock } = h;
    const logger = { info() {}, warn() {}, error() {} };
    await h.jobs.close();
    // As src/main.ts: the "weekly-digest" timer calls the core's weeklyDigest with the subscription id.
    h.jobs = createJobs({ redisUrl: h.redisUrl, prefix: h.prefix }, {
      subscriptions: repos.subscriptions, deliveries: repos.deliveries, clock, logger, maxLatenessMs: 6 * 3_600_000,
      deliver: (id, slotAt) => deliverDaily({
        curriculum: miniCurriculum(), subscriptions: repos.subscriptions, deliveries: repos.deliveries, outbox, clock, logger,
        maxLatenessMs: 6 * 3_600_000, leaseMs: 60_000,
      }, id, slotAt),
      timerHandlers: { "weekly-digest": async (data) => { await weeklyDigest({ ...repos, outbox, logger }, Number(data.payload.subscriptionId), clock.now()); } },
    });
    const ana = await repos.members.ensure("discord:g1", { id: "ana", name: "Ana" });
    const at = new Date("2026-11-19T12:00:00Z");
    await repos.points.award("discord:g1", ana.id, { ref: "seed", points: 40, reason: "t", periods: Object.values(periodsOf(at, "UTC")) }, at);

    clock.current = new Date("2026-11-23T09:01:00Z"); // Monday, just after the 09:00 post
    const subId = await h.addSubscription({});
    h.jobs.startWorkers();
    await h.jobs.catchUp();
    await h.waitFor(() => outbox.posts.some((p) => p.key?.startsWith("digest-")));
    expect(await h.jobs.catchUp()).toBe(0); // the day is recorded as posted: nothing re-runs, so no second digest
    const digests = outbox.posts.filter((p) => p.key?.startsWith("digest-"));
    expect(digests).toHaveLength(1);
    expect(digests[0]!.key).toBe(`digest-${subId}-2026-11-16`);
    expect(digests[0]!.target.channelId).toBe("ch1");
    expect(digests[0]!.reply.title).toBe("Weekly digest: 16–22 Nov");
    expect(withoutUserMarks(JSON.stringify(digests[0]!.reply.blocks))).toContain("#1 Ana — 40 pts"); // names carry userText marks
  });
});
