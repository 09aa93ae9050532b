/**
 * `npm start` as a newcomer runs it: a copy of the project with no data folder and a `.env`
 * holding only what docs/discord.md asks for (DISCORD_TOKEN, DISCORD_APP_ID), against the fake
 * Discord with the portal's privileged intents all off, as on a new application. The process
 * must connect (no 4014), and a daily post's button must work for three members in a row.
 * Only DISCORD_API_URL (aiming discord.js at the fake) comes from the environment.
 */
import { cpSync, existsSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { removeTestQueues, ROOT, startConsole, type ConsoleProcess } from "./console-process.js";
import { ADMIN, ASHA, click, command, MEERA, RAVI, str } from "./discord-fake/payloads.js";
import { FAKE, FakeDiscord } from "./discord-fake/server.js";
import { DISCORD_SPEC_FILE, DiscordSpec } from "./discord-fake/spec.js";

const EPHEMERAL = 64;

/** What a clone holds that `npm start` needs; node_modules as `npm install` would leave it. */
function freshClone(): string {
  const dir = mkdtempSync(join(tmpdir(), "prepcoach-clone-"));
  for (const entry of ["src", "migrations", "package.json", "tsconfig.json"]) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  symlinkSync(realpathSync(join(ROOT, "node_modules")), join(dir, "node_modules"));
  return dir;
}

const processes: ConsoleProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const p of processes.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) {
      p.signal("SIGTERM");
      await p.exited;
    }
  }
});
afterAll(async () => {
  await removeTestQueues();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe(".env", () => {
  it("npm start reads .env from the project folder; a variable set in the environment wins over the file's", async () => {
    const dir = freshClone();
    dirs.push(dir);
    writeFileSync(join(dir, ".env"), "DATABASE_URL=file:./from-file/bot.db\nDEFAULT_TIMEZONE=Asia/Kolkata\n");
    const app = startConsole({ DATABASE_URL: `file:${join(dir, "from-env/bot.db")}` }, { command: ["npm", "start"], cwd: dir });
    processes.push(app);
    app.type("/topics");
    await app.waitFor(/Topics/, 0, 45_000);
    app.child.stdin.end();
    expect(await app.exited).toBe(0);
    expect(existsSync(join(dir, "from-file"))).toBe(false);
    const db = new Database(join(dir, "from-env/bot.db"), { readonly: true });
    try {
      // The file's time zone applied: the new console space got it.
      expect(db.prepare("select timezone from spaces").all()).toEqual([{ timezone: "Asia/Kolkata" }]);
    } finally {
      db.close();
    }
  }, 60_000);
});

describe("a fresh clone on Discord with only DISCORD_TOKEN and DISCORD_APP_ID in .env", () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await FakeDiscord.start(new DiscordSpec(DISCORD_SPEC_FILE), { heartbeatMs: 300 });
  });
  afterAll(async () => fake?.close());

  it("connects without asking for a privileged intent (513, no 4014), and a daily post's button works for three members in a row", async () => {
    const dir = freshClone();
    dirs.push(dir);
    writeFileSync(join(dir, ".env"), `DISCORD_TOKEN=${FAKE.token}\nDISCORD_APP_ID=${FAKE.appId}\n`);
    const app = startConsole({ DISCORD_API_URL: fake.apiUrl, LOG_LEVEL: "info" }, { command: ["npm", "start"], cwd: dir });
    processes.push(app);
    await app.waitFor(/prepcoach is running/, 0, 45_000);
    expect(fake.gateway.identifies.map((i) => [i.token, i.intents])).toEqual([[FAKE.token, 1 | 512]]);
    expect(fake.gateway.closes).toEqual([]);

    // The admin schedules #daily-prep for the coming minute (30–90 s ahead), every day, in UTC.
    const at = new Date(Math.floor((Date.now() + 90_000) / 60_000) * 60_000);
    const hhmm = at.toISOString().slice(11, 16);
    const set = command(fake, ADMIN, "config", [str("time", hhmm), str("tz", "UTC"), str("days", "daily")], { sub: "set", channelId: FAKE.daily });
    fake.interact(set);
    await fake.waitFor(() => fake.messages.find((m) => m.interactionId === set.id && JSON.stringify(m.embeds).includes("Daily schedule created")), 20_000);

    const post = await fake.waitFor(() => fake.messages.find((m) => m.channel_id === FAKE.daily && !m.interactionId), 120_000);
    expect(post.flags & EPHEMERAL).toBe(0);
    const quizMe = (post.components as Array<{ components: Array<{ custom_id: string; label: string }> }>)
      .flatMap((r) => r.components).find((b) => b.label.startsWith("Quiz me"))!;
    for (const who of [ASHA, RAVI, MEERA]) {
      const p = click(fake, who, post, quizMe.custom_id);
      fake.interact(p);
      const quiz = await fake.waitFor(() => fake.messages.find((m) => m.interactionId === p.id && m.embeds.length > 0), 20_000);
      expect(quiz.flags & EPHEMERAL).toBe(EPHEMERAL);
    }
    expect(fake.callbacks.filter((c) => c.type === 7)).toEqual([]);
    expect(fake.violations).toEqual([]);
    expect(app.output()).not.toMatch(/"level":50|failed to start/);
  }, 180_000);
});
