/**
 * Model-assisted grading on Slack end to end (issue 20): a real bolt App in the adapter, the real
 * dispatcher, model port and `openai` client, against the fake Slack and the fake OpenAI-compatible
 * server. The modal's submission is acked at once whatever the model takes; the grade replaces the
 * question through the response_url; every failure mode falls back within LLM_TIMEOUT_MS and says so.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { gradeFree } from "../../src/curriculum/grading.js";
import { blockAction, viewSubmission } from "./slack-fake/requests.js";
import { blocksOf, buttonsOf, click, headerOf, response, slash, textOf } from "./slack-fake/helpers.js";
import { realCurriculum, startSlackSetup, type SlackSetup } from "./slack-fake/setup.js";
import { creditAll, startFakeLlm, withModel, type Behaviour, type ChatBody, type FakeLlm } from "../fakes/llm-server.js";

const TIMEOUT_MS = 3_000;
let llm: FakeLlm;
let s: SlackSetup;

beforeAll(async () => {
  gradeFree({ prompt: "warm up", keyPoints: [{ point: "caches hold hot data" }], misconceptions: [] }, "a cache holds hot data");
  llm = await startFakeLlm();
  llm.respond = (req) => creditAll(req);
  s = await startSlackSetup({ llm: { url: llm.url, timeoutMs: TIMEOUT_MS } });
});
afterEach(() => {
  expect(s.errors.splice(0)).toEqual([]);
});
afterAll(async () => {
  await s?.close();
  await llm?.close();
});

const pairs = realCurriculum().topics.flatMap((t) => [1, 2, 3].filter((l) => t.questions.some((q) => q.level === l && q.format === "free")).map((level) => ({ topic: t.id, level })));
let turn = 0;

/** `/quiz <topic> <level> free`, the Answer button, the modal's submission; the graded card and the timings. */
async function answerFree(setup: SlackSetup, userId: string) {
  const n = turn++;
  const { topic, level } = pairs[n % pairs.length]!;
  await slash(setup, { userId, text: `${topic} ${level} free`, responseId: `quiz-${n}` });
  const [button] = buttonsOf(blocksOf((await response(setup.fake, `quiz-${n}`)).body));
  const opened = setup.fake.ok("views.open").length;
  await click(setup, blockAction({ userId, actionId: button!.action_id, value: button!.value!, triggerId: `trig-${n}`, responseUrl: setup.fake.responseUrl(`graded-${n}`) }));
  const view = (await setup.fake.waitFor(() => setup.fake.ok("views.open")[opened])).args.view as { callback_id: string; private_metadata: string };
  const sessionId = button!.action_id.split(":")[1]!;
  const row = setup.db.$client.prepare("select question_id from quiz_sessions where id = ?").get(sessionId) as { question_id: string };
  const q = realCurriculum().questionsById.get(row.question_id)!;
  const sent = Date.now();
  const ack = await click(setup, viewSubmission({ userId, callbackId: view.callback_id, privateMetadata: view.private_metadata, answer: q.format === "free" ? q.modelAnswer : "" }));
  const ackMs = Date.now() - sent;
  const graded = await setup.fake.waitFor(() => setup.fake.responses.find((r) => r.id === `graded-${n}`));
  return { ack, ackMs, gradedMs: graded.at - sent, body: graded.body, text: textOf(blocksOf(graded.body)) };
}

describe("grading with a model on Slack", () => {
  it("uses the model's verdict, replaces the question through the response_url, and says so", async () => {
    const r = await answerFree(s, "U1");
    expect(r.body).toMatchObject({ response_type: "ephemeral", replace_original: true });
    expect(headerOf(blocksOf(r.body))).toBe("You covered 100%");
    expect(r.text).toContain("Graded by the model");
  });

  it("a slow model: the submission is acked at once, the grade arrives later through the response_url", async () => {
    const r = await withModel(llm, (req) => ({ kind: "slow", ms: 2_600, then: creditAll(req) }), () => answerFree(s, "U1"));
    expect(r.ack.status).toBe(200);
    expect(r.ackMs).toBeLessThan(1_500);
    expect(r.gradedMs).toBeGreaterThanOrEqual(2_600);
    expect(r.text).toContain("Graded by the model");
  });

  it.each<[string, (req: ChatBody) => Behaviour]>([
    ["a model slower than LLM_TIMEOUT_MS", (req) => ({ kind: "slow", ms: 6_000, then: creditAll(req) })],
    ["invalid JSON", () => ({ kind: "raw", content: "not json at all" })],
    ["a schema violation", () => ({ kind: "json", body: { verdict: "great" } })],
    ["a 429 whose Retry-After is past the budget", () => ({ kind: "status", status: 429, retryAfter: "30" })],
    ["a 500", () => ({ kind: "status", status: 500 })],
  ])("%s: the offline verdict, within the timeout, and the reply says so", async (_, behaviour) => {
    const r = await withModel(llm, behaviour, () => answerFree(s, "U1"));
    expect(r.ackMs).toBeLessThan(1_500);
    expect(r.gradedMs).toBeLessThan(TIMEOUT_MS + 1_500);
    expect(r.text).toContain("Graded offline");
  });

  it("a quote that is not in the answer earns nothing, under the model's verdict", async () => {
    const r = await withModel(llm, (req) => creditAll(req, "nothing the member wrote"), () => answerFree(s, "U1"));
    expect(headerOf(blocksOf(r.body))).toBe("You covered 0%");
    expect(r.text).toContain("Graded by the model");
  });
});

describe("the daily cap on Slack", () => {
  let capped: SlackSetup;
  beforeAll(async () => { capped = await startSlackSetup({ llm: { url: llm.url, timeoutMs: TIMEOUT_MS, dailyCalls: 1 } }); });
  afterAll(async () => { await capped?.close(); });

  it("past LLM_DAILY_CALLS_PER_MEMBER a member's answers are graded offline, with no call; another member still gets the model", async () => {
    expect((await answerFree(capped, "U2")).text).toContain("Graded by the model");
    const calls = llm.requests.length;
    expect((await answerFree(capped, "U2")).text).toContain("Graded offline");
    expect(llm.requests.length).toBe(calls);
    expect((await answerFree(capped, "U3")).text).toContain("Graded by the model");
    expect(capped.errors).toEqual([]);
  });
});
