/**
 * `npm run grader:disputes` (issue 17) against a real SQLite file: a member disputes a missed key
 * point through the core, and the script, run as authors run it, lists that dispute.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { commands } from "../../src/bot/commands/index.js";
import { actions } from "../../src/bot/actions/index.js";
import { createDispatcher } from "../../src/bot/dispatcher.js";
import type { Reply } from "../../src/bot/reply.js";
import { closeDatabase, openDatabase } from "../../src/storage/db.js";
import { createRepos } from "../../src/storage/index.js";
import { FakeClock, makeEvent, miniCurriculum, seededRandom } from "../fakes/core.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "prepcoach-disputes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = promisify(execFile);
const disputesCli = (file: string, ...args: string[]) => run("npm", ["run", "--silent", "grader:disputes", ...(args.length ? ["--", ...args] : [])], {
  cwd: ROOT, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", DATABASE_URL: `file:${file}` },
});
const choices = (r: Reply | undefined) => r?.blocks.flatMap((b) => (b.kind === "choices" ? b.options : [])) ?? [];

describe("npm run grader:disputes", () => {
  it("lists a dispute recorded in the database, per question and key point, with the member's answer", async () => {
    const file = join(dir, "prepcoach.db");
    const db = openDatabase(file);
    const clock = new FakeClock();
    const dispatcher = createDispatcher({
      curriculum: miniCurriculum(), ...createRepos(db), clock, random: seededRandom(),
      logger: { info() {}, warn() {}, error() {} }, defaultTimezone: "UTC",
      scheduler: { isEnabled: false, subscriptionChanged: async () => undefined },
    }, commands, actions);
    const asked = await dispatcher.handle(makeEvent({ kind: "command", name: "quiz", args: { topic: "caching", level: 2, format: "free" } }));
    const form = asked!.blocks.find((b) => b.kind === "form");
    if (form?.kind !== "form") throw new Error("expected a free-text question");
    const answer = "cache aside with redis";
    const graded = await dispatcher.handle(makeEvent({ kind: "submit", name: form.action, args: { text: answer } }));
    const dispute = choices(graded).find((o) => o.label.startsWith("I covered 3"));
    expect(dispute, "a dispute button under the missed TTL point").toBeDefined();
    await dispatcher.handle(makeEvent({ kind: "action", name: dispute!.action }));
    await closeDatabase(db);

    const { stdout } = await disputesCli(file);
    expect(stdout.trim().split("\n")).toEqual([
      "q-caching-2-01 #3 — 1 dispute: A TTL bounds staleness",
      `  · ${clock.now().toISOString().slice(0, 10)} console:s1 member 1: "${answer}"`,
    ]);
    const json = JSON.parse((await disputesCli(file, "--json")).stdout) as unknown[];
    expect(json).toEqual([expect.objectContaining({ questionId: "q-caching-2-01", keyPoint: 2, point: "A TTL bounds staleness", answer, spaceId: "console:s1" })]);
  });

  it("says so when there are none", async () => {
    const file = join(dir, "empty.db");
    await closeDatabase(openDatabase(file));
    expect((await disputesCli(file)).stdout.trim()).toBe("No disputes yet.");
  });
});
