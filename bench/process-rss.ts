/**
 * The RSS of the bot as production runs it: the Dockerfile's CMD (`node --optimize-for-size
 * dist/main.js`), with the Discord and Slack adapters on the local fakes, a SQLite file holding every subscription, after
 * ten members asked /stats through the fake Discord (charts drawn on the worker pool). Baseline:
 * a bare Node process that only keeps a timer.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Curriculum } from "../src/curriculum/loader.js";
import { closeDatabase, openDatabase } from "../src/storage/db.js";
import { freePort, removeTestQueues, ROOT, startConsole } from "../tests/e2e/console-process.js";
import { command } from "../tests/e2e/discord-fake/payloads.js";
import { FAKE, FakeDiscord } from "../tests/e2e/discord-fake/server.js";
import { DISCORD_SPEC_FILE, DiscordSpec } from "../tests/e2e/discord-fake/spec.js";
import { startFakeSlack } from "../tests/e2e/slack-fake/server.js";
import type { Figure } from "./run.js";
import { productionCommand } from "./production-command.js";
import { rng, sleep } from "./stats.js";

const STATS = 10;
const DAY = 86_400_000;
const member = (i: number) => ({ id: `7000000000000001${String(i).padStart(2, "0")}`, name: `member${i}` });

/** Resident set size of a process, from the kernel (VmRSS), in MB. */
function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Math.round(Number(kb) / 1_024);
}

/**
 * The bot's database: the fake guild's space, `subs` subscriptions due a few hours from now every
 * day (a scheduler each, nothing to catch up at boot: yesterday's slot is past the 6 h lateness),
 * and the ten members' answers of the last three weeks, so each /stats draws a chart.
 */
function seedBotDatabase(file: string, subs: number, curriculum: Curriculum): void {
  const db = openDatabase(file);
  const c = db.$client;
  const space = `discord:${FAKE.guildId}`;
  const now = Date.now();
  const slot = new Date(now + 3 * 3_600_000);
  const time = `${String(slot.getUTCHours()).padStart(2, "0")}:${String(slot.getUTCMinutes()).padStart(2, "0")}`;
  const questions = [...curriculum.questionsById.values()];
  const random = rng(31);
  c.transaction(() => {
    c.prepare("insert into spaces (id, platform, timezone) values (?, 'discord', 'UTC')").run(space);
    const insSub = c.prepare(`insert into subscriptions (space_id, channel_id, time, timezone, days, plan_id, start_date, created_by, updated_at)
      values (?, ?, ?, 'UTC', 'mon,tue,wed,thu,fri,sat,sun', null, '2026-01-01', 'bench', ?)`);
    for (let i = 0; i < subs; i++) insSub.run(space, String(600_000_000_000_200_000n + BigInt(i)), time, now);
    const insMember = c.prepare("insert into members (id, space_id, platform_user_id, display_name) values (?, ?, ?, ?)");
    const insAttempt = c.prepare(`insert into attempts (space_id, member_id, session_id, question_id, topic, level, format, answer, score, is_correct, created_at)
      values (?, ?, ?, ?, ?, ?, 'mcq', 'x', ?, ?, ?)`);
    for (let m = 1; m <= STATS; m++) {
      insMember.run(m, space, member(m).id, member(m).name);
      for (let k = 0; k < 40; k++) {
        const q = questions[Math.floor(random() * questions.length)]!;
        const ok = random() < 0.6 ? 1 : 0;
        insAttempt.run(space, m, `rss-${m}-${k}`, q.id, q.topic, q.level, ok, ok, now - Math.floor(random() * 21 * DAY));
      }
    }
  })();
  void closeDatabase(db);
}

export async function benchProcessRss(dir: string, redisUrl: string, subs: number, curriculum: Curriculum): Promise<Figure[]> {
  const bare = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  await sleep(1_000);
  const bareMb = rssMb(bare.pid!);
  bare.kill();
  await once(bare, "exit");

  const file = join(dir, "rss-bot.db");
  seedBotDatabase(file, subs, curriculum);
  const production = productionCommand(ROOT);
  const discord = await FakeDiscord.start(new DiscordSpec(DISCORD_SPEC_FILE), { heartbeatMs: 1_000 });
  const slack = await startFakeSlack();
  const app = startConsole({
    LOG_LEVEL: "info", DATABASE_URL: `file:${file}`, HTTP_PORT: String(await freePort()), REDIS_URL: redisUrl,
    DISCORD_TOKEN: FAKE.token, DISCORD_APP_ID: FAKE.appId, DISCORD_API_URL: discord.apiUrl,
    SLACK_BOT_TOKEN: "xoxb-bench", SLACK_SIGNING_SECRET: "bench-secret", SLACK_API_URL: slack.apiUrl,
  }, { command: production, cwd: ROOT });
  try {
    await app.waitFor(/prepcoach is running/, 0, 180_000);
    await sleep(1_000);
    const booted = rssMb(app.child.pid!);
    const asked = Array.from({ length: STATS }, (_, i) => command(discord, member(i + 1), "stats"));
    for (const p of asked) discord.interact(p);
    for (const p of asked) {
      await discord.waitFor(() => discord.messages.find((m) => m.interactionId === p.id && (m.attachments?.length ?? 0) > 0), 180_000);
    }
    await sleep(1_000); // settle: replies sent, the pool idle again
    const ours = rssMb(app.child.pid!);
    const scheduled = /"schedulers":(\d+)/.exec(app.output())?.[1];
    return [{
      name: `RSS of node dist/main.js (Discord + Slack on the fakes, ${subs} subscriptions, after ${STATS} /stats)`, unit: "MB", ours, baseline: bareMb,
      target: "≤ 200 MB", pass: ours <= 200,
      note: `run as \`${["node", ...production.slice(1)].join(" ")}\` (the Dockerfile's CMD); ${booted} MB after boot, before the /stats; baseline: a bare node process keeping a timer; ${STATS} charts came back as attachments${scheduled ? `; ${scheduled} schedulers reconciled at boot` : ""}; fake Discord's spec violations: ${discord.violations.length}`,
    }];
  } finally {
    if (app.child.exitCode === null && app.child.signalCode === null) {
      app.signal("SIGTERM");
      await Promise.race([app.exited, sleep(15_000)]);
      await app.crash();
    }
    await Promise.all([discord.close(), slack.close()]);
    await removeTestQueues(redisUrl);
  }
}
