/**
 * Scale-out on one host (docs/deploy.md): a second process with PROCESS_ROLE=worker shares the
 * Redis queues and the SQLite file of the main bot. It opens no gateway session and no receiver,
 * takes daily-post jobs beside the main process, posts through REST, and no day is posted twice.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase } from "../../src/storage/db.js";
import { slotAnHourAgo } from "../helpers/due-slot.js";
import { freePort, removeTestQueues, ROOT, startConsole, type ConsoleProcess } from "./console-process.js";
import { FAKE, FakeDiscord } from "./discord-fake/server.js";
import { DISCORD_SPEC_FILE, DiscordSpec } from "./discord-fake/spec.js";

const SUBSCRIPTIONS = 120;

let discord: FakeDiscord;
let dir: string;
const running: ConsoleProcess[] = [];

const sentBy = async (port: number) => {
  const body = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Number(/prepcoach_deliveries_total\{result="sent"\} (\d+)/.exec(body)?.[1] ?? 0);
};

beforeAll(async () => {
  discord = await FakeDiscord.start(new DiscordSpec(DISCORD_SPEC_FILE), { heartbeatMs: 300 });
  dir = mkdtempSync(join(tmpdir(), "prepcoach-worker-"));
  // Many guilds' daily schedules, each due an hour ago, all in the fake's daily channel.
  const db = openDatabase(join(dir, "bot.db"));
  const { timezone, time } = slotAnHourAgo();
  const space = db.$client.prepare("insert into spaces (id, platform, timezone) values (?, 'discord', ?)");
  const sub = db.$client.prepare(`insert into subscriptions (space_id, channel_id, time, timezone, days, start_date, created_by, updated_at)
    values (?, ?, ?, ?, 'mon,tue,wed,thu,fri,sat,sun', '2026-11-01', 'admin', 0)`);
  db.$client.transaction(() => {
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      space.run(`discord:${9_000 + i}`, timezone);
      sub.run(`discord:${9_000 + i}`, FAKE.daily, time, timezone);
    }
  })();
  await closeDatabase(db);
});

afterAll(async () => {
  for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) p.signal("SIGKILL");
  discord?.close();
  await removeTestQueues();
  rmSync(dir, { recursive: true, force: true });
});

describe("PROCESS_ROLE=worker beside the main process", () => {
  it("shares the day's posts with the main process through the same queues; each is posted once", async () => {
    const env = {
      LOG_LEVEL: "info", DATABASE_URL: `file:${join(dir, "bot.db")}`,
      DISCORD_TOKEN: FAKE.token, DISCORD_APP_ID: FAKE.appId, DISCORD_API_URL: discord.apiUrl,
    };
    const workerPort = await freePort();
    const worker = startConsole({ ...env, PROCESS_ROLE: "worker", HTTP_PORT: String(workerPort) });
    running.push(worker);
    await worker.waitFor(/prepcoach is running/, 0, 45_000);
    expect(discord.gateway.identifies).toHaveLength(0); // no gateway session of its own
    expect(await (await fetch(`http://127.0.0.1:${workerPort}/healthz`)).json()).toEqual({ status: "ok", database: "up", redis: "up" });

    const mainPort = await freePort();
    const main = startConsole({ ...env, QUEUE_PREFIX: worker.prefix, HTTP_PORT: String(mainPort) });
    running.push(main);
    await main.waitFor(/prepcoach is running/, 0, 45_000);
    expect(discord.gateway.identifies).toHaveLength(1);

    const daily = () => discord.messages.filter((m) => m.channel_id === FAKE.daily && String(m.nonce ?? "").startsWith("daily-"));
    await discord.waitFor(() => daily().length >= SUBSCRIPTIONS || undefined, 30_000);
    expect(new Set(daily().map((m) => m.nonce)).size).toBe(SUBSCRIPTIONS);
    expect(discord.violations).toEqual([]);

    const [byWorker, byMain] = [await sentBy(workerPort), await sentBy(mainPort)];
    expect(byWorker).toBeGreaterThan(0);
    expect(byMain).toBeGreaterThan(0);
    expect(byWorker + byMain).toBe(SUBSCRIPTIONS);
    // One request per day's post: neither a retry nor the other process sent one again (the fake
    // would fold a repeated nonce into one message, so the requests are what show it).
    const dailyPosts = discord.requests.filter((r) => r.method === "POST" && r.path === `/channels/${FAKE.daily}/messages`
      && String((r.body as { nonce?: string }).nonce ?? "").startsWith("daily-"));
    expect(dailyPosts).toHaveLength(SUBSCRIPTIONS);

    for (const p of [worker, main]) {
      const from = p.output().length;
      p.signal("SIGTERM");
      await p.waitFor(/prepcoach stopped/, from, 15_000);
      await p.exited;
      expect(p.output()).not.toMatch(/"level":50|failed to start/);
    }
  }, 120_000);

  it("refuses to start as a worker with no platform to post to", async () => {
    const p = startConsole({ PROCESS_ROLE: "worker", DATABASE_URL: `file:${join(dir, "refused.db")}` });
    running.push(p);
    expect(await p.exited).toBe(1);
    expect(p.output()).toMatch(/PROCESS_ROLE: worker posts for Discord or Slack: set DISCORD_TOKEN, SLACK_BOT_TOKEN or SLACK_CLIENT_ID/);
  });
});
