/**
 * Model-assisted grading on the console end to end (issue 20): the real `npm start` with
 * LLM_BASE_URL aimed at the fake OpenAI-compatible server. A slow grade shows "grading…"; the
 * reply says which grader it shows; failure modes fall back within LLM_TIMEOUT_MS; the cap holds;
 * in a mock the interviewer phrases the facts, probes at a phase change and narrates the scorecard.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCurriculum } from "../../src/curriculum/loader.js";
import { creditAll, startFakeLlm, type Behaviour, type ChatBody, type FakeLlm } from "../fakes/llm-server.js";
import { pipeToConsole, removeTestQueues, startConsole, type ConsoleProcess } from "./console-process.js";

const dir = mkdtempSync(join(tmpdir(), "prepcoach-console-llm-"));
const TIMEOUT_MS = 3_000;
let llm: FakeLlm;
beforeAll(async () => {
  llm = await startFakeLlm();
  llm.respond = (req) => creditAll(req);
});
afterAll(async () => {
  await llm?.close();
  rmSync(dir, { recursive: true, force: true });
  await removeTestQueues();
});

const pairs = loadCurriculum().topics.flatMap((t) => [1, 2, 3].filter((l) => t.questions.some((q) => q.level === l && q.format === "free")).map((level) => ({ topic: t.id, level })));
let turn = 0;
let runs = 0;

function start(env: Record<string, string> = {}): ConsoleProcess {
  return startConsole({
    DATABASE_URL: `file:${join(dir, `run-${++runs}`, "prepcoach.db")}`,
    LLM_BASE_URL: llm.url, LLM_MODEL: "fake-model", LLM_TIMEOUT_MS: String(TIMEOUT_MS), ...env,
  });
}

/** `/quiz <topic> <level> free` and a typed answer; the screen from the answer to its grade, and how long it took. */
async function answerFree(p: ConsoleProcess, behaviour?: (req: ChatBody) => Behaviour) {
  const { topic, level } = pairs[turn++ % pairs.length]!;
  let mark = p.output().length;
  p.type(`/quiz ${topic} ${level} free`);
  await p.waitFor(/Type your answer on one line/, mark);
  const saved = llm.respond;
  if (behaviour) llm.respond = behaviour;
  try {
    mark = p.output().length;
    const sent = Date.now();
    p.type("Keep hot data in a cache in front of the database, invalidate on writes, and add a TTL so stale entries expire.");
    const screen = await p.waitFor(/━━ You covered \d+% ━━[\s\S]*Next question/, mark, 15_000);
    return { screen, ms: Date.now() - sent };
  } finally {
    llm.respond = saved;
  }
}

describe("a model on the console", () => {
  it("shows grading… while the model works, then its verdict; each failure mode falls back in time and says so", async () => {
    const p = start();
    await p.waitFor(/type \/help to start/);
    const slow = await answerFree(p, (req) => ({ kind: "slow", ms: 1_500, then: creditAll(req) }));
    expect(slow.screen).toMatch(/^grading…\n/);
    expect(slow.screen).toContain("💬 A clear answer that covers the key points.");
    expect(slow.screen).toContain("Graded by the model");
    for (const behaviour of [
      (req: ChatBody): Behaviour => ({ kind: "slow", ms: 6_000, then: creditAll(req) }),
      (): Behaviour => ({ kind: "raw", content: "{oops" }),
      (): Behaviour => ({ kind: "json", body: { keyPoints: 1 } }),
      (): Behaviour => ({ kind: "status", status: 429, retryAfter: "30" }),
      (): Behaviour => ({ kind: "status", status: 500 }),
    ]) {
      const r = await answerFree(p, behaviour);
      expect(r.screen).toContain("Graded offline");
      expect(r.ms).toBeLessThan(TIMEOUT_MS + 2_000);
    }
    p.type("/quit");
    expect(await p.exited).toBe(0);
  });

  it("holds LLM_DAILY_CALLS_PER_MEMBER: past it, offline and no call", async () => {
    const p = start({ LLM_DAILY_CALLS_PER_MEMBER: "1" });
    await p.waitFor(/type \/help to start/);
    expect((await answerFree(p)).screen).toContain("Graded by the model");
    const calls = llm.requests.length;
    expect((await answerFree(p)).screen).toContain("Graded offline");
    expect(llm.requests.length).toBe(calls);
    p.type("/quit");
    expect(await p.exited).toBe(0);
  });

  it("with no LLM_BASE_URL nothing is sent and the reply is as before", async () => {
    const calls = llm.requests.length;
    const p = start({ LLM_BASE_URL: "", LLM_MODEL: "" });
    await p.waitFor(/type \/help to start/);
    const r = await answerFree(p);
    expect(r.screen).not.toMatch(/Graded (offline|by the model)/);
    expect(llm.requests.length).toBe(calls);
    p.type("/quit");
    expect(await p.exited).toBe(0);
  });

  it("a mock interview: facts phrased never invented, a follow-up at the phase change, a narrative per rubric item", async () => {
    const problem = loadCurriculum().problems.find((p) => p.id === "p-url-shortener")!;
    const traffic = problem.facts.find((f) => f.kind === "traffic")!.answer;
    const saved = llm.respond;
    let facts = 0;
    llm.respond = (req) => {
      const system = req.messages[0]!.content;
      if (system.includes("clarifying question")) {
        facts++;
        return { kind: "json", body: { reply: facts === 1 ? "Roughly 100 million new links every day." : "About 9,000 per second at peak." } };
      }
      if (system.includes("just finished a phase")) return { kind: "json", body: { deepDive: 1, question: "What do you do when two long URLs map to the same code?" } };
      return { kind: "json", body: { items: problem.rubric.map((c) => ({ id: c.id, narrative: `Solid on ${c.label.toLowerCase()}.` })) } };
    };
    try {
      const { code, output } = await pipeToConsole([
        "/mock start p-url-shortener", "How many new links a day?", "How many new links per day at peak?", "/mock next",
        "A load balancer in front of stateless api servers, and a Redis cache for hot codes.", "/mock end", "/quit",
      ].join("\n") + "\n", {
        DATABASE_URL: `file:${join(dir, `run-${++runs}`, "prepcoach.db")}`, LLM_BASE_URL: llm.url, LLM_MODEL: "fake-model", LLM_TIMEOUT_MS: String(TIMEOUT_MS),
      });
      expect(code).toBe(0);
      expect(output).toContain("Interviewer: Roughly 100 million new links every day.");
      expect(output).not.toContain("9,000");
      expect(output).toContain(`Interviewer: ${traffic}`);
      expect(output).toContain("Interviewer: What do you do when two long URLs map to the same code?");
      expect(output).toContain("How it went, per rubric item");
      for (const c of problem.rubric) expect(output).toContain(`${c.label}: Solid on ${c.label.toLowerCase()}.`);
    } finally {
      llm.respond = saved;
    }
  });
});
