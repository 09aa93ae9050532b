/**
 * Issue 19: the process that serves the platforms starts its job workers and rebuilds the
 * schedules only once the adapters are up, so a catch-up queued at boot posts through a Discord
 * session that is already open. The fake Discord plays a bot that has never been online: it
 * refuses Create Message (401, code 40001) until the first gateway IDENTIFY, as Discord does.
 * Jobs started before the gateway would post into that refusal and retry.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localParts } from "../../src/bot/time.js";
import { DAILY_QUEUE, catchUpJobId } from "../../src/jobs/daily-post.js";
import { closeDatabase, openDatabase } from "../../src/storage/db.js";
import { removeTestQueues, startConsole, type ConsoleProcess } from "./console-process.js";
import { FAKE, FakeDiscord } from "./discord-fake/server.js";
import { DISCORD_SPEC_FILE, DiscordSpec } from "./discord-fake/spec.js";

const SPACE = `discord:${FAKE.guildId}`;

/** A zone where it is past 00:15 now, and the time five minutes ago there: today's slot, just missed. */
function slotJustMissed(): { timezone: string; time: string; date: string } {
  for (const timezone of ["UTC", "Asia/Tokyo", "America/Los_Angeles"]) {
    const now = localParts(new Date(), timezone);
    const [hh, mm] = now.time.split(":").map(Number) as [number, number];
    const minutes = hh * 60 + mm - 5;
    if (minutes < 10) continue;
    const time = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
    return { timezone, time, date: now.date };
  }
  throw new Error("unreachable: three zones 8 hours apart");
}

let discord: FakeDiscord;
let app: ConsoleProcess;
let dir: string;
let dbFile: string;
let subscriptionId: number;
const slot = slotJustMissed();

beforeAll(async () => {
  discord = await FakeDiscord.start(new DiscordSpec(DISCORD_SPEC_FILE), { heartbeatMs: 300, neverIdentified: true });
  dir = mkdtempSync(join(tmpdir(), "prepcoach-catch-up-"));
  dbFile = join(dir, "bot.db");
  const db = openDatabase(dbFile);
  db.$client.prepare("insert into spaces (id, platform, timezone) values (?, 'discord', ?)").run(SPACE, slot.timezone);
  subscriptionId = Number(db.$client.prepare(`insert into subscriptions (space_id, channel_id, time, timezone, days, start_date, created_by, updated_at)
    values (?, ?, ?, ?, 'mon,tue,wed,thu,fri,sat,sun', '2026-11-01', 'admin', 0)`).run(SPACE, FAKE.daily, slot.time, slot.timezone).lastInsertRowid);
  await closeDatabase(db);
});

afterAll(async () => {
  if (app && app.child.exitCode === null && app.child.signalCode === null) app.signal("SIGKILL");
  await discord?.close();
  await removeTestQueues();
  rmSync(dir, { recursive: true, force: true });
});

describe("npm start on Discord with a daily slot missed a few minutes ago", () => {
  it("posts the catch-up once, on the first try, through the gateway session it opened first", async () => {
    app = startConsole({
      LOG_LEVEL: "info", DATABASE_URL: `file:${dbFile}`,
      DISCORD_TOKEN: FAKE.token, DISCORD_APP_ID: FAKE.appId, DISCORD_API_URL: discord.apiUrl,
    });
    await app.waitFor(/prepcoach is running/, 0, 45_000);
    await app.waitFor(/"catchUps":1/, 0, 30_000);
    const post = await discord.waitFor(() => discord.messages.find((m) => m.channel_id === FAKE.daily));

    // One Create Message in the daily channel, accepted: none went out before the session opened.
    const creates = discord.requests.filter((r) => r.method === "POST" && r.path === `/channels/${FAKE.daily}/messages`);
    expect(creates.map((r) => r.status)).toEqual([200]);
    expect(discord.gateway.sessionCount).toBe(1);
    expect(discord.messages.filter((m) => m.channel_id === FAKE.daily)).toEqual([post]);

    // The delivery is recorded as posted, with that message, and the job took one attempt.
    const row = await discord.waitFor(() => {
      const db = new Database(dbFile, { readonly: true });
      try {
        const found = db.prepare("select status, error, message_ref from deliveries where subscription_id = ? and local_date = ?")
          .get(subscriptionId, slot.date) as { status: string; error: string | null; message_ref: string | null } | undefined;
        return found?.status === "claimed" ? undefined : found;
      } finally {
        db.close();
      }
    });
    expect(row).toMatchObject({ status: "posted", error: null });
    expect(JSON.parse(row.message_ref!)).toMatchObject({ channelId: FAKE.daily, messageId: post.id });
    const queue = new Queue(DAILY_QUEUE, { prefix: app.prefix, connection: { host: "127.0.0.1", port: 6379 } });
    try {
      const id = catchUpJobId(subscriptionId, slot.date);
      // The job completes just after the row is marked; a failed attempt would leave it delayed.
      for (let i = 0; i < 300 && (await queue.getJobState(id)) === "active"; i++) await new Promise((r) => setTimeout(r, 50));
      const job = await queue.getJob(id);
      expect({ state: await job?.getState(), attemptsMade: job?.attemptsMade }).toEqual({ state: "completed", attemptsMade: 1 });
    } finally {
      await queue.close();
    }
    expect(app.output()).not.toMatch(/job failed|"level":50/);
    expect(discord.violations).toEqual([]);
  });
});
