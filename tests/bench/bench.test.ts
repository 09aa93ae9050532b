/** `npm run bench -- --quick` runs end to end and writes results of the documented shape. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");

describe("npm run bench -- --quick", () => {
  it("measures every figure beside its baseline and writes bench/results.json", () => {
    const run = spawnSync("npm", ["run", "bench", "--", "--quick"], { cwd: ROOT, encoding: "utf8", timeout: 420_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\d+ of \d+ targets met/);
    const results = JSON.parse(readFileSync(join(ROOT, "bench/results.json"), "utf8")) as {
      quick: boolean; sizes: Record<string, number>; seconds: number;
      figures: Array<{ name: string; unit: string; ours: number; baseline?: number; ratio?: number; target: string; pass: boolean }>;
    };
    expect(results.quick).toBe(true);
    expect(results.seconds).toBeLessThan(400);
    expect(Object.keys(results.sizes).sort()).toEqual(["attempts", "ledger", "members", "spaces", "subscriptions"]);
    const names = results.figures.map((f) => f.name).join("\n");
    for (const part of ["answer a quiz through the core at 200/s, p99", "answer a quiz through the core at 200/s, p99.9",
      "answer a quiz through the core back to back (saturated), p99.9", "answer p99 under 50 concurrent requests",
      "largest WAL under the bulk seed and the bench's continuous writes", "my rank in one", "event-loop delay p99", "board top-10, week, space",
      "board my rank, all, group", "answer ingest through our storage", "daily fan-out at 09:00 through the job schedulers",
      "Discord limiter over HTTP (50 ms latency, 429 past 50/s)", "boot: reconcile", "RSS of node dist/main.js (Discord + Slack on the fakes"]) {
      expect(names).toContain(part);
    }
    for (const f of results.figures) {
      expect(typeof f.ours).toBe("number");
      expect(Number.isFinite(f.ours)).toBe(true);
      expect(typeof f.pass).toBe("boolean");
      expect(f.target.length).toBeGreaterThan(0);
      if (f.ratio !== undefined) expect(f.baseline).toBeGreaterThan(0);
      // Every figure stands beside a raw baseline from the same run, but the WAL's (a bound).
      if (!f.name.startsWith("largest WAL")) expect(typeof f.baseline, f.name).toBe("number");
    }
  }, 450_000);
});
