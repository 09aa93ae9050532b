/**
 * The composition root: parse config, open storage, load the curriculum, wire the core, start
 * the adapters. The only module that knows every layer.
 */
import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import { createConsoleAdapter } from "./adapters/console/index.js";
import { actions, commands } from "./bot/commands/index.js";
import type { Deps } from "./bot/command.js";
import { createDispatcher } from "./bot/dispatcher.js";
import type { Scheduler } from "./bot/ports.js";
import { ConfigError, loadConfig, sqlitePath, type Config } from "./config.js";
import { CurriculumError, loadCurriculum } from "./curriculum/loader.js";
import { isRedisReachable } from "./jobs/redis.js";
import { createLogger } from "./logger.js";
import { openDatabase } from "./storage/db.js";
import { createRepos } from "./storage/index.js";

function fail(message: string): never {
  process.stderr.write(`prepcoach: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  let curriculum;
  try {
    curriculum = loadCurriculum();
  } catch (err) {
    if (err instanceof CurriculumError) fail(err.message);
    throw err;
  }
  const db = openDatabase(sqlitePath(config.DATABASE_URL));
  const redisUp = await isRedisReachable(config.REDIS_URL);
  // TODO(issue 5): BullMQ schedulers; until then schedules are stored and nothing posts on a clock.
  const scheduler: Scheduler = { isEnabled: false, subscriptionChanged: async () => undefined };

  const deps: Deps = {
    curriculum, ...createRepos(db), scheduler, logger, defaultTimezone: config.DEFAULT_TIMEZONE,
    clock: { now: () => new Date() },
    random: { next: Math.random, id: () => randomUUID().replace(/-/g, "").slice(0, 12) },
  };
  const dispatcher = createDispatcher(deps, commands, actions);

  const onPlatform = Boolean(config.DISCORD_TOKEN || config.SLACK_BOT_TOKEN);
  if (onPlatform) fail("the Discord and Slack adapters are not built yet; unset their tokens to use the console");

  const console = createConsoleAdapter({
    input: process.stdin, output: process.stdout, dispatcher, commands, user: { id: userInfo().username, name: userInfo().username },
  });
  if (!redisUp) {
    process.stdout.write(`Scheduling is off: Redis at ${config.REDIS_URL} is not reachable. Everything else works.\n`);
  }
  await console.run();
  db.$client.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`prepcoach: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
