/**
 * `npm run grader:eval -- <cases.json> --grader model` (issue 20): the real CLI, in a child
 * process, against the fake OpenAI-compatible server; the default output stays the offline eval's.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerIn, startFakeLlm, type FakeLlm } from "../fakes/llm-server.js";

const run = promisify(execFile);
const root = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "grader-eval-model-"));
const file = join(dir, "cases.json");
writeFileSync(file, JSON.stringify({
  freeText: [{
    id: "q1", question: "Why add jitter to TTLs?", keyPoints: ["Add random jitter to each TTL so keys expire at different times", "Avoids a stampede on the database"],
    answers: [
      { id: "a1", label: "strong", text: "put a random offset on every ttl so keys expire at different moments, and the db is not stampeded", expected: [0.75, 1] },
      { id: "a2", label: "weak", text: "ttls are good", expected: [0, 0.5] },
    ],
  }],
}));

let fake: FakeLlm;
beforeAll(async () => {
  fake = await startFakeLlm();
  // A model that credits point 1 with the answer's first words when the answer mentions a random offset, and point 2 when it says "stampede".
  fake.respond = (req) => {
    const answer = answerIn(req);
    const first = answer.split(/[,.]/)[0]!;
    return { kind: "json", body: {
      keyPoints: [{ index: 1, covered: /random/.test(answer), quote: first }, { index: 2, covered: /stampede/.test(answer), quote: "the db is not stampeded" }],
      misconceptions: [], feedback: "Fine.",
    } };
  };
});
afterAll(async () => { await fake.close(); });

const cli = (env: Record<string, string>, ...args: string[]) =>
  run("npx", ["tsx", "src/llm/eval-cli.ts", file, ...args], { cwd: root, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env } });

// Each case spawns tsx (a few seconds on a busy machine).
describe("grader:eval --grader model", { timeout: 60_000 }, () => {
  it("compares the model's verdicts with the offline grader's, per label", async () => {
    fake.script({ kind: "status", status: 500 });
    const { stdout } = await cli({ LLM_BASE_URL: fake.url, LLM_MODEL: "fake-model" }, "--grader", "model", "--json");
    const report = JSON.parse(stdout);
    expect(report.model.byLabel).toEqual({ strong: { total: 1, inRange: 0 }, weak: { total: 1, inRange: 1 } });
    expect(report.fallbacks).toEqual({ server_error: 1 });
    expect(report.offline.total).toBe(2);
    expect(report.agreement.total).toBe(2);
    const { stdout: text } = await cli({ LLM_BASE_URL: fake.url, LLM_MODEL: "fake-model" }, "--grader", "model");
    expect(text).toContain("offline grader vs model (fake-model)");
    expect(text).toMatch(/strong\s+\d\/1\s+\S+\s+1\/1 100\.0%/);
  });

  it("without an endpoint says what it needs; without the flag prints the offline eval unchanged", async () => {
    await expect(cli({}, "--grader", "model")).rejects.toMatchObject({ stderr: expect.stringContaining("needs LLM_BASE_URL and LLM_MODEL") });
    const { stdout } = await cli({});
    const { stdout: direct } = await run("npx", ["tsx", "src/curriculum/eval-cli.ts", file], { cwd: root });
    expect(stdout).toBe(direct);
    expect(stdout).toContain("Free text (score within the expected range):");
  });
});
