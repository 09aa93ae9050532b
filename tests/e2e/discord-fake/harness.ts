/**
 * The real thing around the fake Discord: the Discord adapter (a real discord.js client) over the
 * real dispatcher, the real curriculum, a SQLite file and the jobs layer on the machine's Redis
 * under a unique prefix, posting through the adapter's outbox.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { createDiscordAdapter, type DiscordAdapter } from "../../../src/adapters/discord/index.js";
import type { Deps } from "../../../src/bot/command.js";
import { commands } from "../../../src/bot/commands/index.js";
import { actions } from "../../../src/bot/actions/index.js";
import { createDispatcher, type Dispatcher } from "../../../src/bot/dispatcher.js";
import type { Logger, Outbox } from "../../../src/bot/ports.js";
import type { Reply } from "../../../src/bot/reply.js";
import { deliverDaily } from "../../../src/bot/services/daily-delivery.js";
import { loadCurriculum, type Curriculum } from "../../../src/curriculum/loader.js";
import { warmGrader } from "../../../src/curriculum/grading.js";
import { createJobs, DISCORD_LIMITER, type Jobs } from "../../../src/jobs/index.js";
import { createModel } from "../../../src/llm/index.js";
import { createMetrics, type Metrics } from "../../../src/observability/metrics.js";
import { closeDatabase, openDatabase, type Db } from "../../../src/storage/db.js";
import { createRepos, type Repos } from "../../../src/storage/index.js";
import { FakeClock, seededRandom } from "../../fakes/core.js";
import { TEST_REDIS_URL } from "../../redis-setup.js";
import { FAKE, FakeDiscord } from "./server.js";
import { DISCORD_SPEC_FILE, DiscordSpec } from "./spec.js";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const SPEC = DISCORD_SPEC_FILE;
export const SPACE = `discord:${FAKE.guildId}`;

export interface Row { [k: string]: unknown }

export interface DiscordHarness {
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  db: Db;
  repos: Repos;
  jobs: Jobs;
  curriculum: Curriculum;
  /** The core's dependencies, for running a timer's work (a round's close) at a chosen moment. */
  deps: Deps;
  clock: FakeClock;
  logged: { errors: unknown[]; warnings: unknown[]; infos: unknown[] };
  /** Interaction ids whose work is made slow, to see the adapter defer. */
  slow: Set<string>;
  /**
   * Replies the core is made to give to given interaction ids: how a test sends shapes no core
   * command produces yet (a reply with files) through the real interaction path.
   */
  canned: Map<string, Reply>;
  sql(query: string, ...params: unknown[]): Row[];
  /** The metrics the model port reports to (issue 20). */
  metrics: Metrics;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** The adapter asks for the privileged Message Content intent (DISCORD_MESSAGE_CONTENT=true). */
  messageContent?: boolean;
  /** Privileged intents switched on for the fake app (none by default): others get 4014. */
  privilegedIntents?: number;
  /** An OpenAI-compatible server for the model port (LLM_BASE_URL), e.g. tests/fakes/llm-server.ts. */
  llm?: { url: string; timeoutMs?: number; dailyCalls?: number };
  /** Also log here (e.g. a real pino logger writing to a buffer, to read what a log would hold). */
  logger?: Logger;
  /** What the fake's GET /gateway/bot recommends (1 by default), and the bot in a second guild on the other shard. */
  gatewayShards?: number;
  secondGuild?: boolean;
  /** DISCORD_SHARDS for the adapter ("auto" by default, as main.ts). */
  shards?: "auto" | number;
}

