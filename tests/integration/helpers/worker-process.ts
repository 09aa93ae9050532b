/**
 * A standalone worker process for the crash test: the real jobs layer and core delivery on a
 * SQLite file, posting over HTTP to the test's fake platform. Killed with SIGKILL mid fan-out.
 */
import { loadCurriculum } from "../../../src/curriculum/loader.js";
import { deliverDaily } from "../../../src/bot/services/daily-delivery.js";
import type { Outbox } from "../../../src/bot/ports.js";
import { createJobs } from "../../../src/jobs/index.js";
import { openDatabase } from "../../../src/storage/db.js";
import { createRepos } from "../../../src/storage/index.js";

const env = (k: string) => process.env[k] ?? (() => { throw new Error(`${k} missing`); })();
const db = openDatabase(env("DB_FILE"));
const repos = createRepos(db);
const curriculum = loadCurriculum(env("CONTENT_DIR"));
const clock = { now: () => new Date() };
const logger = { info() {}, warn() {}, error() {} };
const leaseMs = Number(env("LEASE_MS"));

const outbox: Outbox = {
  async post(target, reply, opts) {
    const res = await fetch(env("OUTBOX_URL"), {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ channel: target.channelId, nonce: opts?.idempotencyKey, text: reply.fallback }),
    });
    if (!res.ok) throw new Error(`outbox ${res.status}`);
    const body = (await res.json()) as { id: string };
    return { channelId: target.channelId, messageId: body.id };
  },
};

const jobs = createJobs(
  { redisUrl: env("REDIS_URL"), prefix: env("PREFIX"), concurrency: 10, lockDurationMs: 2_000, stalledIntervalMs: 1_000, busyRecheckMs: 250 },
  {
    subscriptions: repos.subscriptions, deliveries: repos.deliveries, clock, logger, maxLatenessMs: 3_600_000,
    deliver: (id, slotAt) => deliverDaily({
      curriculum, subscriptions: repos.subscriptions, deliveries: repos.deliveries, outbox, clock, logger, maxLatenessMs: 3_600_000, leaseMs,
    }, id, slotAt),
  },
);
const result = await jobs.reconcile();
jobs.startWorkers();
process.stdout.write(`ready ${JSON.stringify(result)}\n`);
process.once("SIGTERM", () => void jobs.close().then(() => { db.$client.close(); process.exit(0); }));
