/**
 * Model-assisted grading on the console end to end (issue 20): the real `npm start` with
 * LLM_BASE_URL aimed at the fake OpenAI-compatible server. A slow grade shows "grading…"; the
 * reply says which grader it shows; failure modes fall back within LLM_TIMEOUT_MS; the cap holds.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCurriculum } from "../../src/curriculum/loader.js";
import { creditAll, startFakeLlm, type Behaviour, type ChatBody, type FakeLlm } from "../fakes/llm-server.js";
import { removeTestQueues, startConsole, type ConsoleProcess } from "./console-process.js";

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

describe("grading with a model on the console", () => {
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
});
