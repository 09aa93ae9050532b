/**
 * The PostgreSQL section of the bench (issue 21) in quick mode, against the machine's server:
 * every `pg.*` figure is measured beside its raw `pg` baseline, finite, and the database the
 * bench made for itself is gone afterwards. `npm run bench -- --db <not postgres>` stops at once.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { pgBenchUrl, runPgBench } from "../../bench/pg-run.js";
import { loadCurriculum } from "../../src/curriculum/loader.js";
import { createTestDatabase } from "../helpers/pg-database.js";

const ROOT = join(import.meta.dirname, "../..");
const drops: Array<() => Promise<void>> = [];
afterAll(async () => { for (const d of drops) await d(); });

async function databasesLike(url: string, pattern: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ datname: string }>("select datname from pg_database where datname like $1", [pattern])).rows.map((r) => r.datname);
  } finally {
    await c.end();
  }
}

describe("bench on PostgreSQL (--db postgres://…)", () => {
  it("measures every pg.* figure beside raw pg in a database of its own, then drops it", async () => {
    const given = await createTestDatabase();
    drops.push(given.drop);
    const lines: string[] = [];
    const figures = await runPgBench(given.url, { quick: true, curriculum: loadCurriculum(), now: new Date("2026-11-25T06:00:00Z"), log: (l) => lines.push(l) });

    const names = figures.map((f) => f.name);
    expect(names.every((n) => n.startsWith("pg."))).toBe(true);
    for (const part of ["pg.seeding through our repos", "pg.answer a quiz through the core, p50", "pg.answer a quiz through the core, p99",
      "pg.answer a quiz through the core, p99.9", "pg.answer a quiz through the core, 50 concurrent, p99",
      "pg.board top-10 in one 10,000-member space, p99", "pg.my rank in one 10,000-member space, p99",
      "pg.daily cap contention: one member, 2 pools × answers at once"]) {
      expect(names).toContain(part);
    }
    for (const f of figures) {
      // Every figure has its raw baseline from the same run, and both are real measurements.
      for (const x of [f.ours, f.baseline, f.ratio]) {
        expect(typeof x, f.name).toBe("number");
        expect(Number.isFinite(x) && x! > 0, `${f.name}: ${x}`).toBe(true);
      }
      expect(f.unit.length).toBeGreaterThan(0);
      expect(f.note?.length).toBeGreaterThan(0);
    }
    // Both sides of the contention held the daily cap with every answer stored once.
    expect(figures.find((f) => f.name.startsWith("pg.daily cap"))?.pass).toBe(true);

    // It said which database it made, and that database is gone; the given one was never written.
    const made = /created (\S+_bench_[0-9a-f]+) on/.exec(lines.join("\n"))?.[1];
    expect(made).toMatch(new RegExp(`^${given.name}_bench_`));
    expect(await databasesLike(given.url, `${given.name}_bench_%`)).toEqual([]);
    const c = new pg.Client({ connectionString: given.url });
    await c.connect();
    const tables = await c.query("select 1 from information_schema.tables where table_schema = 'public'");
    await c.end();
    expect(tables.rowCount).toBe(0);
  }, 190_000);

  it("takes --db as a postgres:// URL, in either spelling, and refuses anything else before the SQLite part starts", () => {
    expect(pgBenchUrl(["--quick"])).toBeUndefined();
    expect(pgBenchUrl(["--db", "postgres://u@h:5432/d"])).toBe("postgres://u@h:5432/d");
    expect(pgBenchUrl(["--db=postgresql://u@h/d", "--quick"])).toBe("postgresql://u@h/d");
    expect(() => pgBenchUrl(["--db"])).toThrow("--db takes a postgres:// URL (the SQLite bench needs no flag); got nothing");
    expect(() => pgBenchUrl(["--db", "postgres://u:secret@h/d"].map((a) => a.replace("postgres", "mysql")))).toThrow("got mysql://u:***@h/d");

    const run = spawnSync("npm", ["run", "bench", "--", "--quick", "--db", "file:./x.db"], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("bench failed: Error: --db takes a postgres:// URL (the SQLite bench needs no flag); got file:./x.db");
    expect(run.stdout).not.toContain("seeding");
  });
});
