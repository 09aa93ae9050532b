/**
 * Model-assisted grading on Discord end to end (issue 20): the real discord.js client and adapter,
 * the real dispatcher, model port and `openai` client, against the fake Discord and the fake
 * OpenAI-compatible server. A slow model is covered by the adapter's deferral (Discord's 3 s);
 * every failure mode falls back to the offline verdict within LLM_TIMEOUT_MS and says so.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { gradeFree } from "../../src/curriculum/grading.js";
import { startDiscordHarness, type DiscordHarness } from "./discord-fake/harness.js";
import { ASHA, command, int, MEERA, str, submitModal, type Who } from "./discord-fake/payloads.js";
import type { StoredMessage } from "./discord-fake/server.js";
import { creditAll, startFakeLlm, withModel, type Behaviour, type ChatBody, type FakeLlm } from "../fakes/llm-server.js";

const TIMEOUT_MS = 3_000;
let h: DiscordHarness;
let llm: FakeLlm;

beforeAll(async () => {
  // The offline grader compiles its lexicon on first use: done before the gateway runs, so that
  // second of busy work on a loaded machine cannot starve its 300 ms heartbeats into a reconnect.
  gradeFree({ prompt: "warm up", keyPoints: [{ point: "caches hold hot data" }], misconceptions: [] }, "a cache holds hot data");
  llm = await startFakeLlm();
  llm.respond = (req) => creditAll(req);
  h = await startDiscordHarness({ llm: { url: llm.url, timeoutMs: TIMEOUT_MS, dailyCalls: 50 } });
});
afterEach(() => {
  expect(h.fake.violations.splice(0)).toEqual([]);
  expect(h.logged.errors.splice(0)).toEqual([]);
});
afterAll(async () => {
  await h?.close();
  await llm?.close();
});

const embedText = (m: StoredMessage) => JSON.stringify(m.embeds);
/** Every (topic, level) with free-text questions: each answer takes a fresh one. */
let pairs: Array<{ topic: string; level: number }> | undefined;
let turn = 0;

/** `/quiz <topic> <level> free`, then the answer through the modal; the grade and the timings. */
async function answerFree(who: Who, text?: string) {
  pairs ??= h.curriculum.topics.flatMap((t) => [1, 2, 3].filter((l) => t.questions.some((q) => q.level === l && q.format === "free")).map((level) => ({ topic: t.id, level })));
  const { topic, level } = pairs[turn++ % pairs.length]!;
  const ask = command(h.fake, who, "quiz", [str("topic", topic), int("level", level), str("format", "free")]);
  h.fake.interact(ask);
  const question = await h.fake.waitFor(() => h.fake.messages.find((m) => m.interactionId === ask.id && m.components.length > 0)).catch((e: unknown) => {
    throw new Error(`${String(e)}: ${topic} ${level} ${JSON.stringify(h.fake.callbacks.filter((c) => c.interactionId === ask.id))} ${JSON.stringify(h.logged)} conns=${h.fake.gateway.connectUrls.length} events=${JSON.stringify(h.sql("select key from processed_events").slice(-3))}`);
  });
  const button = (question.components as Array<{ components: Array<{ custom_id: string }> }>).flatMap((r) => r.components).find((b) => b.custom_id.startsWith("form>quiz.free:"))!;
  const action = button.custom_id.slice("form>".length);
  const q = h.curriculum.questionsById.get(String(h.sql("select question_id from quiz_sessions where id = ?", action.split(":")[1])[0]!.question_id))!;
  const answer = text ?? (q.format === "free" ? q.modelAnswer : "");
  const submit = submitModal(h.fake, who, question, action, "answer", answer);
  const sent = Date.now();
  h.fake.interact(submit);
  const grade = await h.fake.waitFor(() => h.fake.messages.find((m) => m.interactionId === submit.id && /You covered/.test(embedText(m))), 15_000).catch((e: unknown) => {
    throw new Error(`${String(e)} conns=${h.fake.gateway.connectUrls.length} llm=${llm.requests.length} cb=${JSON.stringify(h.fake.callbacks.filter((c) => c.interactionId === submit.id))} msgs=${JSON.stringify(h.fake.messages.filter((m) => m.interactionId === submit.id)).slice(0, 500)} log=${JSON.stringify(h.logged).slice(0, 1500)}`);
  });
  const graded = Date.now() - sent;
  const first = h.fake.callbacks.find((c) => c.interactionId === submit.id)!;
  return { grade, graded, firstCallbackMs: first.at - sent, firstType: first.type };
}

