/**
 * The real thing around the fake: the Slack adapter (a real bolt App) over the real dispatcher,
 * the real curriculum and a real SQLite file; optionally the real jobs layer on the machine's
 * Redis under a unique prefix, posting through the adapter's outbox.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { createSlackAdapter, type SlackAdapter } from "../../../src/adapters/slack/index.js";
import type { Deps } from "../../../src/bot/command.js";
import { commands } from "../../../src/bot/commands/index.js";
import { actions } from "../../../src/bot/actions/index.js";
import { createDispatcher, type Dispatcher } from "../../../src/bot/dispatcher.js";
import type { Logger, Outbox, Scheduler } from "../../../src/bot/ports.js";
import type { Reply } from "../../../src/bot/reply.js";
import { deliverDaily } from "../../../src/bot/services/daily-delivery.js";
import { loadCurriculum, type Curriculum } from "../../../src/curriculum/loader.js";
import { createJobs, type Jobs } from "../../../src/jobs/index.js";
import { createModel } from "../../../src/llm/index.js";
import { closeDatabase, openDatabase, type Db } from "../../../src/storage/db.js";
import { createRepos, type Repos } from "../../../src/storage/index.js";
import { FakeClock } from "../../fakes/core.js";
import { TEST_REDIS_URL } from "../../redis-setup.js";
import { startFakeSlack, type FakeSlack } from "./server.js";

export const SIGNING_SECRET = "test-signing-secret";

let curriculum: Curriculum | undefined;
export const realCurriculum = () => (curriculum ??= loadCurriculum());

export interface SetupOptions {
  mode?: "http" | "socket";
  /** Wraps the dispatcher so every event takes this long: the ack must not wait for it. */
  slowMs?: number;
  adminUserIds?: string[];
  withJobs?: boolean;
  /** Also log here (e.g. a real pino logger writing to a buffer, to read what a log would hold). */
  logger?: Logger;
  /** An OpenAI-compatible server for the model port (LLM_BASE_URL), e.g. tests/fakes/llm-server.ts. */
  llm?: { url: string; timeoutMs?: number; dailyCalls?: number };
}

export interface SlackSetup {
  fake: FakeSlack;
  adapter: SlackAdapter;
  db: Db;
  repos: Repos;
  /** The core's dependencies, for running a timer's work (a round's close) at a chosen moment. */
  deps: Deps;
  clock: FakeClock;
  jobs: Jobs | undefined;
  /** The adapter's /slack/events URL (HTTP mode). */
  eventsUrl: string;
  errors: unknown[];
  /**
   * Replies the core is made to give to given event keys (`cmd:<trigger_id>`): how a test sends
   * shapes no core command produces yet (a reply with files) through the real paths.
   */
  canned: Map<string, Reply>;
  count(table: string): number;
  close(): Promise<void>;
}

export async function startSlackSetup(o: SetupOptions = {}): Promise<SlackSetup> {
  const fake = await startFakeSlack();
  const dir = mkdtempSync(join(tmpdir(), "prepcoach-slack-"));
  const db = openDatabase(join(dir, "prepcoach.db"));
  const repos = createRepos(db);
  const clock = new FakeClock(); // Monday 2026-11-23 09:00 UTC
  const errors: unknown[] = [];
  const logger: Logger = {
    info: (x: object, m?: string) => o.logger?.info(x, m),
    warn: (x: object, m?: string) => o.logger?.warn(x, m),
    error: (x: object, m?: string) => { errors.push(x); o.logger?.error(x, m); },
  };
  const prefix = `test-${randomUUID()}`;

  // The outbox exists once the adapter does; the core and the jobs reach it through this.
  let adapter: SlackAdapter | undefined;
  const outbox: Outbox = {
    post: (t, r, opts) => adapter!.outbox.post(t, r, opts),
    openThread: (t, name, first) => adapter!.outbox.openThread(t, name, first),
    retire: (thread, actions) => adapter!.outbox.retire(thread, actions),
    checkRole: (spaceId, roleId, use) => adapter!.outbox.checkRole!(spaceId, roleId, use),
  };
  const jobs = o.withJobs
    // A worker limiter is what makes BullMQ honour `queue.rateLimit` (the 429 wait) in every fetch,
    // not only in the one that saw the 429: without one, moveToActive ignores the limiter key.
    ? createJobs({ redisUrl: TEST_REDIS_URL, prefix, concurrency: 5, busyRecheckMs: 100, limiter: { max: 50, duration: 1_000 } }, {
      subscriptions: repos.subscriptions, deliveries: repos.deliveries, clock, logger, maxLatenessMs: 6 * 3_600_000,
      deliver: (id, slotAt) => deliverDaily({
        curriculum: realCurriculum(), subscriptions: repos.subscriptions, deliveries: repos.deliveries, outbox, clock, logger,
        maxLatenessMs: 6 * 3_600_000, leaseMs: 60_000, roles: repos.roles,
      }, id, slotAt),
    })
    : undefined;
  const scheduler: Scheduler = jobs?.scheduler ?? { isEnabled: false, subscriptionChanged: async () => undefined };
  const deps: Deps = {
    curriculum: realCurriculum(), ...repos, scheduler, clock, logger, outbox, defaultTimezone: "UTC",
    random: { next: Math.random, id: () => randomUUID().replace(/-/g, "").slice(0, 12) },
    ...(o.llm ? {
      model: createModel({
        baseURL: o.llm.url, model: "fake-model", timeoutMs: o.llm.timeoutMs ?? 8_000, dailyCallsPerMember: o.llm.dailyCalls ?? 50, clock, logger,
      }),
    } : {}),
  };
  const real = createDispatcher(deps, commands, actions);
  const canned = new Map<string, Reply>();
  const dispatcher: Dispatcher = {
    commands: real.commands,
    async handle(e) {
      if (o.slowMs) await new Promise((r) => setTimeout(r, o.slowMs));
      return canned.get(e.idempotencyKey) ?? real.handle(e);
    },
  };

  adapter = createSlackAdapter({
    botToken: "xoxb-test-token", apiUrl: fake.apiUrl, dispatcher, commands, logger, host: "127.0.0.1", port: 0,
    adminUserIds: o.adminUserIds ?? [],
    ...(o.mode === "socket" ? { appToken: "xapp-test-token" } : { signingSecret: SIGNING_SECRET }),
  });
  await adapter.start();
  jobs?.startWorkers();

  return {
    fake, adapter, db, repos, deps, clock, jobs, errors, canned,
    eventsUrl: `http://127.0.0.1:${adapter.port ?? 0}/slack/events`,
    count: (table) => (db.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n,
    async close() {
      await jobs?.close();
      await adapter!.stop();
      await fake.close();
      await closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
      if (jobs) {
        const redis = new Redis(TEST_REDIS_URL);
        const keys = await redis.keys(`${prefix}:*`);
        if (keys.length) await redis.del(...keys);
        redis.disconnect();
      }
    },
  };
}
