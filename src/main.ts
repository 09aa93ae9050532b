/**
 * The composition root: parse config, open storage, load the curriculum, wire the core, start
 * the jobs and the adapters. The only module that knows every layer.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import { createConsoleAdapter } from "./adapters/console/index.js";
import type { PlatformAdapter } from "./adapters/platform.js";
import { createRoutedOutbox } from "./adapters/routed-outbox.js";
import { createDevCommands, createOffsetClock } from "./adapters/console/dev-commands.js";
import { commands } from "./bot/commands/index.js";
import { actions } from "./bot/actions/index.js";
import type { Deps } from "./bot/command.js";
import { createDispatcher, forgetOldEvents } from "./bot/dispatcher.js";
import type { Scheduler } from "./bot/ports.js";
import { DEFAULT_LEASE_MS, DEFAULT_MAX_LATENESS_MS, deliverDaily } from "./bot/services/daily-delivery.js";
import { mockTimer } from "./bot/services/mock.js";
import { pairTimeout } from "./bot/services/pairing.js";
import { scheduledMockTimer } from "./bot/services/scheduled-pairing.js";
import { pending as pendingTimers } from "./bot/services/overdue.js";
import { weeklyDigest } from "./bot/services/digest.js";
import { roundClose, type RoundClosePayload } from "./bot/services/round.js";
import { sendStreakReminder, streakReminderSweep, type StreakReminderPayload } from "./bot/services/streaks.js";
import { ConfigError, loadConfig, slackMode, type Config } from "./config.js";
import { CurriculumError, loadCurriculum, type Curriculum } from "./curriculum/loader.js";
import { warmGrader } from "./curriculum/grading.js";
import { createJobs, DISCORD_LIMITER, type Jobs } from "./jobs/index.js";
import { isRedisReachable } from "./jobs/redis.js";
import { startRecovery } from "./jobs/recovery.js";
import type { Watchdog } from "./jobs/watchdog.js";
import { createLogger, plainLines } from "./logger.js";
import { createChartPool } from "./charts/pool.js";
import { observabilityRoutes, startHttpServer } from "./observability/http.js";
import { createMetrics } from "./observability/metrics.js";
import { isStoreOpenError, openStore } from "./storage/store.js";
import { createSpaceCurricula, depsForSpace } from "./bot/services/space-curriculum.js";

/** Slack's HTTP receiver listens here when HTTP_PORT is unset. */
const DEFAULT_SLACK_PORT = 3000;

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

/**
 * The store DATABASE_URL names (SQLite or PostgreSQL, storage/store.ts): a file or server that
 * cannot be opened stops the process with one line naming it, never a stack trace.
 */
async function openStoreOrFail(databaseUrl: string) {
  try {
    return await openStore(databaseUrl);
  } catch (err) {
    if (isStoreOpenError(err)) fail(err.message);
    throw err;
  }
}

/**
 * `.env` in the working directory (the project's, under `npm start`), when there is one, read by
 * Node itself. Variables already in the environment win over the file's.
 */
