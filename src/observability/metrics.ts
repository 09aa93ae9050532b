/**
 * Prometheus metrics (prom-client): commands by name and outcome, handling latency, daily
 * deliveries sent / retried / failed, queue depths read at scrape time, and the model's calls,
 * latency, failures, fallbacks, cache hits and tokens (issue 20).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Telemetry } from "../bot/ports.js";
import type { ModelTelemetry } from "../llm/index.js";

export type DeliveryResult = "sent" | "retried" | "failed" | "duplicate" | "missed" | "skipped";

export interface Metrics {
  registry: Registry;
  telemetry: Telemetry;
  model: ModelTelemetry;
  delivery(result: DeliveryResult): void;
  /** Reads queue depths when /metrics is scraped (never on a request path of the bot). */
  watchQueues(read: () => Promise<Record<string, Record<string, number>>>): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "prepcoach_" });
  const commands = new Counter({
    name: "prepcoach_commands_total", help: "Events handled, by command and outcome",
    labelNames: ["command", "kind", "outcome"] as const, registers: [registry],
  });
  const latency = new Histogram({
    name: "prepcoach_command_duration_seconds", help: "Time to handle an event in the core",
    labelNames: ["command"] as const, buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 3], registers: [registry],
  });
  const deliveries = new Counter({
    name: "prepcoach_deliveries_total", help: "Daily post attempts by result", labelNames: ["result"] as const, registers: [registry],
  });
  const model = modelMetrics(registry);
  let readQueues: (() => Promise<Record<string, Record<string, number>>>) | undefined;
  new Gauge({
    name: "prepcoach_queue_jobs", help: "Jobs per queue and state", labelNames: ["queue", "state"] as const, registers: [registry],
    async collect() {
      if (!readQueues) return;
      this.reset();
      for (const [queue, counts] of Object.entries(await readQueues())) {
        for (const [state, n] of Object.entries(counts)) this.set({ queue, state }, n);
      }
    },
  });
  return {
    registry,
    telemetry: {
      handled({ name, kind, outcome, seconds }) {
        commands.inc({ command: name, kind, outcome });
        latency.observe({ command: name }, seconds);
      },
    },
    model,
    delivery: (result) => deliveries.inc({ result }),
    watchQueues: (read) => { readQueues = read; },
  };
}

function modelMetrics(registry: Registry): ModelTelemetry {
  const calls = new Counter({
    name: "prepcoach_llm_calls_total", help: "Model calls by task and outcome (ok, timeout, rate_limited, server_error, invalid)",
    labelNames: ["task", "outcome"] as const, registers: [registry],
  });
  const latency = new Histogram({
    name: "prepcoach_llm_call_duration_seconds", help: "Time a model call took, a 429's wait included",
    labelNames: ["task"] as const, buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 16], registers: [registry],
  });
  const failures = new Counter({
    name: "prepcoach_llm_failures_total", help: "Model calls that gave no usable answer, by reason", labelNames: ["task", "reason"] as const, registers: [registry],
  });
  const fallbacks = new Counter({
    name: "prepcoach_llm_fallbacks_total", help: "Offline answers used instead of the model's, by reason", labelNames: ["task", "reason"] as const, registers: [registry],
  });
  const tokens = new Counter({
    name: "prepcoach_llm_tokens_total", help: "Tokens the server reported, by kind", labelNames: ["kind"] as const, registers: [registry],
  });
  const hits = new Counter({
    name: "prepcoach_llm_cache_hits_total", help: "Model answers served from the cache (no call)", labelNames: ["task"] as const, registers: [registry],
  });
  return {
    call(task, outcome, seconds) {
      calls.inc({ task, outcome });
      latency.observe({ task }, seconds);
      if (outcome !== "ok") failures.inc({ task, reason: outcome });
    },
    tokens: (kind, n) => tokens.inc({ kind }, n),
    fallback: (task, reason) => fallbacks.inc({ task, reason }),
    cacheHit: (task) => hits.inc({ task }),
  };
}
