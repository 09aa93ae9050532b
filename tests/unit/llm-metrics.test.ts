/** What /metrics shows of the model (issue 20): calls, latency, failures, fallbacks, cache hits, tokens. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createModel } from "../../src/llm/index.js";
import { createMetrics } from "../../src/observability/metrics.js";
import { FakeClock } from "../fakes/core.js";
import { startFakeLlm, type FakeLlm } from "../fakes/llm-server.js";

let fake: FakeLlm;
beforeAll(async () => { fake = await startFakeLlm(); });
afterAll(async () => { await fake.close(); });

describe("model metrics", () => {
  it("counts calls by outcome, their latency, failures, fallbacks, cache hits and reported tokens", async () => {
    const metrics = createMetrics();
    const model = createModel({
      baseURL: fake.url, model: "fake", timeoutMs: 2_000, dailyCallsPerMember: 50, clock: new FakeClock(),
      logger: { info() {}, warn() {}, error() {} }, telemetry: metrics.model,
    });
    const ask = (cacheKey: string) => model.ask({ task: "grade", memberId: 1, name: "g", system: "JSON please", user: "x", schema: z.object({ ok: z.boolean() }), cacheKey });
    fake.script({ kind: "json", body: { ok: true }, usage: { prompt: 300, completion: 25 } }, { kind: "status", status: 500 });
    expect((await ask("a")).ok).toBe(true);
    expect((await ask("a")).ok).toBe(true);
    const failed = await ask("b");
    if (!failed.ok) model.fellBack("grade", failed.reason);
    const text = await metrics.registry.metrics();
    expect(text).toContain('prepcoach_llm_calls_total{task="grade",outcome="ok"} 1');
    expect(text).toContain('prepcoach_llm_calls_total{task="grade",outcome="server_error"} 1');
    expect(text).toContain('prepcoach_llm_call_duration_seconds_count{task="grade"} 2');
    expect(text).toContain('prepcoach_llm_failures_total{task="grade",reason="server_error"} 1');
    expect(text).toContain('prepcoach_llm_fallbacks_total{task="grade",reason="server_error"} 1');
    expect(text).toContain('prepcoach_llm_cache_hits_total{task="grade"} 1');
    expect(text).toContain('prepcoach_llm_tokens_total{kind="prompt"} 300');
    expect(text).toContain('prepcoach_llm_tokens_total{kind="completion"} 25');
  });
});
