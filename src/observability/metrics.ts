/**
 * Prometheus metrics (prom-client): commands by name and outcome, handling latency, daily
 * deliveries sent / retried / failed, and queue depths read at scrape time.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Telemetry } from "../bot/ports.js";

export type DeliveryResult = "sent" | "retried" | "failed" | "duplicate" | "missed" | "skipped";

export interface Metrics {
  registry: Registry;
  telemetry: Telemetry;
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
    delivery: (result) => deliveries.inc({ result }),
    watchQueues: (read) => { readQueues = read; },
  };
}
