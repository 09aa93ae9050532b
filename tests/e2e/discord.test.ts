/**
 * The Discord adapter end to end: the real discord.js client inside the real adapter, the real
 * dispatcher on a SQLite file, the real curriculum and the jobs layer on the machine's Redis,
 * against a local fake Discord (REST + gateway) that checks every request body against
 * Discord's OpenAPI description.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DiscordAdapter } from "../../src/adapters/discord/index.js";
import { commands } from "../../src/bot/commands/index.js";
import { PermanentDeliveryError } from "../../src/bot/errors.js";
import { channelReply, privateReply, text, type Attachment } from "../../src/bot/reply.js";
import { roundClose } from "../../src/bot/services/round.js";
import { dailyTaskReply } from "../../src/bot/views/daily.js";
import type { Curriculum } from "../../src/curriculum/loader.js";
import type { Jobs } from "../../src/jobs/index.js";
import type { Repos } from "../../src/storage/index.js";
import type { FakeClock } from "../fakes/core.js";
import { ROOT, SPACE, startDiscordHarness, type DiscordHarness, type Row } from "./discord-fake/harness.js";
import { ADMIN, ASHA, autocomplete, click, command, int, MEERA, RAVI, str, submitModal, type Who } from "./discord-fake/payloads.js";
import { FAKE, type FakeDiscord, type StoredMessage } from "./discord-fake/server.js";
import { gradingCase, type GradingCase } from "./grading-case.js";

const EPHEMERAL = 64;
/** A 1×1 PNG. */
const PNG_1X1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
const CHART: Attachment = { name: "progress.png", contentType: "image/png", data: PNG_1X1, description: "Accuracy per topic" };
const EXPORT_JSON = JSON.stringify({ attempts: [{ questionId: "caching-1", score: 1 }] });
const EXPORT: Attachment = { name: "prepcoach-export.json", contentType: "application/json", data: Buffer.from(EXPORT_JSON).toString("base64") };

type Button = { type: number; custom_id: string; label: string; style: number; disabled?: boolean };

let h: DiscordHarness;
let fake: FakeDiscord;
let adapter: DiscordAdapter;
let repos: Repos;
let jobs: Jobs;
let curriculum: Curriculum;
let clock: FakeClock;

const sql = (query: string, ...params: unknown[]): Row[] => h.sql(query, ...params);
const buttonsOf = (m: StoredMessage): Button[] => (m.components as Array<{ components: Button[] }>).flatMap((r) => r.components);
const callbackOf = (id: string, type?: number) => fake.waitFor(() => fake.callbacks.find((c) => c.interactionId === id && (type === undefined || c.type === type)));
const messagesOf = (interactionId: string) => fake.messages.filter((m) => m.interactionId === interactionId);

/**
 * The reply to a slash command: answered at once (type 4) or, on a slow machine, deferred
 * (type 5) and edited; either way the interaction's first message once it has content.
 */
async function replyTo(p: { id: string }): Promise<StoredMessage> {
  await fake.waitFor(() => fake.callbacks.find((c) => c.interactionId === p.id && (c.type === 4 || c.type === 5)));
  return fake.waitFor(() => messagesOf(p.id).find((m) => m.embeds.length > 0 || m.content));
}

/** A question of the given format from the real curriculum (whatever topics it has today). */
function questionWith(format: "mcq" | "free") {
  for (const t of curriculum.topics) {
    const q = t.questions.find((x) => x.format === format);
    if (q) return { topic: t.id, level: q.level };
  }
  throw new Error(`the curriculum has no ${format} question`);
}

/** `/quiz` by a member, and the ephemeral question message it produced. */
async function askQuiz(format: "mcq" | "free") {
  const { topic, level } = questionWith(format);
  const p = command(fake, ASHA, "quiz", [str("topic", topic), int("level", level), str("format", format)]);
  fake.interact(p);
  return { message: await replyTo(p), topic };
}

/** Members who answer nothing else in this file, so `/quiz` has asked them nothing yet. */
const KAVYA: Who = { id: "700000000000000011", name: "kavya" };
const ARJUN: Who = { id: "700000000000000012", name: "arjun" };

/** Everything an embed shows, as one text. */
const shownIn = (m: StoredMessage) => (m.embeds as Array<{ title?: string; description?: string; fields?: Array<{ name: string; value: string }> }>)
  .flatMap((e) => [e.title ?? "", e.description ?? "", ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]).filter(Boolean).join("\n");
const fieldOf = (m: StoredMessage, name: string) => (m.embeds as Array<{ fields?: Array<{ name: string; value: string }> }>)
  .flatMap((e) => e.fields ?? []).find((f) => f.name === name)?.value;

/**
 * `/quiz <topic> <level> free` by `who` until it asks the case's question. The pick avoids what the
 * member was asked this week, so a member new to that level meets it within the pool's size.
 */
async function askUntil(who: Who, c: GradingCase) {
  for (let i = 0; i < c.poolSize; i++) {
    const p = command(fake, who, "quiz", [str("topic", c.question.topic), int("level", c.question.level), str("format", "free")]);
    fake.interact(p);
    const message = await replyTo(p);
    const form = buttonsOf(message).find((b) => b.custom_id.startsWith("form>quiz.free:"))!;
    const action = form.custom_id.slice("form>".length);
    const sessionId = action.split(":")[1]!;
    if (sql("select question_id from quiz_sessions where id = ?", sessionId)[0]?.question_id === c.question.id) return { message, form, action, sessionId };
  }
  throw new Error(`/quiz did not ask ${c.question.id} within ${c.poolSize} tries`);
}