describe("grading with a model on Discord", () => {
  it("uses the model's verdict and says so; the answer is graded once, with one model call", async () => {
    const before = llm.requests.length;
    const { grade } = await answerFree(ASHA);
    expect(embedText(grade)).toContain("Graded by the model");
    expect(embedText(grade)).toContain("A clear answer that covers the key points.");
    expect(llm.requests.length - before).toBe(1);
    expect(await h.metrics.registry.getSingleMetricAsString("prepcoach_llm_calls_total")).toContain('prepcoach_llm_calls_total{task="grade",outcome="ok"}');
  });

  it("a slow model: the adapter defers (private) within Discord's 3 s, and the model's grade follows up", async () => {
    const r = await withModel(llm, (req) => ({ kind: "slow", ms: 2_600, then: creditAll(req) }), () => answerFree(ASHA));
    expect(r.firstType).toBe(6);
    expect(r.firstCallbackMs).toBeLessThan(3_000);
    expect(r.graded).toBeGreaterThanOrEqual(2_600);
    expect(embedText(r.grade)).toContain("Graded by the model");
    expect(r.grade.flags & 64).toBe(64);
  });

  it.each<[string, (req: ChatBody) => Behaviour]>([
    ["a model slower than LLM_TIMEOUT_MS", (req) => ({ kind: "slow", ms: 6_000, then: creditAll(req) })],
    ["invalid JSON", () => ({ kind: "raw", content: "{\"keyPoints\": [" })],
    ["a schema violation", () => ({ kind: "json", body: { keyPoints: [{ index: "one" }], feedback: 1 } })],
    ["a 429 whose Retry-After is past the budget", () => ({ kind: "status", status: 429, retryAfter: "30" })],
    ["a 500", () => ({ kind: "status", status: 500 })],
  ])("%s: the offline verdict, within the timeout, and the reply says so", async (_, behaviour) => {
    const r = await withModel(llm, behaviour, () => answerFree(ASHA));
    expect(embedText(r.grade)).toContain("Graded offline");
    expect(r.graded).toBeLessThan(TIMEOUT_MS + 1_500);
    expect(r.firstCallbackMs).toBeLessThan(3_000);
  });

  it("a quote that is not in the answer earns nothing, under the model's verdict", async () => {
    const r = await withModel(llm, (req) => creditAll(req, "words the member never wrote"), () => answerFree(ASHA));
    expect(embedText(r.grade)).toContain("Graded by the model");
    expect(embedText(r.grade)).toContain("You covered 0%");
  });

  it("a server that rejects JSON schemas is asked in JSON mode, and its verdict is used", async () => {
    const before = llm.requests.length;
    llm.rejectSchemas = true;
    const r = await answerFree(MEERA).finally(() => { llm.rejectSchemas = false; });
    expect(embedText(r.grade)).toContain("Graded by the model");
    expect(llm.requests.slice(before).map((q) => q.response_format?.type)).toEqual(["json_schema", "json_object"]);
  });
});

describe("the daily cap on Discord", () => {
  let capped: DiscordHarness;
  beforeAll(async () => { capped = await startDiscordHarness({ llm: { url: llm.url, timeoutMs: TIMEOUT_MS, dailyCalls: 1 } }); });
  afterAll(async () => { await capped?.close(); });

  it("past LLM_DAILY_CALLS_PER_MEMBER a member's answers are graded offline, with no call", async () => {
    const main = h;
    h = capped;
    try {
      const first = await answerFree(ASHA);
      expect(embedText(first.grade)).toContain("Graded by the model");
      const calls = llm.requests.length;
      const second = await answerFree(ASHA);
      expect(embedText(second.grade)).toContain("Graded offline");
      expect(llm.requests.length).toBe(calls);
      expect(await capped.metrics.registry.getSingleMetricAsString("prepcoach_llm_fallbacks_total")).toContain('prepcoach_llm_fallbacks_total{task="grade",reason="capped"} 1');
    } finally {
      expect(capped.logged.errors).toEqual([]);
      h = main;
    }
  });
});
