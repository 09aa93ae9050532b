/**
 * Scale-out on PostgreSQL (issue 21, docs/deploy.md): two full bot processes (A and B) and a
 * PROCESS_ROLE=worker, each the real entry point run from its own empty working directory (no
 * shared file: a process that fell back to SQLite would leave one there), sharing one fresh
 * PostgreSQL database, the one Redis under one test prefix and one fake Discord.
 *
 * A and B each hold a gateway session. Discord itself sends a guild's interactions to the session
 * of its shard; here the test sends one guild's interactions to both sessions, as a router in front
 * of replicas does (Slack over HTTP, Discord's interactions endpoint): the case where two hosts
 * write the same round and the same member at the same moment, which only the database can keep
 * exactly-once (unique keys, ON CONFLICT, the member row lock: src/storage/pg/activities.ts).
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCurriculum } from "../../src/curriculum/loader.js";
import { openStore } from "../../src/storage/store.js";
import { createTestDatabase } from "../helpers/pg-database.js";
import { slotAnHourAgo } from "../helpers/due-slot.js";
import { freePort, removeTestQueues, ROOT, startConsole, type ConsoleProcess } from "./console-process.js";
import { ADMIN, click, command, int, str, type Who } from "./discord-fake/payloads.js";
import { FAKE, FakeDiscord, type StoredMessage } from "./discord-fake/server.js";
import { DISCORD_SPEC_FILE, DiscordSpec } from "./discord-fake/spec.js";

const SPACES = 1_000;
/** Each space's daily channel: one per space, so a duplicate or a gap shows per channel. */
const channelOf = (i: number) => String(620_000_000_000_000_000n + BigInt(i));
/** Gateway sessions in IDENTIFY order: A identifies first, then B. */
const [A, B] = [0, 1];
const DAILY_CAP = 100;

let discord: FakeDiscord;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let pool: pg.Pool;
const dirs: string[] = [];
const running: ConsoleProcess[] = [];
const curriculum = loadCurriculum();

const sql = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => (await pool.query<T>(text, values)).rows;
const buttonsOf = (m: StoredMessage) => (m.components as Array<{ components: Array<{ custom_id: string }> }>).flatMap((r) => r.components);
const embedText = (m: StoredMessage) => JSON.stringify(m.embeds);

/** The reply to a slash command: answered at once (type 4) or deferred (type 5) and edited. */
async function replyTo(p: { id: string }): Promise<StoredMessage> {
  await discord.waitFor(() => discord.callbacks.find((c) => c.interactionId === p.id && (c.type === 4 || c.type === 5)), 60_000);
  return discord.waitFor(() => discord.messages.find((m) => m.interactionId === p.id && (m.embeds.length > 0 || m.content)), 60_000);
}

/** The right option's custom id among a question message's buttons (`<type>:<id>:<choice>`), its question read from the database. */
async function rightButton(message: StoredMessage, type: "quiz.answer" | "round.answer"): Promise<{ customId: string; questionId: string }> {
  const id = buttonsOf(message).find((b) => b.custom_id.startsWith(`${type}:`))!.custom_id.split(":")[1]!;
  const [row] = await sql<{ question_id: string }>(`select question_id from ${type === "quiz.answer" ? "quiz_sessions" : "rounds"} where id = $1`, [id]);
  const q = curriculum.questionsById.get(row!.question_id)!;
  if (q.format !== "mcq") throw new Error(`${row!.question_id} is not multiple choice`);
  return { customId: `${type}:${id}:${q.options.findIndex((o) => o.correct)}`, questionId: q.id };
}

/** The real entry point (what `npm start` runs), from an empty directory of its own. */
function startHost(name: string, env: Record<string, string>): ConsoleProcess {
  const cwd = mkdtempSync(join(tmpdir(), `prepcoach-scale-${name}-`));
  dirs.push(cwd);
  const p = startConsole(env, { command: [join(ROOT, "node_modules/.bin/tsx"), join(ROOT, "src/main.ts")], cwd });
  running.push(p);
  return p;
}

