/** Bench of the jobs layer on the machine's Redis: fan-out, the Discord pace, boot reconcile. */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import type { Outbox, PostTarget, Subscription } from "../src/bot/ports.js";
import { text, type Reply } from "../src/bot/reply.js";
import { createClient } from "../src/adapters/discord/client.js";
import { createDiscordOutbox } from "../src/adapters/discord/outbox.js";
import { cronFor } from "../src/jobs/daily-post.js";
import { FAKE, FakeDiscord } from "../tests/e2e/discord-fake/server.js";
import { DISCORD_SPEC_FILE, DiscordSpec } from "../tests/e2e/discord-fake/spec.js";
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

/**
 * The bot's jobs layer on its own prefix. Time is the slot's: each delivery runs with the clock at
 * its slot plus a second, as when the scheduler fires at 09:00.
 */
function jobsFor(db: Db, curriculum: Curriculum, redisUrl: string, prefix: string, outbox: Outbox,
  extra: { limiter?: { max: number; duration: number } } = {}) {
  const repos = createRepos(db);
  return createJobs({ redisUrl, prefix, concurrency: 10, busyRecheckMs: 100, ...extra }, {
    subscriptions: repos.subscriptions, deliveries: repos.deliveries, clock: { now: () => new Date() }, logger: quietLogger, maxLatenessMs: 24 * 3_600_000,
    deliver: (id, slotAt) => deliverDaily({
      curriculum, subscriptions: repos.subscriptions, deliveries: repos.deliveries, outbox, clock: { now: () => new Date(slotAt.getTime() + 1_000) },
      logger: quietLogger, maxLatenessMs: 24 * 3_600_000, leaseMs: 60_000,
    }, id, slotAt),
  });
}

async function inBatches<T>(items: readonly T[], fn: (t: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += 100) await Promise.all(items.slice(i, i + 100).map(fn));
}

/**
 * 09:00: every subscription's scheduler has its next job waiting in the delayed set (upserted by
 * the bot's own path, untimed); promoting them all makes them due now, as the clock reaching the
 * minute does. Timed: from the promotion to the last post.
 */
async function ourSchedulerRound(db: Db, curriculum: Curriculum, redisUrl: string, subs: readonly Subscription[]): Promise<number> {
  db.$client.prepare("delete from deliveries").run();
  let posted = 0;
  const outbox: Outbox = { async post(target) { posted += 1; return { channelId: target.channelId, messageId: String(posted) }; } };
  const prefix = `bench-${randomUUID()}`;
  const jobs = jobsFor(db, curriculum, redisUrl, prefix, outbox);
  await inBatches(subs, (sub) => jobs.scheduler.subscriptionChanged(sub));
  jobs.startWorkers();
  const took = await seconds(async () => {
    await jobs.dailyQueue.promoteJobs();
    await until(() => posted >= subs.length, 300_000);
  });
  await jobs.close();
  await dropPrefix(redisUrl, prefix);
  return subs.length / took;
}

/** The same with plain BullMQ: a scheduler per subscription, a worker that only posts to a no-op outbox. */
async function rawSchedulerRound(redisUrl: string, subs: readonly Subscription[]): Promise<number> {
  const connection = connectionFor(redisUrl);
  const prefix = `bench-${randomUUID()}`;
  const queue = new Queue("raw", { connection, prefix });
  await inBatches(subs, (sub) => queue.upsertJobScheduler(`daily-${sub.id}`, { pattern: cronFor(sub.time, sub.days), tz: sub.timezone },
    { name: "daily-post", data: { subscriptionId: sub.id } }));
  let posted = 0;
  const outbox: Outbox = { async post(target) { posted += 1; return { channelId: target.channelId, messageId: String(posted) }; } };
  const worker = new Worker("raw", (job) => outbox.post({ channelId: String(job.data.subscriptionId) } as PostTarget, NOOP_REPLY), { connection, prefix, concurrency: 10 });
  const took = await seconds(async () => {
    await queue.promoteJobs();
    await until(() => posted >= subs.length, 300_000);
  });
  await worker.close();
  await queue.close();
  await dropPrefix(redisUrl, prefix);
  return subs.length / took;
}

const NOOP_REPLY: Reply = { visibility: "channel", blocks: [text("x")], fallback: "x" };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Fan-out at 09:00 of every subscription through the job schedulers, our jobs and the core's
 * delivery to a zero-latency outbox, vs plain BullMQ schedulers whose jobs only post. BullMQ's
 * rate moves ±25% between runs on this box, so the two alternate and their medians are compared.
 */
export async function benchFanOut(db: Db, curriculum: Curriculum, redisUrl: string, rounds = 3): Promise<Figure[]> {
  const subs = await createRepos(db).subscriptions.all();
  const raw: number[] = [];
  const ours: number[] = [];
  for (let r = 0; r < rounds; r++) {
    raw.push(await rawSchedulerRound(redisUrl, subs));
    ours.push(await ourSchedulerRound(db, curriculum, redisUrl, subs));
  }
  const oursRate = round(median(ours), 0);
  const rawRate = round(median(raw), 0);
  const ratio = round(oursRate / rawRate, 2);
  return [{
    name: `daily fan-out at 09:00 through the job schedulers, ${subs.length} posts (zero-latency outbox)`, unit: "posts/s", ours: oursRate, baseline: rawRate, ratio,
    target: "ratio ≥ 0.5", pass: ratio >= 0.5,
    note: `medians of ${rounds} alternating rounds (ours ${ours.map((x) => round(x, 0)).join(", ")}; raw ${raw.map((x) => round(x, 0)).join(", ")}); every scheduler's delayed job promoted at once; raw = plain BullMQ schedulers + a worker that only posts, concurrency 10 both`,
  }];
}

