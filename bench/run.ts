/**
 * `npm run bench [-- --quick] [--only=answer,wal] [--skip-build]`: seeds deterministic data, measures the bot's own paths beside a
 * raw baseline measured in the same process on the same Redis and SQLite, prints a table and
 * writes bench/results.json. Targets are ratios or absolute bounds from issue 10.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCurriculum } from "../src/curriculum/loader.js";
import { checkpointStats, openDatabase } from "../src/storage/db.js";
import { benchAnswer, benchBoards, benchIngest, benchMyRank, walFigure } from "./core-paths.js";
import { benchChartLoop } from "./chart-loop.js";
import { benchBoot, benchFanOut, benchLimiter } from "./job-paths.js";
import { pgBenchUrl, runPgBench } from "./pg-run.js";
import { benchProcessRss } from "./process-rss.js";
import { bigSpaceMembers, FULL, QUICK, seed } from "./seed.js";
import { round } from "./stats.js";

export interface Figure {
  name: string;
  unit: string;
  ours: number;
  baseline?: number;
  /** ours ÷ baseline for throughputs, or as stated in `note`. */
  ratio?: number;
  target: string;
  pass: boolean;
  note?: string;
}

const quick = process.argv.includes("--quick");
// `--skip-build` uses the dist/ already there (e.g. built a moment ago by hand).
const skipBuild = process.argv.includes("--skip-build");
const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length).split(",");
const sizes = quick ? QUICK : FULL;
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const dir = mkdtempSync(join(tmpdir(), "prepcoach-bench-"));
const out = fileURLToPath(new URL("./results.json", import.meta.url));
const log = (s: string) => process.stdout.write(`${s}\n`);

/** The compiled build that the boot and RSS sections run, once per run. */
let built = skipBuild;
function build(): void {
  if (built) return;
  const run = spawnSync("npm", ["run", "build"], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`npm run build failed: ${run.stdout}${run.stderr}`);
  built = true;
}

async function main(): Promise<void> {
  const started = performance.now();
  const pgUrl = pgBenchUrl(process.argv); // `--db postgres://…` (issue 21): checked before the long SQLite part
  const curriculum = loadCurriculum();
  const db = openDatabase(join(dir, "bench.db"));
  const now = new Date("2026-11-25T06:00:00Z");
  log(`seeding ${JSON.stringify(sizes)} …`);
  seed(db, sizes, now, [...curriculum.questionsById.keys()]);
  log(`seeded in ${round((performance.now() - started) / 1_000, 1)} s; checkpointer ${JSON.stringify(await checkpointStats(db))}`);

  const figures: Figure[] = [];
  const n = quick ? 1_000 : 5_000;
  // `--only=answer,limiter` runs some sections (to work on one); the test and README runs take all.
  const sections: Array<[string, () => Promise<Figure[]> | Figure[]]> = [
    ["answer", () => benchAnswer(db, curriculum, now, n)],
    ["boards", () => benchBoards(db, now, quick ? 500 : 2_000, sizes.spaces, sizes.members)],
    ["rank", () => benchMyRank(db, quick ? 1_000 : 5_000, bigSpaceMembers(sizes))],
    ["ingest", () => benchIngest(db, now, quick ? 5_000 : 20_000)],
    ["loop", () => benchChartLoop(db, curriculum, now)],
    ["fanout", () => benchFanOut(db, curriculum, redisUrl, quick ? 3 : 5)],
    ["wal", () => walFigure(db)],
    ["limiter", () => benchLimiter(db, curriculum, redisUrl, quick ? 150 : 400)],
    ["boot", () => { build(); return benchBoot(db, redisUrl, sizes.subscriptions); }],
    ["rss", () => { build(); return benchProcessRss(dir, redisUrl, sizes.subscriptions, curriculum); }],
  ];
  for (const [name, run] of sections) {
    if (only && !only.includes(name)) continue;
    const t = performance.now();
    figures.push(...(await run()));
    log(`${name}: ${round((performance.now() - t) / 1_000, 1)} s; checkpointer ${JSON.stringify(await checkpointStats(db))}`);
  }

  // PostgreSQL section (issue 21; bench/pg-run.ts): only with --db, figures named `pg.…`.
  if (pgUrl) figures.push(...(await runPgBench(pgUrl, { quick, curriculum, now, log })));

  const results = {
    generatedAt: new Date().toISOString(), quick, sizes, node: process.version,
    seconds: round((performance.now() - started) / 1_000, 1), figures,
  };
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  printTable(figures);
  log(`\n${figures.filter((f) => f.pass).length} of ${figures.length} targets met; results in bench/results.json (${results.seconds} s)`);
  db.$client.close();
}

function printTable(figures: Figure[]): void {
  const rows = figures.map((f) => [
    f.pass ? "✓" : "✗", f.name, `${f.ours} ${f.unit}`, f.baseline === undefined ? "" : `${f.baseline} ${f.unit}`,
    f.ratio === undefined ? "" : String(f.ratio), f.target,
  ]);
  const head = ["", "figure", "ours", "raw baseline", "ratio", "target"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [head, ...rows]) log(r.map((c, i) => c.padEnd(widths[i]!)).join("  "));
}

main()
  .catch((err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