/** Answers the asked question through its modal; the graded message that follows. */
async function answerInModal(who: Who, asked: Awaited<ReturnType<typeof askUntil>>, answer: string): Promise<StoredMessage> {
  const open = click(fake, who, asked.message, asked.form.custom_id);
  fake.interact(open);
  await callbackOf(open.id, 9);
  const submit = submitModal(fake, who, asked.message, asked.action, "answer", answer);
  fake.interact(submit);
  const [graded] = await fake.waitFor(() => messagesOf(submit.id).length > 0 && messagesOf(submit.id));
  expect(graded!.flags & EPHEMERAL).toBe(EPHEMERAL);
  return graded!;
}

beforeAll(async () => {
  h = await startDiscordHarness();
  ({ fake, adapter, repos, jobs, curriculum, clock } = h);
});

afterEach(() => {
  // Every request the adapter sent matched Discord's schema for its route, and nothing failed.
  const violations = fake.violations.splice(0);
  const errors = h.logged.errors.splice(0);
  expect(violations).toEqual([]);
  expect(errors).toEqual([]);
});

afterAll(async () => {
  await h?.close();
});

describe("Discord adapter against a fake Discord", () => {
  it("connects with the Guilds and GuildMessages intents (no privileged one), keeps heartbeats, and registers every command (bulk overwrite to the guild)", async () => {
    expect(fake.gateway.identifies).toHaveLength(1);
    expect(fake.gateway.identifies[0]).toMatchObject({ token: FAKE.token, intents: 1 | 512 });
    expect(fake.gateway.connectUrls[0]).toMatch(/v=10&encoding=json/);
    await fake.waitFor(() => fake.gateway.heartbeats >= 1);

    const put = fake.requests.find((r) => r.method === "PUT");
    expect(put?.path).toBe(`/applications/${FAKE.appId}/guilds/${FAKE.guildId}/commands`);
    const body = put!.body as Array<{ name: string; description: string; default_member_permissions?: number; options: Array<Record<string, unknown>> }>;
    expect(body.map((c) => c.name)).toEqual(commands.map((c) => c.name));
    for (const c of body) expect(c.description.length).toBeLessThanOrEqual(100);
    const quiz = body.find((c) => c.name === "quiz")!;
    expect(quiz.options).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: "topic", type: 3, autocomplete: true, required: false }),
      expect.objectContaining({ name: "level", type: 4, min_value: 1, max_value: 3 }),
      expect.objectContaining({ name: "format", type: 3, choices: [{ name: "mcq", value: "mcq" }, { name: "free", value: "free" }] }),
    ]));
    const config = body.find((c) => c.name === "config")!;
    expect(config.default_member_permissions).toBe(32); // Manage Server
    expect(config.options.map((o) => [o.name, o.type])).toEqual([["set", 1], ["show", 1], ["pause", 1], ["resume", 1], ["reports", 1],
      ["ping", 1], ["ping-clear", 1], ["reward", 1], ["reward-clear", 1], ["roles", 1]]);
    const set = config.options[0] as { options: Array<{ name: string; type: number }> };
    expect(set.options.map((o) => o.name)).toEqual(["channel", "time", "tz", "days", "plan"]);
    expect(set.options[0]!.type).toBe(7); // a channel picker
    // Every command with an action enum gets one subcommand per action, whatever the core adds.
    for (const c of commands.filter((x) => x.actionArgs)) {
      const actions = (c.args.shape as { action: { unwrap?: () => { options: string[] }; options?: string[] } }).action;
      const values = actions.options ?? actions.unwrap!().options;
      const registered = body.find((x) => x.name === c.name)!.options as Array<{ name: string; type: number; options: Array<{ name: string }> }>;
      expect(registered.map((o) => [o.name, o.type])).toEqual(values.map((v) => [v, 1]));
      for (const sub of registered) expect(sub.options.map((o) => o.name).sort()).toEqual([...(c.actionArgs![sub.name] ?? [])].sort());
    }
    const mock = body.find((c) => c.name === "mock")!;
    expect(mock.options.map((o) => o.name)).toEqual(expect.arrayContaining(["start", "next", "end"]));
  });

  it("/quiz → an ephemeral embed with answer buttons → a wrong pick → its own buttons lock, the pick red and the right answer green, and the grade follows", async () => {
    const { message, topic } = await askQuiz("mcq");
    expect(message.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect((message.embeds[0] as { title: string }).title).toContain(topic);
    const answers = buttonsOf(message).filter((b) => b.custom_id.startsWith("quiz.answer:"));
    expect(answers.length).toBeGreaterThanOrEqual(2);
    const sessionId = answers[0]!.custom_id.split(":")[1]!;
    const [session] = sql("select question_id from quiz_sessions where id = ?", sessionId);
    const question = curriculum.questionsById.get(String(session!.question_id))!;
    if (question.format !== "mcq") throw new Error("expected a multiple-choice question");
    const rightId = `quiz.answer:${sessionId}:${question.options.findIndex((o) => o.correct)}`;
    const wrongId = answers.find((b) => b.custom_id !== rightId)!.custom_id;

    const p = click(fake, ASHA, message, wrongId);
    fake.interact(p);
    const update = await callbackOf(p.id, 7);
    expect(update.status).toBe(204);
    const locked = buttonsOf(message).filter((b) => b.custom_id.startsWith("quiz.answer:"));
    expect(locked.every((b) => b.disabled)).toBe(true);
    expect(locked.find((b) => b.custom_id === wrongId)!.style).toBe(4); // danger: the wrong pick
    expect(locked.find((b) => b.custom_id === rightId)!.style).toBe(3); // success: the right answer
    expect(locked.filter((b) => b.custom_id !== wrongId && b.custom_id !== rightId).every((b) => b.style === 2)).toBe(true);
    // A locked button cannot be pressed again: the fake refuses the click, as Discord's client would.
    expect(() => fake.interact(click(fake, ASHA, message, rightId))).toThrow(/disabled/);

    const [grade] = await fake.waitFor(() => messagesOf(p.id).length > 0 && messagesOf(p.id));
    expect(grade!.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect((grade!.embeds[0] as { title: string }).title).toBe("Not quite");
    expect(buttonsOf(grade!).some((b) => b.custom_id.startsWith("quiz.next:"))).toBe(true);
    expect(sql("select format, is_correct from attempts where session_id = ?", sessionId)).toHaveLength(1);
  });

  it("a free-text answer goes through a modal and is graded", async () => {
    const { message } = await askQuiz("free");
    const formButton = buttonsOf(message).find((b) => b.custom_id.startsWith("form>quiz.free:"))!;
    const action = formButton.custom_id.slice("form>".length);

    const open = click(fake, ASHA, message, formButton.custom_id);
    fake.interact(open);
    const modal = await callbackOf(open.id, 9);
    const sessionId = action.split(":")[1]!;
    const [session] = sql("select question_id from quiz_sessions where id = ?", sessionId);
    const question = curriculum.questionsById.get(String(session!.question_id));
    // The whole question is in the modal: a Text Display when it is longer than a label's 45 characters.
    const modalComponents = (modal.data as { components: Array<{ type: number; content?: string; label?: string }> }).components;
    const shown = modalComponents.map((c) => c.content ?? c.label).join("\n");
    expect(shown).toContain(question!.prompt);
    expect(modal.data).toMatchObject({ custom_id: action });
    expect(modalComponents.at(-1)).toMatchObject({ type: 18, component: { type: 4, custom_id: "answer", style: 2, required: true } });

    const answer = question && question.format === "free" ? question.modelAnswer : "an answer";
    const submit = submitModal(fake, ASHA, message, action, "answer", answer);
    fake.interact(submit);
    await callbackOf(submit.id, 7);
    expect(buttonsOf(message).find((b) => b.custom_id === formButton.custom_id)!.disabled).toBe(true);
    const [grade] = await fake.waitFor(() => messagesOf(submit.id).length > 0 && messagesOf(submit.id));
    expect((grade!.embeds[0] as { title: string }).title).toMatch(/^You covered \d+%$/);
    expect(buttonsOf(grade!).map((b) => b.custom_id.split(":")[0])).toEqual(expect.arrayContaining(["review.rate", "quiz.next"]));
    expect(sql("select format, answer from attempts where session_id = ?", sessionId)).toEqual([{ format: "free", answer }]);
  });

  it("Report under a question: the kinds come beside it (the question untouched), a pick records one report, a note comes through a modal, an admin lists it", async () => {
    const { message } = await askQuiz("mcq");
    const before = JSON.stringify(message.components);
    const report = buttonsOf(message).find((b) => b.custom_id.startsWith("report.open:"))!;
    expect(report.label).toBe("Report");
    const itemId = report.custom_id.split(":")[1]!;
    const p = click(fake, ASHA, message, report.custom_id);
    fake.interact(p);
    expect((await callbackOf(p.id, 6)).status).toBe(204); // acknowledged without changing the question
    const [picker] = await fake.waitFor(() => messagesOf(p.id).length > 0 && messagesOf(p.id));
    expect(picker!.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(buttonsOf(picker!).map((b) => b.label)).toEqual(["Wrong", "Unclear", "Too easy", "Too hard", "Typo"]);
    expect(JSON.stringify(message.components)).toBe(before); // its answers and Report still work

    const pick = click(fake, ASHA, picker!, `report.kind:${itemId}:unclear`);
    fake.interact(pick);
    await callbackOf(pick.id, 7);
    expect(buttonsOf(picker!).every((b) => b.disabled)).toBe(true); // picked: the picker is spent
    const [thanks] = await fake.waitFor(() => messagesOf(pick.id).length > 0 && messagesOf(pick.id));
    const said = JSON.stringify(thanks!.embeds);
    expect(said).toContain("Thanks — reported as unclear");
    expect(said).toContain("/config reports");
    expect(sql("select item_id, kind, note from item_reports")).toEqual([{ item_id: itemId, kind: "unclear", note: null }]);

    const form = buttonsOf(thanks!).find((b) => b.custom_id.startsWith("form>report.note:"))!;
    const open = click(fake, ASHA, thanks!, form.custom_id);
    fake.interact(open);
    expect((await callbackOf(open.id, 9)).data).toMatchObject({ custom_id: `report.note:${itemId}:unclear` });
    const submit = submitModal(fake, ASHA, thanks!, `report.note:${itemId}:unclear`, "answer", "Two options say the same thing.");
    fake.interact(submit);
    await callbackOf(submit.id, 7);
    await fake.waitFor(() => messagesOf(submit.id).length > 0);
    expect(sql("select item_id, kind, note from item_reports")).toEqual([{ item_id: itemId, kind: "unclear", note: "Two options say the same thing." }]);

    const list = command(fake, ADMIN, "config", [], { sub: "reports" });
    fake.interact(list);
    const shown = JSON.stringify((await replyTo(list)).embeds);
    expect(shown).toContain(itemId);
    expect(shown).toContain("Two options say the same thing.");
  });

  it("a stuffed answer (the key points' terms, no sentence) scores at most 20%; \"I covered …\" records one dispute, points stay", async () => {
    const c = gradingCase(curriculum);
    const asked = await askUntil(KAVYA, c);
    const graded = await answerInModal(KAVYA, asked, c.stuffed);
    expect((graded.embeds[0] as { title: string }).title).toMatch(/^You covered \d+%$/);
    const percent = Number(/^(\d+)%$/.exec(fieldOf(graded, "Score") ?? "")?.[1]);
    expect(percent).toBeLessThanOrEqual(20);
    expect(shownIn(graded)).toContain("A list of terms earns at most 20%");
    const [attempt] = sql("select score from attempts where session_id = ?", asked.sessionId);
    expect(Number(attempt!.score)).toBeLessThanOrEqual(0.2);

    // Each key point the grade did not credit has its "I covered" button, labelled with the point.
    const disputes = buttonsOf(graded).filter((b) => b.custom_id.startsWith("quiz.dispute:"));
    expect(disputes.length).toBeGreaterThan(0);
    for (const b of disputes) {
      const i = Number(b.custom_id.split(":")[2]);
      expect(b.label).toBe(`I covered ${i + 1}: ${c.question.keyPoints[i]!.point}`.slice(0, 70));
      expect(shownIn(graded)).toContain(`⬜ ${c.question.keyPoints[i]!.point}`);
    }
    const points = sql("select coalesce(sum(points), 0) as n from points where member_id = (select id from members where platform_user_id = ?)", KAVYA.id)[0]!.n;
    const disputed = disputes[0]!;
    const index = Number(disputed.custom_id.split(":")[2]);
    const point = c.question.keyPoints[index]!.point;
    // A double click: both clicks leave the client before the first one's answer locks the buttons.
    const first = click(fake, KAVYA, graded, disputed.custom_id);
    const second = click(fake, KAVYA, graded, disputed.custom_id);
    fake.interact(first);
    fake.interact(second);
    const [noted] = await fake.waitFor(() => messagesOf(first.id).length > 0 && messagesOf(first.id));
    const [again] = await fake.waitFor(() => messagesOf(second.id).length > 0 && messagesOf(second.id));
    const replies = [shownIn(noted!), shownIn(again!)].sort();
    const noteSays = /^Noted: you say you covered "(.+)"\. The authors will see it; this question comes back for review on (.+)\. Points stay as graded\.$/.exec(replies[0]!);
    expect(noteSays?.[1]).toBe(point);
    expect(replies[1]).toBe(`You already disputed "${point}" for this answer.`);
    expect(noted!.flags & EPHEMERAL).toBe(EPHEMERAL);
    // The dispute buttons are locked on the graded message; the recall ratings stay usable.
    expect(buttonsOf(graded).filter((b) => b.custom_id.startsWith("quiz.dispute:")).every((b) => b.disabled)).toBe(true);
    expect(buttonsOf(graded).filter((b) => b.custom_id.startsWith("review.rate:")).every((b) => !b.disabled)).toBe(true);
    expect(() => fake.interact(click(fake, KAVYA, graded, disputed.custom_id))).toThrow(/disabled/);

    expect(sql("select question_id, key_point, point, answer from grade_disputes where session_id = ?", asked.sessionId)).toEqual([
      { question_id: c.question.id, key_point: index, point, answer: c.stuffed },
    ]);
    expect(sql("select coalesce(sum(points), 0) as n from points where member_id = (select id from members where platform_user_id = ?)", KAVYA.id)[0]!.n).toBe(points);
  });

  it("a paraphrased strong answer, written blind for the question, scores at least 75% and the reply quotes the member's words", async () => {
    const c = gradingCase(curriculum);
    const asked = await askUntil(ARJUN, c);
    const graded = await answerInModal(ARJUN, asked, c.strong);
    const percent = Number(/^(\d+)%$/.exec(fieldOf(graded, "Score") ?? "")?.[1]);
    expect(percent).toBeGreaterThanOrEqual(75);
    expect((graded.embeds[0] as { title: string }).title).toBe(`You covered ${percent}%`);
    const shown = shownIn(graded);
    expect(shown).toContain(`**You wrote:** “${c.strong}”`);
    // Each credited key point quotes the words of the answer that earned it.
    const quotes = [...shown.matchAll(/_you said:_ “([^”]+)”/g)].map((m) => m[1]!.replace(/…$/, ""));
    expect(quotes.length).toBeGreaterThanOrEqual(Math.ceil(0.75 * c.question.keyPoints.length) - 1);
    for (const q of quotes) expect(c.strong.replace(/\s+/g, " ")).toContain(q);
    expect(shown).not.toContain("A list of terms");
    const [attempt] = sql("select score, answer from attempts where session_id = ?", asked.sessionId);
    expect(attempt!.answer).toBe(c.strong);
    expect(Math.round(Number(attempt!.score) * 100)).toBe(percent);
  });

  it("/config by a member without Manage Server is refused and stores nothing; an admin's is stored", async () => {
    const p = command(fake, RAVI, "config", [str("time", "09:00"), str("tz", "Asia/Kolkata")], { sub: "set" });
    fake.interact(p);
    const refusal = await replyTo(p);
    expect(refusal.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect((refusal.embeds[0] as { description: string }).description).toBe("Only members with the **Manage Server** permission can use `/config`.");
    expect(sql("select * from subscriptions")).toEqual([]);

    const q = command(fake, ADMIN, "config", [str("time", "09:00"), str("tz", "Asia/Kolkata")], { sub: "set" });
    fake.interact(q);
    expect(JSON.stringify((await replyTo(q)).embeds)).toContain("Daily schedule created");
    expect(sql("select channel_id, time, timezone, created_by from subscriptions")).toEqual([
      { channel_id: FAKE.general, time: "09:00", timezone: "Asia/Kolkata", created_by: ADMIN.id },
    ]);
    // Paused again by the admin, so its real-time scheduler cannot fire during the other tests.
    const r = command(fake, ADMIN, "config", [], { sub: "pause" });
    fake.interact(r);
    await replyTo(r);
    expect(sql("select is_paused from subscriptions")).toEqual([{ is_paused: 1 }]);
  });

  it("a daily post from the scheduler lands in the channel, once, with the day's nonce", async () => {
    clock.current = new Date("2026-11-23T09:01:00Z"); // a Monday, just after 09:00 UTC
    const sub = await repos.subscriptions.upsert({
      spaceId: SPACE, channelId: FAKE.daily, time: "09:00", timezone: "UTC", days: ["mon", "tue", "wed", "thu", "fri"],
      planId: curriculum.plans[0]?.id ?? null, startDate: "2026-11-23", createdBy: ADMIN.id, updatedAt: clock.now(),
    });
    expect(await jobs.catchUp([sub])).toBe(1);
    const posted = await fake.waitFor(() => fake.messages.find((m) => m.channel_id === FAKE.daily));
    expect(posted.nonce).toBe(`daily-${sub.id}-2026-11-23`);
    expect(posted.flags & EPHEMERAL).toBe(0);
    expect(posted.embeds.length).toBeGreaterThan(0);
    const post = fake.requests.find((r) => r.method === "POST" && r.path === `/channels/${FAKE.daily}/messages`)!;
    expect(post.body).toMatchObject({ nonce: `daily-${sub.id}-2026-11-23`, enforce_nonce: true, allowed_mentions: { parse: [] } });
    await fake.waitFor(() => sql("select status from deliveries where subscription_id = ?", sub.id)[0]?.status === "posted");
    const [row] = sql("select message_ref from deliveries where subscription_id = ?", sub.id);
    expect(JSON.parse(String(row!.message_ref))).toEqual({ channelId: FAKE.daily, messageId: posted.id });
  });

  it("a 429 on the channel route is waited out: the post arrives once, after retry_after", async () => {
    clock.current = new Date("2026-11-24T09:01:00Z");
    const sub = await repos.subscriptions.upsert({
      spaceId: SPACE, channelId: FAKE.rounds, time: "09:00", timezone: "UTC", days: ["mon", "tue", "wed", "thu", "fri"],
      planId: curriculum.plans[0]?.id ?? null, startDate: "2026-11-23", createdBy: ADMIN.id, updatedAt: clock.now(),
    });
    fake.inject("POST", "/channels/{channel_id}/messages", {
      status: 429,
      body: { message: "You are being rate limited.", retry_after: 2, global: false, code: 0 },
      headers: { "retry-after": "2", "x-ratelimit-limit": "5", "x-ratelimit-remaining": "0", "x-ratelimit-reset-after": "2", "x-ratelimit-bucket": "fake-bucket", "x-ratelimit-scope": "user" },
    });
    expect(await jobs.catchUp([sub])).toBe(1);
    const posted = await fake.waitFor(() => fake.messages.find((m) => m.channel_id === FAKE.rounds), 15_000);
    const tries = fake.requests.filter((r) => r.method === "POST" && r.path === `/channels/${FAKE.rounds}/messages`);
    expect(tries.map((t) => t.status)).toEqual([429, 200]);
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(1_950);
    expect(fake.messages.filter((m) => m.nonce === posted.nonce)).toHaveLength(1);
    await fake.waitFor(() => sql("select status from deliveries where subscription_id = ?", sub.id)[0]?.status === "posted");
  });

  it("the same interaction delivered twice is handled once: one attempt, one grade; Discord refuses the second answer (40060)", async () => {
    const { message } = await askQuiz("mcq");
    const choice = buttonsOf(message).find((b) => b.custom_id.startsWith("quiz.answer:"))!;
    const sessionId = choice.custom_id.split(":")[1]!;
    const p = click(fake, ASHA, message, choice.custom_id);
    fake.interact(p);
    fake.interact(p);
    await fake.waitFor(() => fake.callbacks.filter((c) => c.interactionId === p.id).length === 2);
    await fake.waitFor(() => messagesOf(p.id).length > 0);
    // Both deliveries are done: the second's handler has given up on its refused callback.
    await fake.waitFor(() => h.logged.infos.some((x) => (x as { interaction?: string }).interaction === p.id));
    expect(fake.callbacks.filter((c) => c.interactionId === p.id).map((c) => c.status).sort()).toEqual([204, 400]);
    expect(messagesOf(p.id)).toHaveLength(1);
    expect(sql("select count(*) as n from attempts where session_id = ?", sessionId)).toEqual([{ n: 1 }]);
  });

  it("a command still running after 2 s is deferred (ephemeral) within 3 s and the original edited", async () => {
    const p = command(fake, ASHA, "topics");
    h.slow.add(p.id);
    const sentAt = Date.now();
    fake.interact(p);
    const deferred = await callbackOf(p.id, 5);
    expect(deferred.at - sentAt).toBeLessThan(3_000);
    expect(deferred.data).toEqual({ flags: EPHEMERAL });
    const edit = await fake.waitFor(() => fake.requestsFor(p.token).find((r) => r.method === "PATCH" && r.status === 200));
    expect(edit.path).toBe(`/webhooks/${FAKE.appId}/${p.token}/messages/@original`);
    expect((messagesOf(p.id)[0]!.embeds[0] as { title: string }).title).toBe("Topics");
  });

  it("autocompletes topics from the curriculum", async () => {
    const topic = curriculum.topics[0]!.id;
    const p = autocomplete(fake, ASHA, "quiz", { name: "topic", type: 3, value: topic.slice(0, 3) });
    fake.interact(p);
    const answer = await callbackOf(p.id, 8);
    expect((answer.data as { choices: Array<{ value: string }> }).choices.map((c) => c.value)).toContain(topic);
  });

  it("the outbox opens a thread under its first message and posts into it (mock interviews)", async () => {
    const first = channelReply("Mock interview: a URL shortener", [text("Phase 1: requirements.")]);
    const thread = await adapter.outbox.openThread({ spaceId: SPACE, channelId: FAKE.general }, "Mock: URL shortener", first);
    const opening = fake.requests.filter((r) => r.method === "POST").slice(-2);
    expect(opening.map((r) => r.template)).toEqual(["/channels/{channel_id}/messages", "/channels/{channel_id}/messages/{message_id}/threads"]);
    expect(opening[1]!.path).toBe(`/channels/${FAKE.general}/messages/${thread.messageId}/threads`);
    expect(opening[1]!.body).toEqual({ name: "Mock: URL shortener", auto_archive_duration: 1440 });
    expect(fake.threads.at(-1)).toMatchObject({ id: thread.threadId, parentId: FAKE.general, messageId: thread.messageId });
    // Without the Message Content intent the opening tells the member to mention the bot.
    const openingMessage = fake.messages.find((m) => m.id === thread.messageId)!;
    expect(JSON.stringify(openingMessage.embeds)).toContain(`Mention <@${FAKE.botId}>`);

    const ref = await adapter.outbox.post({ spaceId: SPACE, channelId: FAKE.general, threadId: thread.threadId }, channelReply(undefined, [text("5 minutes left.")]), { idempotencyKey: "mock-abc-warn5--1" });
    expect(ref).toMatchObject({ channelId: FAKE.general, threadId: thread.threadId });
    expect(fake.messages.find((m) => m.id === ref.messageId)!.channel_id).toBe(thread.threadId);
  });

  it("a DM to a member with closed DMs becomes one mention in the channel; open DMs arrive as DMs", async () => {
    fake.closedDms.add(RAVI.id);
    const reminder = channelReply("Your streak is at risk", [text("Answer one question today to keep it.")]);
    const target = { spaceId: SPACE, channelId: FAKE.general, userId: RAVI.id };
    const first = await adapter.outbox.post(target, reminder, { idempotencyKey: "streak-reminder-ravi-2026-11-24" });
    const again = await adapter.outbox.post(target, reminder, { idempotencyKey: "streak-reminder-ravi-2026-11-24" });
    expect(again.messageId).toBe(first.messageId);
    const fallback = fake.messages.filter((m) => m.channel_id === FAKE.general && m.content.includes(`<@${RAVI.id}>`));
    expect(fallback).toHaveLength(1);
    expect(fallback[0]!.allowed_mentions).toEqual({ parse: [], users: [RAVI.id] });

    const dm = await adapter.outbox.post({ spaceId: SPACE, channelId: FAKE.general, userId: ASHA.id }, reminder, { idempotencyKey: "streak-reminder-asha-2026-11-24" });
    expect(dm.channelId).toBe(fake.dmChannels.get(ASHA.id));
    expect(fake.messages.find((m) => m.id === dm.messageId)!.channel_id).toBe(dm.channelId);
    expect(fake.requests.some((r) => r.method === "POST" && r.path === "/users/@me/channels" && (r.body as { recipient_id: string }).recipient_id === ASHA.id)).toBe(true);
  });

  it("a private DM (a peer mock's interviewer facts) to closed DMs is not shown in the channel: only a notice mentioning the member", async () => {
    fake.closedDms.add(RAVI.id);
    const facts = privateReply("You interview Asha", [text("Secret: 500 million daily active users.")]);
    const ref = await adapter.outbox.post({ spaceId: SPACE, channelId: FAKE.rounds, userId: RAVI.id }, facts, { idempotencyKey: "pair-facts-ravi" });
    const notice = fake.messages.find((m) => m.id === ref.messageId)!;
    expect(notice.channel_id).toBe(FAKE.rounds);
    expect(notice.content).toMatch(new RegExp(`^<@${RAVI.id}> .*your DMs are closed`));
    expect(notice.embeds).toEqual([]);
    expect(JSON.stringify(fake.messages.filter((m) => m.channel_id === FAKE.rounds))).not.toContain("Secret");
    expect(notice.allowed_mentions).toEqual({ parse: [], users: [RAVI.id] });
    // A DM with no channel to fall back to (the streak sweep's reminders) is a permanent failure.
    await expect(adapter.outbox.post({ spaceId: SPACE, channelId: "", userId: RAVI.id }, facts, { idempotencyKey: "streak-remind-ravi" }))
      .rejects.toMatchObject({ name: "PermanentDeliveryError", reason: "the member's direct messages are closed (Discord 50007)" });
  });

  it("a reply carrying a PNG goes with the interaction response as a files[0] part with its name, type and bytes", async () => {
    const p = command(fake, ASHA, "stats");
    h.canned.set(p.id, { ...privateReply("Your stats", [text("Accuracy per topic, last 30 days.")]), files: [CHART] });
    fake.interact(p);
    const reply = await replyTo(p);
    const upload = fake.requestsFor(p.token).find((r) => r.files.length > 0)!;
    expect(upload.template).toBe("/interactions/{interaction_id}/{interaction_token}/callback");
    expect(upload.files.map(({ field, filename, contentType }) => ({ field, filename, contentType })))
      .toEqual([{ field: "files[0]", filename: "progress.png", contentType: "image/png" }]);
    expect(upload.files[0]!.data.equals(Buffer.from(PNG_1X1, "base64"))).toBe(true);
    expect((upload.body as { data: { attachments: unknown[] } }).data.attachments).toEqual([expect.objectContaining({ id: "0", description: "Accuracy per topic" })]);
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.attachments?.map((a) => [a.filename, a.size])).toEqual([["progress.png", Buffer.from(PNG_1X1, "base64").length]]);
  });

  it("a deferred reply carries its file in the edit of the original response", async () => {
    const p = command(fake, ASHA, "stats");
    h.slow.add(p.id);
    h.canned.set(p.id, { ...privateReply("Your stats", [text("Accuracy per topic.")]), files: [CHART] });
    fake.interact(p);
    await callbackOf(p.id, 5);
    const edit = await fake.waitFor(() => fake.requestsFor(p.token).find((r) => r.method === "PATCH" && r.status === 200));
    expect(edit.path).toBe(`/webhooks/${FAKE.appId}/${p.token}/messages/@original`);
    expect(edit.files.map((f) => f.filename)).toEqual(["progress.png"]);
    expect(messagesOf(p.id)[0]!.attachments?.[0]?.data.equals(Buffer.from(PNG_1X1, "base64"))).toBe(true);
  });

  it("the outbox uploads files with channel posts, DMs and edits", async () => {
    const posted = await adapter.outbox.post({ spaceId: SPACE, channelId: FAKE.general }, { ...channelReply("Weekly digest", [text("Top movers.")]), files: [CHART] }, { idempotencyKey: "digest-with-chart" });
    const post = fake.requests.filter((r) => r.method === "POST" && r.path === `/channels/${FAKE.general}/messages`).at(-1)!;
    expect(post.files.map((f) => [f.field, f.filename, f.contentType])).toEqual([["files[0]", "progress.png", "image/png"]]);
    expect(post.body).toMatchObject({ nonce: "digest-with-chart", attachments: [{ id: "0", filename: "progress.png", description: "Accuracy per topic" }] });

    const dm = await adapter.outbox.post({ spaceId: SPACE, channelId: FAKE.general, userId: ASHA.id }, { ...privateReply("Your data", [text("Everything stored about you.")]), files: [EXPORT] });
    const inDm = fake.messages.find((m) => m.id === dm.messageId)!;
    expect(inDm.channel_id).toBe(fake.dmChannels.get(ASHA.id));
    expect(inDm.attachments?.map((a) => [a.filename, a.content_type, a.data.toString("utf8")])).toEqual([["prepcoach-export.json", "application/json", EXPORT_JSON]]);

    await adapter.outbox.edit(posted, { ...channelReply("Weekly digest (final)", [text("Top movers.")]), files: [EXPORT] });
    const edited = fake.messages.find((m) => m.id === posted.messageId)!;
    expect(edited.attachments?.map((a) => a.filename)).toEqual(["prepcoach-export.json"]);
  });

  it("npm run discord:register overwrites the global commands when no guild is set", async () => {
    const run = promisify(execFile);
    const { stdout } = await run("npm", ["run", "--silent", "discord:register"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", DISCORD_TOKEN: FAKE.token, DISCORD_APP_ID: FAKE.appId, DISCORD_API_URL: fake.apiUrl },
    });
    expect(stdout).toContain(`Registered ${commands.length} slash commands globally`);
    const put = fake.requests.filter((r) => r.method === "PUT").at(-1)!;
    expect(put.path).toBe(`/applications/${FAKE.appId}/commands`);
    expect((put.body as Array<{ name: string }>).map((c) => c.name)).toEqual(commands.map((c) => c.name));
  });

  it("edits a posted message in place; a gone channel or lost access is a permanent delivery error", async () => {
    const ref = await adapter.outbox.post({ spaceId: SPACE, channelId: FAKE.general }, channelReply("Round open", [text("Answer now.")]));
    await adapter.outbox.edit(ref, channelReply("Round closed", [text("Results below.")]));
    expect((fake.messages.find((m) => m.id === ref.messageId)!.embeds[0] as { title: string }).title).toBe("Round closed");

    const gone = adapter.outbox.post({ spaceId: SPACE, channelId: "600000000000000999" }, channelReply("x", [text("y")]));
    await expect(gone).rejects.toBeInstanceOf(PermanentDeliveryError);
    await expect(gone).rejects.toMatchObject({ reason: "channel not found (Discord 10003)" });
    fake.inject("POST", "/channels/{channel_id}/messages", { status: 403, body: { message: "Missing Access", code: 50001 } });
    await expect(adapter.outbox.post({ spaceId: SPACE, channelId: FAKE.general }, channelReply("x", [text("y")])))
      .rejects.toMatchObject({ reason: "the bot cannot see the channel (Discord 50001)" });
  });

  it("three members click the same daily post's Quiz me: each gets their own quiz, privately; the post stays as it was, usable by all", async () => {
    const plan = curriculum.plans[0]!;
    const post = await adapter.outbox.post({ spaceId: SPACE, channelId: FAKE.general }, dailyTaskReply(curriculum, plan, 1, "channel"), { idempotencyKey: "daily-three-members" });
    const posted = fake.messages.find((m) => m.id === post.messageId)!;
    const before = JSON.stringify(posted.components);
    const quizMe = buttonsOf(posted).find((b) => b.custom_id.startsWith("quiz.next:"))!;
    expect(quizMe.label).toMatch(/^Quiz me/);

    for (const who of [ASHA, RAVI, MEERA]) {
      const p = click(fake, who, posted, quizMe.custom_id);
      fake.interact(p);
      const [answered] = await fake.waitFor(() => fake.callbacks.filter((c) => c.interactionId === p.id).length > 0 && fake.callbacks.filter((c) => c.interactionId === p.id));
      expect(answered!.status).toBe(204);
      expect([4, 5]).toContain(answered!.type); // a new message, never an update of the post
      const quiz = await replyTo(p);
      expect(quiz.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(buttonsOf(quiz).some((b) => b.custom_id.startsWith("quiz.answer:") || b.custom_id.startsWith("form>quiz.free:"))).toBe(true);
      expect(JSON.stringify(posted.components)).toBe(before);
    }
    const sessions = sql(`select m.platform_user_id as who from quiz_sessions s join members m on m.id = s.member_id
      where m.platform_user_id in (?, ?, ?) and s.answered_at is null`, ASHA.id, RAVI.id, MEERA.id).map((r) => r.who);
    expect(new Set(sessions)).toEqual(new Set([ASHA.id, RAVI.id, MEERA.id]));
  });

  it("three members answer the same round message: each answer counts, privately acknowledged; the round's result lists all three", async () => {
    // Real time: the round's close timer lies a minute ahead; the close is run here instead.
    clock.current = new Date();
    const start = command(fake, ADMIN, "round", [int("minutes", 1)], { sub: "start", channelId: FAKE.rounds });
    fake.interact(start);
    const question = await replyTo(start);
    expect(question.flags & EPHEMERAL).toBe(0);
    expect(question.channel_id).toBe(FAKE.rounds);
    const roundId = buttonsOf(question)[0]!.custom_id.split(":")[1]!;
    const [round] = sql("select question_id from rounds where id = ?", roundId);
    const q = curriculum.questionsById.get(String(round!.question_id))!;
    if (q.format !== "mcq") throw new Error("a round asks a multiple-choice question");
    const right = `round.answer:${roundId}:${q.options.findIndex((o) => o.correct)}`;

    const clicks: string[] = [];
    for (const who of [ASHA, RAVI, MEERA]) {
      const p = click(fake, who, question, right);
      clicks.push(p.id);
      fake.interact(p);
      const ack = await replyTo(p);
      expect(ack.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(JSON.stringify(ack.embeds)).toContain("Your answer is in");
      expect(buttonsOf(question).every((b) => !b.disabled)).toBe(true);
    }
    expect(fake.callbacks.filter((c) => clicks.includes(c.interactionId) && c.type === 7)).toEqual([]); // no click updated the public message
    expect(sql("select count(*) as n from round_answers where round_id = ?", roundId)).toEqual([{ n: 3 }]);

    await roundClose(h.deps, { roundId, spaceId: SPACE });
    const results = fake.messages.filter((m) => m.channel_id === FAKE.rounds && (m.embeds[0] as { title?: string } | undefined)?.title === "Round closed").at(-1)!;
    const shown = JSON.stringify(results.embeds);
    expect(results.embeds[0]).toMatchObject({ fields: expect.arrayContaining([expect.objectContaining({ name: "Answered", value: "3" }), expect.objectContaining({ name: "Right", value: "3" })]) });
    for (const name of ["Asha", "Ravi", "Meera"]) expect(shown).toContain(name);
  });
});