/**
 * The Discord pace against the fake Discord over HTTP, 50 ms a request and 429 past 50 requests a
 * second (global): the daily posts through the real REST client, the outbox and the jobs'
 * limiter, vs a plain fetch loop at the same concurrency (10) that retries a 429 at once.
 */
export async function benchLimiter(db: Db, curriculum: Curriculum, redisUrl: string, posts: number): Promise<Figure[]> {
  const fake = await FakeDiscord.start(new DiscordSpec(DISCORD_SPEC_FILE), { latencyMs: 50, globalPerSecond: DISCORD_GLOBAL_PER_SECOND });
  try {
    const messagesRoute = `/channels/${FAKE.daily}/messages`;
    const url = `${fake.apiUrl}/v10${messagesRoute}`;
    let sent = 0;
    let rawRejected = 0;
    const rawSeconds = await seconds(() => Promise.all(Array.from({ length: 10 }, async () => {
      while (sent < posts) {
        const res = await fetch(url, { method: "POST", headers: { authorization: `Bot ${FAKE.token}`, "content-type": "application/json" }, body: JSON.stringify({ content: "raw" }) });
        await res.arrayBuffer();
        if (res.status === 429) rawRejected += 1; else sent += 1;
      }
    })));
    const rawRate = round(sent / rawSeconds, 1);
    // The fake's limit is a rolling second: the plain loop's last requests would count against ours.
    await new Promise((r) => setTimeout(r, 1_100));

    db.$client.prepare("delete from deliveries").run();
    const subs = (await createRepos(db).subscriptions.all()).slice(0, posts);
    for (const sub of subs) fake.addChannel(sub.channelId);
    const before = fake.requests.length;
    const client = createClient({ apiUrl: fake.apiUrl, messageContent: false });
    client.rest.setToken(FAKE.token);
    const outbox = createDiscordOutbox(client.rest, quietLogger);
    const prefix = `bench-${randomUUID()}`;
    const jobs = jobsFor(db, curriculum, redisUrl, prefix, outbox, { limiter: DISCORD_LIMITER });
    await inBatches(subs, (sub) => jobs.scheduler.subscriptionChanged(sub));
    jobs.startWorkers();
    const ours = () => fake.requests.slice(before).filter((r) => r.method === "POST" && r.template === "/channels/{channel_id}/messages");
    const took = await seconds(async () => {
      await jobs.dailyQueue.promoteJobs();
      await until(() => ours().filter((r) => r.status === 200).length >= subs.length, 300_000);
    });
    await jobs.close();
    void client.destroy();
    await dropPrefix(redisUrl, prefix);
    const accepted = ours().filter((r) => r.status === 200).map((r) => r.at);
    const rejected = ours().filter((r) => r.status === 429).length;
    // Sustained rate: posts after the first, over the time from the first to the last.
    const rate = round((accepted.length - 1) / ((accepted.at(-1)! - accepted[0]!) / 1_000), 1);
    return [{
      name: `Discord limiter over HTTP (50 ms latency, 429 past 50/s), ${accepted.length} posts`, unit: "posts/s", ours: rate, baseline: rawRate,
      ratio: round(rate / rawRate, 2), target: "≥ 45/s, no 429", pass: rate >= 45 && rejected === 0,
      note: `${rejected} answered 429 (plain fetch loop: ${rawRejected} of ${sent + rawRejected} requests answered 429); ${took} s in all; fake's spec violations: ${fake.violations.length}`,
    }];
  } finally {
    await fake.close();
  }
}

/** Boot with every subscription: reconcile schedulers from the database (compiled build, fresh process) vs raw upserts. */
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

  // The bot's side runs in a fresh process of the compiled build (run.ts builds it), as production boots.
  const prefix = `bench-${randomUUID()}`;
  const child = spawnSync(process.execPath, ["bench/boot.mjs", db.$client.name, redisUrl, prefix], { encoding: "utf8" });
  if (child.status !== 0) throw new Error(`boot bench failed: ${child.stderr}`);
  const boot = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as { seconds: number; schedulers: number };
  await dropPrefix(redisUrl, prefix);
  const ourSeconds = round(boot.seconds, 3);
  const ratio = round(ourSeconds / rawSeconds, 2);
  return [{
    name: `boot: reconcile ${boot.schedulers} subscriptions`, unit: "s", ours: ourSeconds, baseline: rawSeconds, ratio,
    target: "≤ 2× raw upserts", pass: ratio <= 2, note: "a fresh bot process: read subscriptions, upsert schedulers, drop stale ones, catch up",
  }];
}