export async function startDiscordHarness(o: HarnessOptions = {}): Promise<DiscordHarness> {
  const curriculum = loadCurriculum();
  warmGrader(curriculum); // as main.ts does: the first grading would otherwise block past the fake's 300 ms heartbeat
  const dir = mkdtempSync(join(tmpdir(), "prepcoach-discord-"));
  const db = openDatabase(join(dir, "prepcoach.db"));
  const repos = createRepos(db);
  const prefix = `test-${randomUUID()}`;
  const clock = new FakeClock();
  const logged = { errors: [] as unknown[], warnings: [] as unknown[], infos: [] as unknown[] };
  const slow = new Set<string>();
  const canned = new Map<string, Reply>();
  const logger: Logger = {
    info: (x: object, m?: string) => { logged.infos.push(x); o.logger?.info(x, m); },
    warn: (x: object, m?: string) => { logged.warnings.push(x); o.logger?.warn(x, m); },
    error: (x: object, m?: string) => { logged.errors.push(x); o.logger?.error(x, m); },
  };
  // Bound late: the adapter needs the dispatcher, and the core posts threads through the adapter.
  let adapter: DiscordAdapter | undefined;
  const outbox: Outbox = {
    post: (target, reply, opts) => adapter!.outbox.post(target, reply, opts),
    openThread: (target, name, first) => adapter!.outbox.openThread(target, name, first),
    checkRole: (spaceId, roleId, use) => adapter!.outbox.checkRole!(spaceId, roleId, use),
    setMemberRole: (spaceId, userId, roleId, hold) => adapter!.outbox.setMemberRole!(spaceId, userId, roleId, hold),
  };
  // DISCORD_LIMITER as main.ts should pass it: BullMQ honours a queue's rateLimit() (a 429's
  // retry_after) in every fetch only when the worker has a limiter.
  const jobs = createJobs({ redisUrl: TEST_REDIS_URL, prefix, concurrency: 4, limiter: DISCORD_LIMITER }, {
    subscriptions: repos.subscriptions, deliveries: repos.deliveries, clock, logger, maxLatenessMs: 6 * 3_600_000,
    deliver: (id, slotAt) => deliverDaily({
      curriculum, subscriptions: repos.subscriptions, deliveries: repos.deliveries, outbox, clock, logger,
      maxLatenessMs: 6 * 3_600_000, leaseMs: 60_000, roles: repos.roles,
    }, id, slotAt),
  });
  const metrics = createMetrics();
  const model = o.llm ? createModel({
    baseURL: o.llm.url, model: "fake-model", timeoutMs: o.llm.timeoutMs ?? 8_000, dailyCallsPerMember: o.llm.dailyCalls ?? 50,
    clock, logger, telemetry: metrics.model,
  }) : undefined;
  const deps: Deps = {
    curriculum, ...repos, scheduler: jobs.scheduler, clock, random: seededRandom(), logger, defaultTimezone: "UTC", outbox,
    ...(model ? { model } : {}),
  };
  const core = createDispatcher(deps, commands, actions);
  const dispatcher: Dispatcher = {
    commands: core.commands,
    async handle(event) {
      if (slow.has(event.idempotencyKey)) await new Promise((r) => setTimeout(r, 2_600));
      return canned.get(event.idempotencyKey) ?? core.handle(event);
    },
  };
  const fake = await FakeDiscord.start(new DiscordSpec(SPEC), {
    heartbeatMs: 300, privilegedIntents: o.privilegedIntents ?? 0, shards: o.gatewayShards ?? 1, secondGuild: o.secondGuild ?? false,
  });
  adapter = createDiscordAdapter({
    token: FAKE.token, appId: FAKE.appId, guildId: FAKE.guildId, apiUrl: fake.apiUrl, ...(o.shards !== undefined ? { shards: o.shards } : {}),
    dispatcher, commands, curriculum, logger, ...(o.messageContent ? { messageContent: true } : {}),
  });
  await adapter.start();
  jobs.startWorkers();

  return {
    fake, adapter, db, repos, jobs, curriculum, deps, clock, logged, slow, canned, metrics,
    sql: (query, ...params) => db.$client.prepare(query).all(...params) as Row[],
    async close() {
      await adapter?.stop();
      await jobs.close();
      await fake.close();
      await closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
      const redis = new Redis(TEST_REDIS_URL);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    },
  };
}

/**
 * A test file's harness: started before its tests (`started` receives it) and closed after them;
 * after each test, every request the adapter sent matched Discord's schema and nothing logged an error.
 */
export function useDiscordHarness(started: (h: DiscordHarness) => void, o: HarnessOptions = {}): void {
  let h: DiscordHarness | undefined;
  beforeAll(async () => {
    h = await startDiscordHarness(o);
    started(h);
  });
  afterEach(() => {
    expect(h!.fake.violations.splice(0)).toEqual([]);
    expect(h!.logged.errors.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await h?.close();
  });
}
