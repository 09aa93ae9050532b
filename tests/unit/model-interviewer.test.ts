/**
 * The mock interviewer with a model (issue 20), through the real dispatcher and model port against
 * the fake OpenAI-compatible server: it may phrase the facts, never invent a number; it probes once
 * per phase change from the deep dives; the scorecard gets a narrative per rubric item.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ModelFailure, ModelTask } from "../../src/bot/ports.js";
import type { Reply } from "../../src/bot/reply.js";
import { NO_FIGURE } from "../../src/bot/services/model-interviewer.js";
import { loadCurriculum } from "../../src/curriculum/loader.js";
import { createModel } from "../../src/llm/index.js";
import { createTestCore, makeEvent } from "../fakes/core.js";
import { startFakeLlm, type FakeLlm } from "../fakes/llm-server.js";

const curriculum = loadCurriculum();
const problem = curriculum.problems.find((p) => p.id === "p-url-shortener")!;
const fact = (kind: string) => problem.facts.find((f) => f.kind === kind)!.answer;
const textOf = (r: Reply | undefined) => r?.blocks.map((b) => (b.kind === "text" ? b.markdown : "")).join("\n") ?? "";

let fake: FakeLlm;
beforeAll(async () => { fake = await startFakeLlm(); });
afterAll(async () => { await fake.close(); });
beforeEach(() => {
  fake.requests.length = 0;
  fake.respond = () => ({ kind: "status", status: 500 });
});

async function start() {
  const fallbacks: string[] = [];
  const clock = { now: () => new Date("2026-11-23T09:00:00Z") };
  const model = createModel({
    baseURL: fake.url, model: "fake", timeoutMs: 1_500, dailyCallsPerMember: 50, clock, logger: { info() {}, warn() {}, error() {} },
    telemetry: { call() {}, tokens() {}, cacheHit() {}, fallback: (t: ModelTask, r: ModelFailure) => void fallbacks.push(`${t}:${r}`) },
  });
  const core = createTestCore({ curriculum, model });
  await core.dispatcher.handle(makeEvent({ kind: "command", name: "mock", args: { problem: problem.id } }));
  const thread = core.outbox.threads[0]!;
  const say = (text: string) => core.dispatcher.handle(makeEvent({ kind: "message", name: "message", thread: { id: thread.threadId }, args: { text } }));
  const mock = (action: "next" | "end") => core.dispatcher.handle(makeEvent({ kind: "command", name: "mock", args: { action } }));
  return { core, say, mock, fallbacks };
}

describe("the interviewer with a model", () => {
  it("phrases an answer from the facts; the candidate's question goes delimited", async () => {
    const { say } = await start();
    const phrased = "Plan for about 100 million new links a day, roughly 1,200 creations per second.";
    fake.script({ kind: "json", body: { reply: phrased } });
    expect(textOf(await say("what's the write traffic?"))).toBe(`**Interviewer:** ${phrased}`);
    expect(fake.requests[0]!.messages[1]!.content).toContain("<candidate>\nwhat's the write traffic?\n</candidate>");
    expect(fake.requests[0]!.messages[1]!.content).toContain(fact("traffic"));
  });

  it("a number not in the facts is never said: the fact's own answer, or no figure", async () => {
    const { say, fallbacks } = await start();
    fake.script({ kind: "json", body: { reply: "About 5,000 creations per second." } });
    expect(textOf(await say("How many requests per second?"))).toContain(fact("traffic"));
    fake.script({ kind: "json", body: { reply: "Use 3 brand colours." } });
    expect(textOf(await say("What colour should the logo be?"))).toBe(`**Interviewer:** ${NO_FIGURE}`);
    fake.script({ kind: "status", status: 500 });
    expect(textOf(await say("Is there a budget for servers?"))).toBe(`**Interviewer:** ${NO_FIGURE}`);
    expect(fallbacks).toEqual(["fact:rejected", "fact:rejected", "fact:server_error"]);
  });

  it("probes once at a phase change, from the deep dives, and keeps it in the transcript", async () => {
    const { core, mock } = await start();
    const probe = "What happens to your hit rate when the hot set outgrows the cache?";
    fake.script({ kind: "json", body: { deepDive: 2, question: probe } });
    const next = await mock("next");
    expect(textOf(next)).toContain(`**Interviewer:** ${probe}`);
    expect(fake.requests[0]!.messages[1]!.content).toContain(`2. ${problem.deepDives[1]!.name}`);
    expect((await core.repos.mocks.activeFor(1))!.transcript.at(-1)).toMatchObject({ who: "interviewer", text: probe });
  });

  it("a probe from no deep dive, or with an invented number, gives way to the offline one", async () => {
    const { mock, fallbacks } = await start();
    fake.script({ kind: "json", body: { deepDive: 9, question: "Why?" } }, { kind: "json", body: { deepDive: 1, question: "What if you get 9,999,999 links a second?" } });
    expect(textOf(await mock("next"))).toContain(`**${problem.deepDives[0]!.name}**. How does your design handle it?`);
    expect(textOf(await mock("next"))).toContain(`**${problem.deepDives[1]!.name}**`);
    expect(fallbacks).toEqual(["probe:rejected", "probe:rejected"]);
  });

  it("writes a short narrative per rubric item on the scorecard", async () => {
    const { say, mock } = await start();
    fake.script({ kind: "json", body: { reply: fact("traffic") } });
    await say("What is the traffic?");
    fake.script({ kind: "json", body: { items: problem.rubric.map((c) => ({ id: c.id, narrative: `On ${c.label.toLowerCase()}: you asked about 1,200 creations per second.` })) } });
    const card = textOf(await mock("end"));
    expect(card).toContain("**How it went, per rubric item** _(written by the model)_");
    for (const c of problem.rubric) expect(card).toContain(`• **${c.label}:** On ${c.label.toLowerCase()}`);
    expect(fake.requests.at(-1)!.messages[1]!.content).toContain("<transcript>\ncandidate: What is the traffic?");
  });

  it("a scorecard whose narratives miss an item or invent a number says it is offline", async () => {
    const { mock, fallbacks } = await start();
    fake.script({ kind: "json", body: { items: problem.rubric.map((c) => ({ id: c.id, narrative: "You handled 42 billion users." })) } });
    expect(textOf(await mock("end"))).toContain("this scorecard is offline");
    expect(fallbacks).toEqual(["narrate:rejected"]);
  });
});
