import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeTestQueues, ROOT, startConsole } from "./console-process.js";

const dir = mkdtempSync(join(tmpdir(), "prepcoach-console-bank-"));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await removeTestQueues();
});

describe("a question bank on the console (a path)", () => {
  it("imports a file by path, quizzes from it, exports it back, and refuses a bad file naming every item", async () => {
    const files = join(dir, "files");
    const p = startConsole({ DATABASE_URL: `file:${join(dir, "prepcoach.db")}`, PREPCOACH_FILES_DIR: files });
    await p.waitFor(/type \/help to start/);
    let mark = p.output().length;
    p.type(`/bank import ${join(ROOT, "tests/fixtures/banks/bad.yaml")}`);
    const refused = await p.waitFor(/Question bank not imported[\s\S]*docs\/question-bank\.md/, mark);
    for (const line of ["line 2 (topic caching)", "line 6 (question ok-one)", "line 12 (question no-points)", "line 18 (question two-right)", "line 28 (drill Bad_Id)"]) {
      expect(refused).toContain(line);
    }
    mark = p.output().length;
    p.type(`/bank import ${join(dir, "missing.yaml")}`);
    expect(await p.waitFor(/Could not read .*missing\.yaml: no such file/, mark)).toBeTruthy();

    mark = p.output().length;
    p.type(`/bank import ${join(ROOT, "tests/fixtures/banks/team.yaml")}`);
    expect(await p.waitFor(/Question bank imported[\s\S]*bank remove/, mark)).toContain("4 items");
    mark = p.output().length;
    p.type("/quiz our-platform 1 free");
    expect(await p.waitFor(/outbox table/, mark)).toContain("Why do we write events through an outbox table?");
    mark = p.output().length;
    p.type("/bank export");
    await p.waitFor(/Question bank export[\s\S]*team\.yaml/, mark);
    p.type("/quit");
    expect(await p.exited).toBe(0);
    const saved = readdirSync(files).find((f) => f.startsWith("team-") && f.endsWith(".yaml"))!;
    const exported = readFileSync(join(files, saved), "utf8");
    expect(exported).toContain("id: outbox-why");
    expect(exported).toContain("topic: our-platform");

    // The exported file imports again as it is (a fresh space: another database).
    writeFileSync(join(dir, "again.yaml"), exported);
    const q = startConsole({ DATABASE_URL: `file:${join(dir, "other.db")}` });
    await q.waitFor(/type \/help to start/);
    mark = q.output().length;
    q.type("/topics");
    expect(await q.waitFor(/Start one with/, mark)).not.toContain("our-platform");
    mark = q.output().length;
    q.type(`/bank import ${join(dir, "again.yaml")}`);
    expect(await q.waitFor(/Question bank imported/, mark)).toBeTruthy();
    q.type("/quit");
    expect(await q.exited).toBe(0);
  });
});
