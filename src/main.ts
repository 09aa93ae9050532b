/**
 * The composition root: parse config, open storage, load the curriculum, wire the core, start
 * the jobs and the adapters. The only module that knows every layer.
 */
import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import { createConsoleAdapter } from "./adapters/console/index.js";
import { createDevCommands, createOffsetClock } from "./adapters/console/dev-commands.js";
import { actions, commands } from "./bot/commands/index.js";
import type { Deps } from "./bot/command.js";
import { createDispatcher } from "./bot/dispatcher.js";
import type { Outbox, Scheduler } from "./bot/ports.js";
import { DEFAULT_LEASE_MS, DEFAULT_MAX_LATENESS_MS, deliverDaily } from "./bot/services/daily-delivery.js";
import { mockTimer } from "./bot/services/mock.js";
import { ConfigError, loadConfig, sqlitePath, type Config } from "./config.js";
import { CurriculumError, loadCurriculum, type Curriculum } from "./curriculum/loader.js";
import { createJobs, type Jobs } from "./jobs/index.js";
import { isRedisReachable } from "./jobs/redis.js";
import { createLogger } from "./logger.js";
import { observabilityRoutes, startHttpServer } from "./observability/http.js";
import { createMetrics } from "./observability/metrics.js";
import { closeDatabase, openDatabase } from "./storage/db.js";
import { createRepos } from "./storage/index.js";

function fail(message: string): never {
  process.stderr.write(`prepcoach: ${message}\n`);
  process.exit(1);
}

function loadOrFail<T>(load: () => T, expected: new (...a: never[]) => Error): T {
  try {
    return load();
  } catch (err) {
    if (err instanceof expected) fail(err.message);
    throw err;
  }
}

async function main(): Promise<void> {
  const config: Config = loadOrFail(() => loadConfig(), ConfigError);
  const onPlatform = Boolean(config.DISCORD_TOKEN || config.SLACK_BOT_TOKEN);
  const logger = createLogger(config.LOG_LEVEL ?? (onPlatform ? "info" : "warn"));
  const curriculum: Curriculum = loadOrFail(() => loadCurriculum(), CurriculumError);
  const db = openDatabase(sqlitePath(config.DATABASE_URL));
  const repos = createRepos(db);
  const clock = createOffsetClock();
  const metrics = createMetrics();

  if (onPlatform) {
    fail("the Discord and Slack adapters are not started by npm start yet (see README); unset their tokens to use the console");
  }

  // Posts from jobs go to the adapter of the space's platform; only the console exists so far.
  let outbox: Outbox | undefined;
  const routedOutbox: Outbox = {
    post: (target, reply, opts) => outbox!.post(target, reply, opts),
    openThread: (target, name, first) => outbox!.openThread!(target, name, first),
  };
  const deliver = (subscriptionId: number, slotAt: Date) => deliverDaily({
    curriculum, subscriptions: repos.subscriptions, deliveries: repos.deliveries, outbox: routedOutbox, clock, logger,
    maxLatenessMs: DEFAULT_MAX_LATENESS_MS, leaseMs: DEFAULT_LEASE_MS,
  }, subscriptionId, slotAt);

  // Assigned once below; timer handlers read it only after the workers start.
  let deps: Deps;
  let jobs: Jobs | undefined;
  let scheduler: Scheduler = { isEnabled: false, subscriptionChanged: async () => undefined };
  if (await isRedisReachable(config.REDIS_URL)) {
    jobs = createJobs({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX }, {
      subscriptions: repos.subscriptions, deliveries: repos.deliveries, clock, logger, deliver, maxLatenessMs: DEFAULT_MAX_LATENESS_MS,
      onDelivery: metrics.delivery,
      // Timers call the core once it is built below (the core needs the jobs' scheduler first).
      timerHandlers: { "mock-nudge": (data) => mockTimer(deps, data.payload as Parameters<typeof mockTimer>[1]) },
    });
    scheduler = jobs.scheduler;
    const { dailyQueue, timerQueue } = jobs;
    metrics.watchQueues(async () => ({
      daily: await dailyQueue.getJobCounts("waiting", "active", "delayed", "failed"),
      timers: await timerQueue.getJobCounts("waiting", "active", "delayed", "failed"),
    }));
  }

  deps = {
    curriculum, ...repos, scheduler, logger, clock, defaultTimezone: config.DEFAULT_TIMEZONE, telemetry: metrics.telemetry,
    outbox: routedOutbox,
    random: { next: Math.random, id: () => randomUUID().replace(/-/g, "").slice(0, 12) },
  };
  const dispatcher = createDispatcher(deps, commands, actions);
  const me = userInfo().username;
  const consoleAdapter = createConsoleAdapter({
    input: process.stdin, output: process.stdout, dispatcher, commands, user: { id: me, name: me },
    devCommand: createDevCommands({ clock, subscriptions: repos.subscriptions, deliver }),
  });
  outbox = consoleAdapter.outbox;

  if (jobs) {
    jobs.startWorkers();
    const r = await jobs.reconcile();
    logger.info(r, "schedules reconciled");
  } else {
    process.stdout.write(`Scheduling is off: Redis at ${config.REDIS_URL} is not reachable. Everything else works.\n`);
  }

  const routes = observabilityRoutes({
    database: () => db.$client.prepare("select 1 as ok").get() !== undefined,
    redis: async () => (jobs ? isRedisReachable(config.REDIS_URL, 500) : "off"),
  }, metrics.registry);
  const http = config.HTTP_PORT ? await startHttpServer(config.HTTP_PORT, routes) : undefined;

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    // Jobs in flight finish (or go back to the queue) before the database closes under them.
    await jobs?.close();
    http?.close();
    await closeDatabase(db);
  };
  process.once("SIGTERM", () => void shutdown().then(() => process.exit(0)));
  process.once("SIGINT", () => void shutdown().then(() => process.exit(0)));

  await consoleAdapter.run();
  await shutdown();
}

main().catch((err: unknown) => {
  process.stderr.write(`prepcoach: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
