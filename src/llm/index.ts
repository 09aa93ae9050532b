/**
 * The model port (bot/ports.ts ModelPort) over an OpenAI-compatible server: the daily cap and the
 * cache first, then one answer within LLM_TIMEOUT_MS, every outcome counted for /metrics.
 * main.ts builds it only when LLM_BASE_URL is set.
 */
import type { Clock, Logger, ModelFailure, ModelPort, ModelTask } from "../bot/ports.js";
import { createBudget } from "./budget.js";
import { createModelClient, type ClientOptions, type ModelClient } from "./client.js";

/** What /metrics learns (observability/metrics.ts implements it). */
export interface ModelTelemetry {
  call(task: ModelTask, outcome: "ok" | Exclude<ModelFailure, "capped" | "rejected">, seconds: number): void;
  tokens(kind: "prompt" | "completion", n: number): void;
  fallback(task: ModelTask, reason: ModelFailure): void;
  cacheHit(task: ModelTask): void;
}

export interface ModelOptions extends ClientOptions {
  dailyCallsPerMember: number;
  clock: Clock;
  logger: Logger;
  telemetry?: ModelTelemetry;
  /** A client to use instead of the `openai` one (eval and tests keep the real one). */
  client?: ModelClient;
}

export function createModel(o: ModelOptions): ModelPort & { readonly client: ModelClient } {
  const client = o.client ?? createModelClient(o);
  const budget = createBudget({ dailyCallsPerMember: o.dailyCallsPerMember, now: () => o.clock.now() });
  const t = o.telemetry;
  return {
    client,
    async ask(req) {
      if (req.cacheKey) {
        const hit = budget.cached(`${req.task}|${req.cacheKey}`, req.memberId);
        // Cached values passed the schema when stored; parsed again so the type is earned, not cast.
        const parsed = hit === undefined ? undefined : req.schema.safeParse(hit);
        if (parsed?.success) {
          t?.cacheHit(req.task);
          return { ok: true, value: parsed.data, cached: true };
        }
      }
      if (!budget.take(req.memberId)) return { ok: false, reason: "capped" };
      const started = performance.now();
      const r = await client.complete(req);
      t?.call(req.task, r.ok ? "ok" : r.reason, (performance.now() - started) / 1_000);
      if (!r.ok) {
        o.logger.warn({ task: req.task, reason: r.reason, detail: r.detail }, "model answer not used");
        return { ok: false, reason: r.reason };
      }
      if (r.tokens) {
        t?.tokens("prompt", r.tokens.prompt);
        t?.tokens("completion", r.tokens.completion);
      }
      if (req.cacheKey) budget.remember(`${req.task}|${req.cacheKey}`, req.task, req.memberId, r.value);
      return { ok: true, value: r.value, cached: false };
    },
    fellBack: (task, reason) => t?.fallback(task, reason),
    heldFor: (memberId) => budget.heldFor(memberId),
    forget: (memberId) => budget.forget(memberId),
  };
}