beforeAll(async () => {
  discord = await FakeDiscord.start(new DiscordSpec(DISCORD_SPEC_FILE), { heartbeatMs: 1_000 });
  discord.addChannels(Array.from({ length: SPACES }, (_, i) => channelOf(i)));
  database = await createTestDatabase();
  // Migrated as a host would, then 1,000 spaces' daily posts all due at the same minute.
  await (await openStore(database.url)).close();
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const { timezone, time } = slotAnHourAgo();
  const started = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  await sql(`insert into spaces (id, platform, timezone)
    select 'discord:' || (810000000000000000 + g), 'discord', $1 from generate_series(0, $2::int - 1) g`, [timezone, SPACES]);
  await sql(`insert into subscriptions (space_id, channel_id, time, timezone, days, start_date, created_by, updated_at)
    select 'discord:' || (810000000000000000 + g), (620000000000000000 + g)::text, $1, $2, 'mon,tue,wed,thu,fri,sat,sun', $3, 'admin', now()
    from generate_series(0, $4::int - 1) g`, [time, timezone, started, SPACES]);
}, 60_000);

afterAll(async () => {
  for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) await p.crash();
  await discord?.close();
  await pool?.end();
  await database?.drop();
  await removeTestQueues();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("two bot processes and a worker on one PostgreSQL database", () => {
  it("post 1,000 due daily posts once each, close a round answered through both once with every answer, and hold one member to the daily cap", async () => {
    const base = {
      LOG_LEVEL: "info", DATABASE_URL: database.url,
      DISCORD_TOKEN: FAKE.token, DISCORD_APP_ID: FAKE.appId, DISCORD_API_URL: discord.apiUrl,
    };
    const worker = startHost("worker", { ...base, PROCESS_ROLE: "worker", HTTP_PORT: String(await freePort()) });
    const env = { ...base, QUEUE_PREFIX: worker.prefix };
    await worker.waitFor(/prepcoach is running/, 0, 90_000);
    const portA = await freePort();
    const hostA = startHost("a", { ...env, HTTP_PORT: String(portA) });
    await hostA.waitFor(/prepcoach is running/, 0, 90_000);
    expect(discord.gateway.sessionCount).toBe(1);
    const hostB = startHost("b", { ...env, HTTP_PORT: String(await freePort()) });
    await hostB.waitFor(/prepcoach is running/, 0, 90_000);
    expect(discord.gateway.sessionCount).toBe(2);
    expect(await (await fetch(`http://127.0.0.1:${portA}/healthz`)).json()).toEqual({ status: "ok", database: "up", redis: "up" });

    // A round, started through A, answered at once by six members, half through A and half through B.
    const start = command(discord, ADMIN, "round", [int("minutes", 1)], { sub: "start", channelId: FAKE.rounds });
    discord.interact(start, { session: A });
    const question = await replyTo(start);
    const roundRight = await rightButton(question, "round.answer");
    const roundId = roundRight.customId.split(":")[1]!;
    const players: Who[] = Array.from({ length: 6 }, (_, i) => ({ id: `70000000000000010${i}`, name: `player${i}` }));
    const answers = players.map((who) => click(discord, who, question, roundRight.customId));
    answers.forEach((p, i) => discord.interact(p, { session: i % 2 === 0 ? A : B }));
    for (const p of answers) expect(embedText(await replyTo(p))).toContain("Your answer is in");

    // One member, twenty right answers to twenty questions (200 points before the cap), all sent at once through both hosts.
    const capper: Who = { id: "700000000000000200", name: "capper" };
    const questions: StoredMessage[] = [];
    for (let i = 0; i < 20; i++) {
      const ask = command(discord, capper, "quiz", [str("format", "mcq")]);
      discord.interact(ask, { session: i % 2 === 0 ? A : B });
      questions.push(await replyTo(ask));
    }
    const rights = await Promise.all(questions.map((m) => rightButton(m, "quiz.answer")));
    const distinct = new Set(rights.map((r) => r.questionId)).size;
    expect(distinct * 10).toBeGreaterThan(DAILY_CAP); // the cap binds
    const clicks = questions.map((m, i) => click(discord, capper, m, rights[i]!.customId));
    clicks.forEach((p, i) => discord.interact(p, { session: i % 2 === 0 ? A : B }));
    await discord.waitFor(() => clicks.every((p) => discord.callbacks.some((c) => c.interactionId === p.id && c.status === 204)) || undefined, 90_000);
    const [earned] = await sql<{ points: number; rows: number }>(`select coalesce(sum(p.points), 0)::int points, count(*)::int "rows"
      from points p join members m on m.id = p.member_id where m.platform_user_id = $1`, [capper.id]);
    expect(earned!.points).toBe(DAILY_CAP);
    expect(earned!.rows).toBe(distinct); // one ledger row per question (a clipped award still records its ref)
    const [day] = await sql<{ points: number }>(`select t.points from point_totals t join members m on m.id = t.member_id
      where m.platform_user_id = $1 and t.board = 'space' and t.period like 'd%'`, [capper.id]);
    expect(day!.points).toBe(DAILY_CAP);
    expect(await sql(`select count(*)::int n from attempts a join members m on m.id = a.member_id where m.platform_user_id = $1`, [capper.id]))
      .toEqual([{ n: 20 }]);

    // Every daily post once: one message and one request per channel, none missing.
    const isDaily = (nonce: unknown) => String(nonce ?? "").startsWith("daily-");
    const dailyByChannel = () => {
      const seen = new Map<string, number>();
      for (const m of discord.messages) if (isDaily(m.nonce)) seen.set(m.channel_id, (seen.get(m.channel_id) ?? 0) + 1);
      return seen;
    };
    await discord.waitFor(() => dailyByChannel().size >= SPACES || undefined, 240_000);
    const requests = new Map<string, number>();
    for (const r of discord.requests) {
      if (r.method === "POST" && r.template === "/channels/{channel_id}/messages" && isDaily((r.body as { nonce?: unknown }).nonce)) {
        const channel = r.path.split("/")[2]!;
        requests.set(channel, (requests.get(channel) ?? 0) + 1);
      }
    }
    const all = Array.from({ length: SPACES }, (_, i) => channelOf(i));
    expect(all.filter((c) => dailyByChannel().get(c) !== 1)).toEqual([]);
    expect(all.filter((c) => requests.get(c) !== 1)).toEqual([]);
    expect(await sql(`select status, count(*)::int n from deliveries group by status`)).toEqual([{ status: "posted", n: SPACES }]);

    // The round closes once (its timer, on whichever host took it), every answer counted and named.
    const closed = () => discord.messages.filter((m) => m.channel_id === FAKE.rounds && (m.embeds[0] as { title?: string } | undefined)?.title === "Round closed");
    const [results] = await discord.waitFor(() => (closed().length > 0 ? closed() : undefined), 180_000);
    expect(results!.embeds[0]).toMatchObject({ fields: expect.arrayContaining([
      expect.objectContaining({ name: "Answered", value: "6" }), expect.objectContaining({ name: "Right", value: "6" }),
    ]) });
    for (const who of players) expect(embedText(results!)).toContain(who.name[0]!.toUpperCase() + who.name.slice(1));
    expect(await sql(`select count(*)::int n from round_answers where round_id = $1`, [roundId])).toEqual([{ n: 6 }]);
    expect(await sql(`select count(*)::int n from points where ref like $1`, [`round-${roundId}-%`])).toEqual([{ n: 6 }]);
    const resultPosts = discord.requests.filter((r) => r.method === "POST" && r.path === `/channels/${FAKE.rounds}/messages`);
    expect(resultPosts).toHaveLength(1);
    expect(discord.violations).toEqual([]);

    for (const p of [worker, hostA, hostB]) {
      const from = p.output().length;
      p.signal("SIGTERM");
      await p.waitFor(/prepcoach stopped/, from, 30_000);
      await p.exited;
      expect(p.output()).not.toMatch(/"level":50|failed to start/);
    }
    // Nothing was written where the processes ran: every byte of state is in PostgreSQL and Redis.
    for (const d of dirs) expect(readdirSync(d)).toEqual([]);
  }, 540_000);
});
