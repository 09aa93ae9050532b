/** Bench of the jobs layer on the machine's Redis: fan-out, the Discord pace, boot reconcile. */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { RateLimitedError } from "../src/bot/errors.js";
import type { Outbox } from "../src/bot/ports.js";
import { deliverDaily } from "../src/bot/services/daily-delivery.js";
import type { Curriculum } from "../src/curriculum/loader.js";
import { connectionFor } from "../src/jobs/connection.js";
import { createJobs, DISCORD_LIMITER } from "../src/jobs/index.js";
import type { Db } from "../src/storage/db.js";
import { createRepos } from "../src/storage/index.js";
import type { Figure } from "./run.js";
import { round, seconds } from "./stats.js";

const quietLogger = { info() {}, warn() {}, error() {} };
const DISCORD_GLOBAL_PER_SECOND = 50;

async function dropPrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1_000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== "0");
  redis.disconnect();
}

const until = async (cond: () => boolean, ms: number) => {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error("bench timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
};

function jobsFor(db: Db, curriculum: Curriculum, redisUrl: string, prefix: string, outbox: Outbox, now: () => Date,
  extra: { limiter?: { max: number; duration: number } } = {}) {
  const repos = createRepos(db);
  const clock = { now };
  return createJobs({ redisUrl, prefix, concurrency: 10, busyRecheckMs: 100, ...extra }, {
    subscriptions: repos.subscriptions, deliveries: repos.deliveries, clock, logger: quietLogger, maxLatenessMs: 24 * 3_600_000,
    deliver: (id, slotAt) => deliverDaily({
      curriculum, subscriptions: repos.subscriptions, deliveries: repos.deliveries, outbox, clock, logger: quietLogger,
      maxLatenessMs: 24 * 3_600_000, leaseMs: 60_000,
    }, id, slotAt),
  });
}

/** One raw round: addBulk of `subs` no-op jobs, then a worker at concurrency 10; seconds to the last completion. */
async function rawFanOutRound(redisUrl: string, subs: number): Promise<number> {
  const connection = connectionFor(redisUrl);
  const prefix = `bench-${randomUUID()}`;
  const queue = new Queue("raw", { connection, prefix });
  let done = 0;
  const worker = new Worker("raw", async () => undefined, { connection, prefix, concurrency: 10, autorun: false });
  worker.on("completed", () => { done += 1; });
  const took = await seconds(async () => {
    for (let i = 0; i < subs; i += 1_000) {
      await queue.addBulk(Array.from({ length: Math.min(1_000, subs - i) }, (_, k) => ({ name: "noop", data: { i: i + k }, opts: { removeOnComplete: true } })));
    }
    void worker.run();
    await until(() => done >= subs, 120_000);
  });
  await worker.close();
  await queue.close();
  await dropPrefix(redisUrl, prefix);
  return took;
}

/** One round of ours: every subscription due; catch-up enqueues them all; the worker posts each once. */
async function ourFanOutRound(db: Db, curriculum: Curriculum, redisUrl: string): Promise<{ seconds: number; posted: number }> {
  db.$client.prepare("delete from deliveries").run();
  let posted = 0;
  const outbox: Outbox = { async post(target) { posted += 1; return { channelId: target.channelId, messageId: String(posted) }; } };
  const prefix = `bench-${randomUUID()}`;
  // 18:00 UTC on a Wednesday is after 09:00 and before midnight in every seeded zone.
  const jobs = jobsFor(db, curriculum, redisUrl, prefix, outbox, () => new Date("2026-11-25T18:00:00Z"));
  const took = await seconds(async () => {
    const added = await jobs.catchUp();
    jobs.startWorkers();
    await until(() => posted >= added, 300_000);
  });
  await jobs.close();
  await dropPrefix(redisUrl, prefix);
  return { seconds: took, posted };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Daily fan-out of every subscription through our jobs to a zero-latency outbox, vs raw BullMQ
 * no-ops. BullMQ's rate moves ±25% between runs on this box (shared/perf-baselines.md), so the
 * two alternate for `rounds` rounds and their medians are compared.
 */
export async function benchFanOut(db: Db, curriculum: Curriculum, redisUrl: string, subs: number, rounds = 3): Promise<Figure[]> {
  const raw: number[] = [];
  const ours: number[] = [];
  let posted = 0;
  for (let r = 0; r < rounds; r++) {
    raw.push(subs / (await rawFanOutRound(redisUrl, subs)));
    const one = await ourFanOutRound(db, curriculum, redisUrl);
    posted = one.posted;
    ours.push(one.posted / one.seconds);
  }
  const oursRate = round(median(ours), 0);
  const rawRate = round(median(raw), 0);
  const ratio = round(oursRate / rawRate, 2);
  return [{
    name: `daily fan-out of ${posted} posts (zero-latency outbox)`, unit: "jobs/s", ours: oursRate, baseline: rawRate, ratio,
    target: "ratio ≥ 0.5", pass: ratio >= 0.5,
    note: `medians of ${rounds} alternating rounds (ours ${ours.map((x) => round(x, 0)).join(", ")}; raw ${raw.map((x) => round(x, 0)).join(", ")}); raw = BullMQ addBulk + no-op worker, concurrency 10 both`,
  }];
}

/** The same fan-out with the Discord limiter: sustained posts/s against a 50/s platform that answers 429 past it. */
export async function benchLimiter(db: Db, curriculum: Curriculum, redisUrl: string, posts: number): Promise<Figure[]> {
  db.$client.prepare("delete from deliveries").run();
  const stamps: number[] = [];
  let rejected = 0;
  const outbox: Outbox = {
    async post(target) {
      const t = Date.now();
      const lastSecond = stamps.filter((s) => s > t - 1_000).length;
      if (lastSecond >= DISCORD_GLOBAL_PER_SECOND) {
        rejected += 1;
        throw new RateLimitedError(1_000 - (t - stamps[stamps.length - DISCORD_GLOBAL_PER_SECOND]!), "global");
      }
      stamps.push(t);
      return { channelId: target.channelId, messageId: String(stamps.length) };
    },
  };
  const prefix = `bench-${randomUUID()}`;
  const jobs = jobsFor(db, curriculum, redisUrl, prefix, outbox, () => new Date("2026-11-25T18:00:00Z"), { limiter: DISCORD_LIMITER });
  const subs = (await createRepos(db).subscriptions.all()).slice(0, posts);
  const took = await seconds(async () => {
    await jobs.catchUp(subs);
    jobs.startWorkers();
    await until(() => stamps.length >= subs.length, 120_000);
  });
  await jobs.close();
  await dropPrefix(redisUrl, prefix);
  // Sustained rate: posts after the first second's burst, over the time they took.
  const rate = round((stamps.length - 1) / ((stamps.at(-1)! - stamps[0]!) / 1_000), 1);
  return [{
    name: `posts/s with the Discord limiter (${stamps.length} posts)`, unit: "posts/s", ours: rate, baseline: DISCORD_GLOBAL_PER_SECOND,
    ratio: round(rate / DISCORD_GLOBAL_PER_SECOND, 2), target: "≥ 45/s, no 429", pass: rate >= 45 && rejected === 0,
    note: `${rejected} answered 429; ${took} s in all`,
  }];
}

/** Boot with every subscription: reconcile schedulers from the database vs raw upserts, and RSS after. */
export async function benchBoot(db: Db, redisUrl: string, subs: number): Promise<Figure[]> {
  const connection = connectionFor(redisUrl);
  const rawPrefix = `bench-${randomUUID()}`;
  const raw = new Queue("raw", { connection, prefix: rawPrefix });
  const zones = ["Asia/Kolkata", "America/New_York", "Europe/London", "Asia/Kathmandu", "America/Los_Angeles"];
  const rawSeconds = await seconds(async () => {
    for (let i = 0; i < subs; i += 100) {
      await Promise.all(Array.from({ length: Math.min(100, subs - i) }, (_, k) =>
        raw.upsertJobScheduler(`space-${i + k}`, { pattern: "0 9 * * 1-5", tz: zones[(i + k) % zones.length] }, { name: "daily-post", data: {} })));
    }
  });
  await raw.close();
  await dropPrefix(redisUrl, rawPrefix);

  // The bot's side runs in a fresh process of the compiled build, as production boots, so its
  // RSS is the bot's own (tsx alone would add ~50 MB).
  const build = spawnSync("npm", ["run", "build"], { encoding: "utf8" });
  if (build.status !== 0) throw new Error(`npm run build failed: ${build.stdout}${build.stderr}`);
  const prefix = `bench-${randomUUID()}`;
  const child = spawnSync(process.execPath, ["--expose-gc", "bench/boot.mjs", db.$client.name, redisUrl, prefix], { encoding: "utf8" });
  if (child.status !== 0) throw new Error(`boot bench failed: ${child.stderr}`);
  const boot = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as { seconds: number; rssMb: number; schedulers: number };
  await dropPrefix(redisUrl, prefix);
  const ourSeconds = round(boot.seconds, 3);
  const rssMb = round(boot.rssMb, 0);
  const ratio = round(ourSeconds / rawSeconds, 2);
  const result = boot;
  return [{
    name: `boot: reconcile ${result.schedulers} subscriptions`, unit: "s", ours: ourSeconds, baseline: rawSeconds, ratio,
    target: "≤ 2× raw upserts", pass: ratio <= 2, note: "a fresh bot process: read subscriptions, upsert schedulers, drop stale ones, catch up",
  }, {
    name: "RSS of the booted bot process", unit: "MB", ours: rssMb, target: "≤ 200 MB", pass: rssMb <= 200,
  }];
}
