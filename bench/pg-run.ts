/**
 * The PostgreSQL section of `npm run bench` (issue 21), run when `--db postgres://…` is given:
 * a fresh database beside the given one (pg-seed.ts), seeded and measured (pg-paths.ts), then
 * dropped. Its figures join the SQLite ones in bench/results.json, named `pg.…`.
 */
import { databaseDialect } from "../src/config.js";
import type { Curriculum } from "../src/curriculum/loader.js";
import { closePgDatabase, openPgDatabase, redact } from "../src/storage/pg/db.js";
import { createPgRepos } from "../src/storage/pg/index.js";
import { benchPgAnswer, benchPgBoards, benchPgCap, benchPgSeeding } from "./pg-paths.js";
import { analyze, createBenchDatabase, PG_FULL, PG_QUICK } from "./pg-seed.js";
import type { Figure } from "./run.js";
import { round } from "./stats.js";

/** The URL of `--db <url>` or `--db=<url>`; undefined without the flag. Throws on anything but a postgres:// URL. */
export function pgBenchUrl(argv: readonly string[]): string | undefined {
  const i = argv.findIndex((a) => a === "--db" || a.startsWith("--db="));
  if (i < 0) return undefined;
  const url = argv[i]!.startsWith("--db=") ? argv[i]!.slice("--db=".length) : argv[i + 1];
  if (!url || databaseDialect(url) !== "postgres") {
    throw new Error(`--db takes a postgres:// URL (the SQLite bench needs no flag); got ${url ? redact(url) : "nothing"}`);
  }
  return url;
}

export interface PgBenchOptions { quick: boolean; curriculum: Curriculum; now: Date; log(line: string): void }

/** Seeds a fresh database on url's server, measures every PostgreSQL figure, and drops the database whatever happens. */
export async function runPgBench(url: string, opts: PgBenchOptions): Promise<Figure[]> {
  const sizes = opts.quick ? PG_QUICK : PG_FULL;
  const started = performance.now();
  const target = await createBenchDatabase(url);
  opts.log(`PostgreSQL: created ${target.name} on ${redact(url)} (dropped at the end); sizes ${JSON.stringify(sizes)} …`);
  try {
    const db = await openPgDatabase(target.url);
    const figures: Figure[] = [];
    try {
      const repos = createPgRepos(db);
      const seeded = await benchPgSeeding(db, repos, sizes, opts.now);
      await analyze(db.$client);
      figures.push(...seeded.figures);
      figures.push(...(await benchPgAnswer(db, opts.curriculum, opts.now, sizes, seeded.big.first)));
      figures.push(...(await benchPgBoards(db, repos, sizes.boardReads, seeded.big)));
      figures.push(...(await benchPgCap(target.url, db, opts.now, sizes.capPerPool)));
    } finally {
      await closePgDatabase(db);
    }
    opts.log(`PostgreSQL: measured in ${round((performance.now() - started) / 1_000, 1)} s`);
    return figures.map((f) => ({ ...f, name: `pg.${f.name}` }));
  } finally {
    await target.drop();
  }
}
