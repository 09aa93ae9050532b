/**
 * The model port over a fake OpenAI-compatible server on loopback, through the real `openai`
 * client: every failure mode ends within the time budget with a reason, never a throw.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createModel, type ModelTelemetry } from "../../src/llm/index.js";
import { retryAfterMs } from "../../src/llm/client.js";
import { FakeClock } from "../fakes/core.js";
import { startFakeLlm, type FakeLlm } from "../fakes/llm-server.js";

const Answer = z.object({ reply: z.string() });
const quiet = { info() {}, warn() {}, error() {} };
let fake: FakeLlm;

interface Seen { calls: string[]; tokens: Record<string, number>; hits: number }
function recorder(): ModelTelemetry & { seen: Seen } {
  const seen: Seen = { calls: [], tokens: {}, hits: 0 };
  return {
    seen,
    call: (task, outcome) => void seen.calls.push(`${task}:${outcome}`),
    tokens: (kind, n) => { seen.tokens[kind] = (seen.tokens[kind] ?? 0) + n; },
    fallback: () => undefined,
    cacheHit: () => { seen.hits++; },
  };
}

function model(o: { timeoutMs?: number; cap?: number; clock?: FakeClock; telemetry?: ModelTelemetry } = {}) {
  return createModel({
    baseURL: fake.url, model: "fake-model", timeoutMs: o.timeoutMs ?? 2_000, dailyCallsPerMember: o.cap ?? 50,
    clock: o.clock ?? new FakeClock(), logger: quiet, ...(o.telemetry ? { telemetry: o.telemetry } : {}),
  });
}
const ask = (m: ReturnType<typeof model>, memberId = 1, cacheKey?: string) =>
  m.ask({ task: "fact", memberId, name: "fact", system: "Answer in JSON.", user: "How many users?", schema: Answer, ...(cacheKey ? { cacheKey } : {}) });

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work;
  return { value, ms: Date.now() - started };
}

beforeAll(async () => { fake = await startFakeLlm(); });
afterAll(async () => { await fake.close(); });
beforeEach(() => {
  fake.requests.length = 0;
  fake.rejectSchemas = false;
});

describe("the model port over an OpenAI-compatible server", () => {
  it("asks with a JSON schema derived from zod, validates the answer and reports tokens", async () => {
    const t = recorder();
    fake.script({ kind: "json", body: { reply: "About 10 million." }, usage: { prompt: 300, completion: 12 } });
    const r = await ask(model({ telemetry: t }));
    expect(r).toEqual({ ok: true, value: { reply: "About 10 million." }, cached: false });
    const sent = fake.requests[0]!;
    expect(sent.model).toBe("fake-model");
    expect(sent.response_format?.type).toBe("json_schema");
    expect(sent.response_format?.json_schema?.schema).toMatchObject({ type: "object", required: ["reply"] });
    expect(t.seen).toEqual({ calls: ["fact:ok"], tokens: { prompt: 300, completion: 12 }, hits: 0 });
  });

  it.each([
    ["invalid JSON", { kind: "raw", content: "{ reply: nope" } as const, "invalid"],
    ["a schema violation", { kind: "json", body: { answer: 42 } } as const, "invalid"],
    ["a 500", { kind: "status", status: 500 } as const, "server_error"],
  ])("%s gives no answer, with its reason", async (_, behaviour, reason) => {
    fake.script(behaviour);
    expect(await ask(model())).toEqual({ ok: false, reason });
  });

  it("a slow server times out within the budget", async () => {
    fake.script({ kind: "slow", ms: 3_000, then: { kind: "json", body: { reply: "late" } } });
    const { value, ms } = await timed(ask(model({ timeoutMs: 500 })));
    expect(value).toEqual({ ok: false, reason: "timeout" });
    expect(ms).toBeLessThan(1_500);
  });

  it("a 429 whose Retry-After fits the budget is waited out and retried", async () => {
    fake.script({ kind: "status", status: 429, retryAfter: "1" }, { kind: "json", body: { reply: "ok now" } });
    const { value, ms } = await timed(ask(model({ timeoutMs: 3_000 })));
    expect(value).toMatchObject({ ok: true, value: { reply: "ok now" } });
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(fake.requests).toHaveLength(2);
  });

  it("a 429 whose Retry-After is past the budget gives up at once", async () => {
    fake.script({ kind: "status", status: 429, retryAfter: "30" });
    const { value, ms } = await timed(ask(model({ timeoutMs: 3_000 })));
    expect(value).toEqual({ ok: false, reason: "rate_limited" });
    expect(ms).toBeLessThan(1_000);
    expect(fake.requests).toHaveLength(1);
  });

  it("a server that refuses JSON schemas is asked in JSON mode, with the schema in the instructions, from then on", async () => {
    fake.rejectSchemas = true;
    fake.respond = () => ({ kind: "json", body: { reply: "json mode" } });
    const m = model();
    expect(await ask(m)).toMatchObject({ ok: true, value: { reply: "json mode" } });
    expect(await ask(m)).toMatchObject({ ok: true });
    expect(fake.requests.map((r) => r.response_format?.type)).toEqual(["json_schema", "json_object", "json_object"]);
    expect(fake.requests[1]!.messages[0]!.content).toContain("\"reply\"");
    expect(m.client.jsonModeOnly).toBe(true);
  });

  it("holds each member to the daily cap; the next UTC day starts afresh", async () => {
    fake.respond = () => ({ kind: "json", body: { reply: "fine" } });
    const clock = new FakeClock();
    const m = model({ cap: 2, clock });
    expect((await ask(m, 1)).ok).toBe(true);
    expect((await ask(m, 1)).ok).toBe(true);
    expect(await ask(m, 1)).toEqual({ ok: false, reason: "capped" });
    expect((await ask(m, 2)).ok).toBe(true);
    expect(fake.requests).toHaveLength(3);
    clock.advance(86_400_000);
    expect((await ask(m, 1)).ok).toBe(true);
  });

  it("serves a cached answer without a call or a count; me delete forgets it", async () => {
    fake.respond = () => ({ kind: "json", body: { reply: "cached" } });
    const t = recorder();
    const m = model({ cap: 1, telemetry: t });
    expect(await ask(m, 1, "q1|answer")).toMatchObject({ ok: true, cached: false });
    expect(await ask(m, 1, "q1|answer")).toMatchObject({ ok: true, cached: true });
    expect(await ask(m, 2, "q1|answer")).toMatchObject({ ok: true, cached: true });
    expect(fake.requests).toHaveLength(1);
    expect(t.seen.hits).toBe(2);
    expect(m.heldFor(1)).toEqual([
      { kind: "model calls", day: expect.any(String), calls: 1 },
      { kind: "cached model answer", task: "fact", at: expect.any(String), answer: { reply: "cached" } },
    ]);
    m.forget(1);
    expect(m.heldFor(1)).toEqual([]);
    expect(m.heldFor(2)).toEqual([]);
    expect(await ask(m, 2, "q1|answer")).toMatchObject({ ok: true, cached: false });
  });

  it("reads Retry-After in seconds, as a date, and retry-after-ms", () => {
    expect(retryAfterMs(new Headers({ "retry-after": "2" }))).toBe(2_000);
    expect(retryAfterMs(new Headers({ "retry-after-ms": "150" }))).toBe(150);
    expect(retryAfterMs(new Headers({ "retry-after": new Date(10_000).toUTCString() }), 4_000)).toBe(6_000);
    expect(retryAfterMs(new Headers())).toBeUndefined();
  });
});
