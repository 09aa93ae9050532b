/** A jobs layer on a real SQLite file and the machine's Redis, with a recording outbox. */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import type { MessageRef, Outbox, PostTarget, SubscriptionInput } from "../../../src/bot/ports.js";
import type { Reply } from "../../../src/bot/reply.js";
import { deliverDaily } from "../../../src/bot/services/daily-delivery.js";
import { createJobs, type Jobs, type JobsOptions } from "../../../src/jobs/index.js";
import { closeDatabase, openDatabase, type Db } from "../../../src/storage/db.js";
import { createRepos, type Repos } from "../../../src/storage/index.js";
import { FakeClock, miniCurriculum } from "../../fakes/core.js";
import { TEST_REDIS_URL } from "../../redis-setup.js";

export interface Post { target: PostTarget; reply: Reply; key: string | undefined; at: number }

/** An outbox that records posts; `failWith` lets a test throw on chosen attempts. */
export class RecordingOutbox implements Outbox {
  posts: Post[] = [];
  attempts: Array<{ key: string | undefined; at: number }> = [];
  failWith: ((attempt: number, key: string | undefined) => Error | undefined) | undefined;
  async post(target: PostTarget, reply: Reply, opts?: { idempotencyKey?: string }): Promise<MessageRef> {
    const key = opts?.idempotencyKey;
    this.attempts.push({ key, at: Date.now() });
    const err = this.failWith?.(this.attempts.filter((a) => a.key === key).length, key);
    if (err) throw err;
    this.posts.push({ target, reply, key, at: Date.now() });
    return { channelId: target.channelId, messageId: `m${this.posts.length}` };
  }
}

export interface Harness {
  db: Db; repos: Repos; clock: FakeClock; outbox: RecordingOutbox; jobs: Jobs; prefix: string; redisUrl: string;
  addSubscription(s: Partial<SubscriptionInput>): Promise<number>;
  waitFor(cond: () => boolean | Promise<boolean>, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function createHarness(o: Partial<JobsOptions> & { maxLatenessMs?: number; redisUrl?: string } = {}): Promise<Harness> {
  const redisUrl = o.redisUrl ?? TEST_REDIS_URL;
  const prefix = `test-${randomUUID()}`;
  const dir = mkdtempSync(join(tmpdir(), "prepcoach-jobs-"));
  const db = openDatabase(join(dir, "db.sqlite"));
  const repos = createRepos(db);
  const clock = new FakeClock();
  const outbox = new RecordingOutbox();
  const logger = { info() {}, warn() {}, error() {} };
  const maxLatenessMs = o.maxLatenessMs ?? 6 * 3_600_000;
  const jobs = createJobs({ redisUrl, prefix, concurrency: 10, busyRecheckMs: 100, ...o }, {
    subscriptions: repos.subscriptions, deliveries: repos.deliveries, clock, logger, maxLatenessMs,
    deliver: (id, slotAt) => deliverDaily({
      curriculum: miniCurriculum(), subscriptions: repos.subscriptions, deliveries: repos.deliveries, outbox, clock, logger,
      maxLatenessMs, leaseMs: 60_000,
    }, id, slotAt),
  });
  await repos.spaces.ensure({ id: "discord:g1", platform: "discord" }, "UTC");
  let channel = 0;
  return {
    db, repos, clock, outbox, jobs, prefix, redisUrl,
    async addSubscription(s) {
      const sub = await repos.subscriptions.upsert({
        spaceId: "discord:g1", channelId: `ch${++channel}`, time: "09:00", timezone: "UTC", days: ["mon", "tue", "wed", "thu", "fri"],
        planId: "tiny", startDate: "2026-01-01", createdBy: "admin", updatedAt: clock.now(), ...s,
      });
      return sub.id;
    },
    async waitFor(cond, timeoutMs = 20_000) {
      const start = Date.now();
      while (!(await cond())) {
        if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async close() {
      await jobs.close();
      await closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
      const redis = new Redis(redisUrl);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    },
  };
}
