/**
 * `npm run db:copy -- --from <DATABASE_URL> --to <DATABASE_URL>` (issue 21): copies every table of
 * one store into a new, empty one, either way between SQLite (`file:…`) and PostgreSQL
 * (`postgres://…`). Both are opened as the bot opens them, so both are migrated to this version
 * first. Run it with the bot stopped: the copy reads one snapshot, and later writes would be lost.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { databaseDialect, sqlitePath } from "../config.js";
import { copyStore, CopyRefused, pgEndpoint, sqliteEndpoint, type CopyEndpoint } from "./copy.js";
import { closeDatabase, openDatabase } from "./db.js";
import { closePgDatabase, openPgDatabase, redact } from "./pg/db.js";

const USAGE = "usage: npm run db:copy -- --from <file:path | postgres://…> --to <file:path | postgres://…> [--batch 500]";
const NAMES = { sqlite: "SQLite", postgres: "PostgreSQL" } as const;

interface Opened { endpoint: CopyEndpoint; close(): Promise<void> }

async function open(url: string, role: "source" | "target"): Promise<Opened> {
  if (databaseDialect(url) === "postgres") {
    const db = await openPgDatabase(url, { max: 2 });
    return { endpoint: pgEndpoint(db), close: () => closePgDatabase(db) };
  }
  const path = sqlitePath(url);
  // Opening creates a missing file; a missing source is a typo, not an empty store.
  if (role === "source" && (path === ":memory:" || !existsSync(path))) throw new CopyRefused(`no SQLite database at ${path}`);
  const db = openDatabase(path, { backgroundCheckpoints: false });
  return { endpoint: sqliteEndpoint(db), close: () => closeDatabase(db) };
}

export async function runCopy(argv: readonly string[], out: (line: string) => void): Promise<void> {
  const { values } = parseArgs({ args: [...argv], options: { from: { type: "string" }, to: { type: "string" }, batch: { type: "string" } } });
  if (!values.from || !values.to) throw new CopyRefused(`--from and --to are both needed\n${USAGE}`);
  if (values.from === values.to) throw new CopyRefused("--from and --to are the same database");
  const batch = values.batch === undefined ? undefined : Number(values.batch);
  if (batch !== undefined && !(Number.isInteger(batch) && batch > 0)) throw new CopyRefused("--batch must be a positive whole number");

  const from = await open(values.from, "source");
  try {
    const to = await open(values.to, "target");
    try {
      out(`Copying ${redact(values.from)} (${NAMES[from.endpoint.dialect]}) → ${redact(values.to)} (${NAMES[to.endpoint.dialect]})`);
      const width = Math.max(...[...from.endpoint.tables.keys()].map((n) => n.length));
      const report = await copyStore(from.endpoint, to.endpoint, {
        ...(batch ? { batch } : {}),
        onTable: (t) => out(`  ${t.name.padEnd(width)} ${String(t.rows).padStart(9)} rows`),
      });
      for (const t of report.filled) out(`  ${t.name.padEnd(width)} ${String(t.rows).padStart(9)} rows, filled by the target itself; same as the source`);
      const total = report.copied.reduce((n, t) => n + t.rows, 0);
      out(`Copied ${total} rows in ${report.copied.length} tables${to.endpoint.dialect === "postgres" ? "; id sequences moved past the copied ids" : ""}.`);
      out(`Next: set DATABASE_URL=${redact(values.to)} and start prepcoach.`);
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await runCopy(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`));
  } catch (err) {
    // One line (or the list of differences), never a stack: every failure here is the operator's to act on.
    process.stderr.write(`db:copy: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
