import type { Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createDispatcher } from "../../src/bot/dispatcher.js";
import { commands } from "../../src/bot/commands/index.js";
import { actions } from "../../src/bot/actions/index.js";
import { isRedisReachable } from "../../src/jobs/redis.js";
import { observabilityRoutes, startHttpServer } from "../../src/observability/http.js";
import { createMetrics } from "../../src/observability/metrics.js";
import { openDatabase } from "../../src/storage/db.js";
import { createRepos } from "../../src/storage/index.js";
import { FakeClock, makeEvent, miniCurriculum, seededRandom } from "../fakes/core.js";
import { TEST_REDIS_URL } from "../redis-setup.js";

let server: Server | undefined;
afterEach(() => { server?.close(); server = undefined; });

async function serve(redisUrl: string) {
  const db = openDatabase(":memory:");
  const metrics = createMetrics();
  metrics.watchQueues(async () => ({ daily: { waiting: 3, delayed: 7 } }));
  const routes = observabilityRoutes({
    database: () => db.$client.prepare("select 1 as ok").get() !== undefined,
    redis: () => isRedisReachable(redisUrl, 300),
  }, metrics.registry);
  server = await startHttpServer(0, routes, "127.0.0.1");
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const dispatcher = createDispatcher({
    curriculum: miniCurriculum(), ...createRepos(db), clock: new FakeClock(), random: seededRandom(),
    logger: { info() {}, warn() {}, error() {} }, defaultTimezone: "UTC", telemetry: metrics.telemetry,
    scheduler: { isEnabled: false, subscriptionChanged: async () => undefined },
  }, commands, actions);
  return { base, dispatcher, metrics };
}

describe("/healthz and /metrics", () => {
  it("reports the database and Redis up", async () => {
    const { base } = await serve(TEST_REDIS_URL);
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "up", redis: "up" });
  });

  it("reports degraded with 503 when Redis is down", async () => {
    const { base } = await serve("redis://127.0.0.1:1");
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "degraded", database: "up", redis: "down" });
  });

  it("counts commands by name and outcome, with latency and queue depths", async () => {
    const { base, dispatcher, metrics } = await serve(TEST_REDIS_URL);
    await dispatcher.handle(makeEvent({ kind: "command", name: "help" }));
    await dispatcher.handle(makeEvent({ kind: "command", name: "quiz", args: { topic: "nope" } }));
    await dispatcher.handle(makeEvent({ kind: "command", name: "made-up-command-123" }));
    const dup = makeEvent({ kind: "command", name: "help", idempotencyKey: "same" });
    await dispatcher.handle(dup);
    await dispatcher.handle(dup);
    metrics.delivery("sent");
    const body = await (await fetch(`${base}/metrics`)).text();
    expect(body).toContain('prepcoach_commands_total{command="help",kind="command",outcome="ok"} 2');
    expect(body).toContain('prepcoach_commands_total{command="help",kind="command",outcome="duplicate"} 1');
    expect(body).toContain('prepcoach_commands_total{command="quiz",kind="command",outcome="user_error"} 1');
    expect(body).toContain('prepcoach_commands_total{command="unknown",kind="command",outcome="user_error"} 1');
    expect(body).toContain('prepcoach_command_duration_seconds_count{command="help"} 3');
    expect(body).toContain('prepcoach_deliveries_total{result="sent"} 1');
    expect(body).toContain('prepcoach_queue_jobs{queue="daily",state="delayed"} 7');
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
  });
});