function loadDotEnv(): void {
  try {
    process.loadEnvFile();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    fail(`could not read .env: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function main(): Promise<void> {
  loadDotEnv();
  const config: Config = loadOrFail(() => loadConfig(), ConfigError);
  const onPlatform = Boolean(config.DISCORD_TOKEN || slackMode(config));
  // A worker process runs the jobs only: no gateway, no Slack receiver; it posts through REST.
  const workerOnly = config.PROCESS_ROLE === "worker";
  // On the console a person reads stderr amid the chat: records come as lines of text, not JSON.
  const logger = createLogger(config.LOG_LEVEL ?? (onPlatform ? "info" : "warn"), onPlatform ? process.stderr : plainLines(process.stderr));
  const curriculum: Curriculum = loadOrFail(() => loadCurriculum(), CurriculumError);
  warmGrader(curriculum);
  // SQLite (file:, the default) or PostgreSQL (postgres://, several replicas on one database: docs/deploy.md).
  // SQLite's own extras stay inside its store: WAL checkpoints on a background thread (db.ts) and
  // the WAL scrub after `me delete` (member-data.ts).
  const store = await openStoreOrFail(config.DATABASE_URL);
  const { repos } = store;
  // Each space's curriculum: the built-in one, less topics it switched off, plus its own bank (issue 22).
  const spaceCurricula = createSpaceCurricula(curriculum, repos.banks);
  const clock = createOffsetClock();
  const metrics = createMetrics();

  // Posts from jobs and the core go to the adapter of the space's platform ("discord:…", "slack:…").
  const routedOutbox = createRoutedOutbox();
  const deliver = (subscriptionId: number, slotAt: Date) => deliverDaily({
    curriculum, curriculumFor: spaceCurricula.forSpace, subscriptions: repos.subscriptions, deliveries: repos.deliveries, outbox: routedOutbox, clock, logger,
    maxLatenessMs: DEFAULT_MAX_LATENESS_MS, leaseMs: DEFAULT_LEASE_MS, roles: repos.roles,
  }, subscriptionId, slotAt);

  // Assigned once below; timer handlers read it only after the workers start.
  let deps: Deps;
  /** The deps a timer of one space runs with: that space's curriculum (a round of its own questions). */
  const inSpace = (payload: Record<string, unknown>) => depsForSpace(deps, spaceCurricula, String(payload.spaceId));
  let jobs: Jobs | undefined;
  let watchdog: Watchdog | undefined;
  let scheduler: Scheduler = { isEnabled: false, subscriptionChanged: async () => undefined };
  if (await isRedisReachable(config.REDIS_URL)) {
    // Discord allows 50 requests/s per bot; its pace binds every post the workers make.
    jobs = createJobs({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, ...(config.DISCORD_TOKEN ? { limiter: DISCORD_LIMITER } : {}) }, {
      subscriptions: repos.subscriptions, deliveries: repos.deliveries, clock, logger, deliver, maxLatenessMs: DEFAULT_MAX_LATENESS_MS,
      onDelivery: metrics.delivery,
      // Timers call the core once it is built below (the core needs the jobs' scheduler first).
      timerHandlers: {
        "mock-nudge": async (data) => mockTimer(await inSpace(data.payload), data.payload as Parameters<typeof mockTimer>[1]),
        "pair-timeout": (data) => pairTimeout(deps, data.payload as Parameters<typeof pairTimeout>[1]),
        "scheduled-mock": (data) => scheduledMockTimer(deps, { step: String(data.payload.step), id: String(data.payload.id) }),
        "round-close": async (data) => roundClose(await inSpace(data.payload), data.payload as RoundClosePayload),
        "weekly-digest": async (data) => { await weeklyDigest(deps, Number(data.payload.subscriptionId), deps.clock.now()); },
        "streak-reminders": async () => { await streakReminderSweep(deps, deps.clock.now()); },
        "streak-reminder": async (data) => { await sendStreakReminder(deps, data.payload as StreakReminderPayload, deps.clock.now()); },
        "event-retention": async () => { logger.info({ removed: await forgetOldEvents(deps) }, "old event records removed"); },
      },
    });
    scheduler = jobs.scheduler;
    const { dailyQueue, timerQueue } = jobs;
    metrics.watchQueues(async () => ({
      daily: await dailyQueue.getJobCounts("waiting", "active", "delayed", "failed"),
      timers: await timerQueue.getJobCounts("waiting", "active", "delayed", "failed"),
    }));
  }

  // Off unless LLM_BASE_URL is set: then nothing is sent anywhere (docs/llm.md); the client loads only then.
  const model = config.LLM_BASE_URL ? (await import("./llm/index.js")).createModel({
    baseURL: config.LLM_BASE_URL, model: config.LLM_MODEL!, timeoutMs: config.LLM_TIMEOUT_MS,
    dailyCallsPerMember: config.LLM_DAILY_CALLS_PER_MEMBER, clock, logger, telemetry: metrics.model,
    ...(config.LLM_API_KEY ? { apiKey: config.LLM_API_KEY } : {}),
  }) : undefined;
  // /stats charts draw on worker threads, started on demand and stopped after a minute idle; the event loop keeps answering meanwhile.
  const charts = createChartPool({ logger, ...(config.CHART_WORKERS ? { size: config.CHART_WORKERS } : {}) });
  deps = {
    curriculum, builtInCurriculum: curriculum, spaceCurricula, ...repos, scheduler, logger, clock, defaultTimezone: config.DEFAULT_TIMEZONE, telemetry: metrics.telemetry,
    outbox: routedOutbox, charts, ...(model ? { model } : {}),
    random: { next: Math.random, id: () => randomUUID().replace(/-/g, "").slice(0, 12), bytes: (n) => new Uint8Array(randomBytes(n)) },
  };
  const dispatcher = createDispatcher(deps, commands, actions);
  const routes = observabilityRoutes({
    database: () => store.ping(500),
    redis: async () => (jobs ? isRedisReachable(config.REDIS_URL, 500) : "off"),
  }, metrics.registry);

  // An adapter's SDK loads only when its tokens are set: the console never loads discord.js or
  // bolt (tens of MB and a slower start).
  const discord = config.DISCORD_TOKEN ? (await import("./adapters/discord/index.js")).createDiscordAdapter({
    token: config.DISCORD_TOKEN, appId: config.DISCORD_APP_ID!, dispatcher, commands, curriculum, logger,
    messageContent: config.DISCORD_MESSAGE_CONTENT, shards: config.DISCORD_SHARDS,
    ...(config.DISCORD_GUILD_ID ? { guildId: config.DISCORD_GUILD_ID } : {}),
    ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
  }) : undefined;
  // In HTTP mode the Slack receiver owns HTTP_PORT and serves /healthz and /metrics beside /slack/events.
  // SLACK_BOT_TOKEN: one workspace; SLACK_CLIENT_ID: workspaces install the app and bring their tokens (never both: config.ts).
  const slack = slackMode(config) ? (await import("./adapters/slack/index.js")).createSlackAdapter({
    ...(config.SLACK_BOT_TOKEN ? { botToken: config.SLACK_BOT_TOKEN } : {
      oauth: { clientId: config.SLACK_CLIENT_ID!, clientSecret: config.SLACK_CLIENT_SECRET!, stateSecret: config.SLACK_STATE_SECRET!, installations: repos.installations },
    }),
    logger, dispatcher, commands, adminUserIds: config.SLACK_ADMIN_USER_IDS,
    ...(config.SLACK_SIGNING_SECRET ? { signingSecret: config.SLACK_SIGNING_SECRET } : {}),
    ...(config.SLACK_APP_TOKEN ? { appToken: config.SLACK_APP_TOKEN } : {}),
    ...(config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL } : {}),
    port: config.HTTP_PORT ?? DEFAULT_SLACK_PORT, routes,
  }) : undefined;
  const me = userInfo().username;
  const consoleAdapter = onPlatform ? undefined : createConsoleAdapter({
    input: process.stdin, output: process.stdout, dispatcher, commands, user: { id: me, name: me },
    ...(config.PREPCOACH_FILES_DIR ? { filesDir: config.PREPCOACH_FILES_DIR } : {}),
    devCommand: createDevCommands({
      clock, subscriptions: repos.subscriptions, deliver, timers: () => pendingTimers(deps),
      onTimerError: (err, key) => logger.error({ err: err instanceof Error ? err.message : String(err), key }, "timer failed on :advance"),
    }),
  });
  const adapters: PlatformAdapter[] = [discord, slack, consoleAdapter].filter((a) => a !== undefined);
  for (const adapter of adapters) routedOutbox.add(adapter);

  if (jobs) {
    // A worker-only process posts through the platforms' REST APIs alone and can take jobs at once.
    if (workerOnly) jobs.startWorkers();
  } else if (workerOnly) {
    fail(`PROCESS_ROLE=worker needs Redis, and ${config.REDIS_URL} is not reachable`);
  } else {
    const line = `Scheduling is off: Redis at ${config.REDIS_URL} is not reachable. Everything else works.`;
    if (onPlatform) logger.warn({ redis: config.REDIS_URL }, line);
    else process.stdout.write(`${line}\n`);
  }

  // In order: one that fails to start stops the process before the next connects.
  if (!workerOnly) for (const adapter of adapters) await adapter.start();
  // Jobs and the rebuild of the schedules start once the adapters are up: a job due now, or a
  // catch-up the rebuild queues, posts through them. The process that serves the platforms
  // rebuilds the schedules and watches Redis; extra workers only take jobs.
  if (jobs && !workerOnly) {
    jobs.startWorkers();
    watchdog = await startRecovery(jobs, deps, { redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX });
  }
  // The chart worker loads its libraries in the background once the platforms are up, so the first
  // /stats after a start draws at once; like any worker it stops after a minute idle (~40 MB back),
  // and the next /stats starts one again (Discord's 2-s defer covers the load).
  if (onPlatform && !workerOnly) {
    charts.warm().then(
      () => logger.info({ workers: charts.size }, "chart worker warmed"),
      (err: unknown) => logger.warn({ err: err instanceof Error ? err.message : String(err) }, "chart worker warm-up failed; the first /stats loads the libraries"),
    );
  }
  const slackOwnsPort = !workerOnly && slack?.mode === "http";
  const http = config.HTTP_PORT && !slackOwnsPort ? await startHttpServer(config.HTTP_PORT, routes) : undefined;
  if (onPlatform) {
    logger.info({
      role: config.PROCESS_ROLE, discord: Boolean(discord), slack: slack?.mode ?? false, httpPort: slackOwnsPort ? slack?.port : config.HTTP_PORT,
    }, "prepcoach is running");
  }

  // One shutdown however many signals arrive: npm and tsx pass a SIGTERM on to the process
  // that already got it from its group, and a second one must neither kill it half-closed nor
  // exit before the first has finished.
  let stopping: Promise<void> | undefined;
  const shutdown = () => (stopping ??= (async () => {
    if (onPlatform) logger.info({}, "prepcoach stopping: finishing jobs in flight");
    // Jobs in flight finish (or go back to the queue) before the database closes under them.
    await watchdog?.stop();
    await jobs?.close();
    // A receiver that never started cannot be stopped (bolt throws); a worker started none.
    if (!workerOnly) await Promise.all(adapters.map((a) => a.stop()));
    http?.close();
    await charts.close();
    await store.close();
    if (onPlatform) logger.info({}, "prepcoach stopped");
  })());
  process.on("SIGTERM", () => void shutdown().then(() => process.exit(0)));
  process.on("SIGINT", () => void shutdown().then(() => process.exit(0)));

  if (consoleAdapter) {
    await consoleAdapter.run();
    await shutdown();
  }
  // On a platform the process runs until SIGTERM / SIGINT.
}

main().catch((err: unknown) => {
  process.stderr.write(`prepcoach: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
