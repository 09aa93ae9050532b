/**
 * `npm run content:reports`: the authors' list of reported questions and drills across every
 * space, read by the script itself from the store DATABASE_URL names, as the bot reads it: a real
 * SQLite file, or a fresh PostgreSQL database (issue 21).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase } from "../../src/storage/db.js";
import { createRepos, type Repos } from "../../src/storage/index.js";
import { openStore } from "../../src/storage/store.js";
import { createTestDatabase } from "../helpers/pg-database.js";

const run = promisify(execFile);
const root = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "prepcoach-content-reports-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const drops: Array<() => Promise<void>> = [];
afterAll(async () => { for (const drop of drops) await drop(); });

const script = (file: string, ...args: string[]) => run(process.execPath, ["--import", "tsx", "src/storage/reports-cli.ts", ...args], {
  cwd: root, env: { PATH: process.env.PATH ?? "", DATABASE_URL: file.startsWith("postgres") ? file : `file:${file}` },
});

/** Four reports in two spaces; the lines the script should print for them. */
async function seed(r: Repos): Promise<string[]> {
  const at = (d: number) => new Date(Date.UTC(2026, 10, 20 + d, 9));
  for (const id of ["discord:G1", "slack:T1"]) await r.spaces.ensure({ id, platform: id.startsWith("discord") ? "discord" : "slack" }, "UTC");
  const a = await r.members.ensure("discord:G1", { id: "a", name: "A" });
  const b = await r.members.ensure("slack:T1", { id: "b", name: "B" });
  await r.reports.record({ spaceId: "discord:G1", memberId: a.id, itemId: "d-01", kind: "typo", at: at(1) });
  await r.reports.record({ spaceId: "discord:G1", memberId: a.id, itemId: "q-caching-1-01", kind: "wrong", note: "The key says  LRU,\nthe text LFU.", at: at(2) });
  await r.reports.record({ spaceId: "slack:T1", memberId: b.id, itemId: "q-caching-1-01", kind: "wrong", at: at(3) });
  await r.reports.record({ spaceId: "slack:T1", memberId: b.id, itemId: "q-caching-1-01", kind: "unclear", at: at(3) });
  return [
    "q-caching-1-01 — 3 reports: wrong ×2, unclear ×1",
    // Newest first; of two at the same moment, the later recorded first.
    `  · 2026-11-23 slack:T1 member ${b.id} unclear`,
    `  · 2026-11-23 slack:T1 member ${b.id} wrong`,
    `  · 2026-11-22 discord:G1 member ${a.id} wrong: "The key says LRU, the text LFU."`,
    "d-01 — 1 report: typo ×1",
    `  · 2026-11-21 discord:G1 member ${a.id} typo`,
    "",
  ];
}

describe("npm run content:reports", () => {
  it("lists every space's reports grouped by item, the most reported first, with kinds, spaces and notes", async () => {
    const file = join(dir, "reports.db");
    const db = openDatabase(file);
    const expected = await seed(createRepos(db));
    await closeDatabase(db);

    const { stdout } = await script(file);
    expect(stdout.split("\n")).toEqual(expected);
    const json = JSON.parse((await script(file, "--json")).stdout) as Array<{ itemId: string; note: string | null }>;
    expect(json).toHaveLength(4);
    expect(json.find((x) => x.note)?.note).toBe("The key says  LRU,\nthe text LFU.");
  });

  it("reads a PostgreSQL store (DATABASE_URL=postgres://…) the same way", async () => {
    const database = await createTestDatabase();
    drops.push(database.drop);
    const store = await openStore(database.url);
    const expected = await seed(store.repos);
    await store.close();
    expect((await script(database.url)).stdout.split("\n")).toEqual(expected);
  });

  it("says so when there are none", async () => {
    const file = join(dir, "empty.db");
    await closeDatabase(openDatabase(file));
    expect((await script(file)).stdout).toBe("No reports yet.\n");
  });
});
