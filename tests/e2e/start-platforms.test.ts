/**
 * `npm start` with Discord and Slack tokens: the real process wires both adapters, the jobs and
 * the observability routes, against the local fake Discord and fake Slack. The Slack HTTP
 * receiver owns HTTP_PORT and serves /healthz and /metrics beside /slack/events.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, removeTestQueues, ROOT, startConsole, type ConsoleProcess } from "./console-process.js";
import { command, str } from "./discord-fake/payloads.js";
import { FAKE, FakeDiscord } from "./discord-fake/server.js";
import { DISCORD_SPEC_FILE, DiscordSpec } from "./discord-fake/spec.js";
import { formBody, postSigned, slashCommand } from "./slack-fake/requests.js";
import { startFakeSlack, type FakeSlack } from "./slack-fake/server.js";

const SIGNING_SECRET = "start-test-secret";
const ASHA = { id: "700000000000000001", name: "asha" };

let discord: FakeDiscord;
let slack: FakeSlack;
let app: ConsoleProcess;
let port: number;
let dir: string;

beforeAll(async () => {
  discord = await FakeDiscord.start(new DiscordSpec(DISCORD_SPEC_FILE), { heartbeatMs: 300 });
  slack = await startFakeSlack();
  port = await freePort();
  dir = mkdtempSync(join(tmpdir(), "prepcoach-start-"));
  app = startConsole({
    LOG_LEVEL: "info", DATABASE_URL: `file:${join(dir, "bot.db")}`, HTTP_PORT: String(port),
    DISCORD_TOKEN: FAKE.token, DISCORD_APP_ID: FAKE.appId, DISCORD_API_URL: discord.apiUrl,
    SLACK_BOT_TOKEN: "xoxb-start-test", SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl,
  });
  await app.waitFor(/prepcoach is running/, 0, 45_000);
});

afterAll(async () => {
  if (app && app.child.exitCode === null && app.child.signalCode === null) app.signal("SIGKILL");
  await Promise.all([discord?.close(), slack?.close()]);
  await removeTestQueues();
  rmSync(dir, { recursive: true, force: true });
});

describe("npm start on Discord and Slack", () => {
  it("serves /healthz and /metrics on the Slack receiver's port, with the database and Redis up", async () => {
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", database: "up", redis: "up" });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain("prepcoach_commands_total");
  });

  it("warms the chart worker in the background once the platforms are up", async () => {
    const running = app.output().indexOf("prepcoach is running");
    await app.waitFor(/chart worker warmed/, running, 60_000);
    expect(app.output().indexOf("chart worker warmed")).toBeGreaterThan(running);
  });

  it("registers the slash commands and answers /quiz on Discord", async () => {
    const registered = discord.requests.find((r) => r.method === "PUT" && r.path.includes(`/applications/${FAKE.appId}/commands`));
    expect(registered).toBeDefined();
    const quiz = command(discord, ASHA, "quiz", [str("topic", "caching")]);
    discord.interact(quiz);
    const reply = await discord.waitFor(() => discord.callbacks.find((c) => c.interactionId === quiz.id && (c.type === 4 || c.type === 5)));
    expect(reply.status).toBe(204);
    const message = await discord.waitFor(() => discord.messages.find((m) => m.interactionId === quiz.id));
    expect(JSON.stringify(message.embeds)).toMatch(/caching/i);
    expect(discord.violations).toEqual([]);
  });

  it("answers a signed /quiz on Slack through the same port, and refuses a bad signature", async () => {
    const body = formBody(slashCommand({ userId: "U1", command: "/quiz", text: "caching", responseUrl: slack.responseUrl("start-quiz") }));
    const ok = await postSigned(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET, body, "application/x-www-form-urlencoded");
    expect(ok.status).toBe(200);
    const answer = await slack.waitFor(() => slack.responses.find((r) => r.id === "start-quiz"));
    expect(JSON.stringify(answer.body.blocks)).toMatch(/caching/i);
    const bad = await postSigned(`http://127.0.0.1:${port}/slack/events`, "wrong-secret", body, "application/x-www-form-urlencoded");
    expect(bad.status).toBe(401);
  });

  it("stops cleanly on SIGTERM: jobs, adapters and the database closed", async () => {
    const from = app.output().length;
    app.signal("SIGTERM");
    await app.waitFor(/prepcoach stopped/, from, 15_000);
    await app.exited;
    expect(app.output()).not.toMatch(/"level":50|failed to start/);
  });
});
