/**
 * A solo mock interview on the real `npm start` console, typed as a person would: a clarifying
 * question answered from the problem's facts, the next phase, a few lines, the scorecard with
 * what was covered and missed, and a self-rating.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { loadCurriculum } from "../../src/curriculum/loader.js";
import { pipeToConsole, removeTestQueues } from "./console-process.js";

const dir = mkdtempSync(join(tmpdir(), "prepcoach-console-mock-"));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await removeTestQueues();
});
const problem = loadCurriculum().problems.find((p) => p.id === "p-url-shortener")!;
const fact = (kind: string) => problem.facts.find((f) => f.kind === kind)!.answer;

describe("a mock interview on the console", () => {
  it("start → a question answered from the facts → next → lines → end → scorecard → self-rating", async () => {
    const file = join(dir, "prepcoach.db");
    const { code, output } = await pipeToConsole([
      "/mock start p-url-shortener",
      "What is the read to write ratio?",
      "/mock next",
      "A load balancer in front of stateless api servers, and a Redis cache for hot codes.",
      "Click events go to kafka for async analytics; we answer with 302 so clicks are counted.",
      "/mock end",
      "1", // Strong, for the first rubric criterion
      "/quit",
    ].join("\n") + "\n", { DATABASE_URL: `file:${file}` });
    expect(code).toBe(0);
    expect(output).toContain(`🧵 [thread: Mock: ${problem.title}]`);
    expect(output).toContain("━━ Mock interview started ━━");
    expect(output).toContain(`Interviewer: ${fact("read-write")}`);
    expect(output).toMatch(/Phase 2: Architecture/);
    const card = output.slice(output.indexOf(`━━ Scorecard: ${problem.title} ━━`));
    expect(card).toMatch(/^Coverage: \d+%/m);
    expect(card).toMatch(/Requirements you asked about: [^\n]*read\/write mix/);
    expect(card).toMatch(/Components you covered: [^\n]*Load balancer in front of stateless API servers[^\n]*Cache for hot codes/);
    expect(card).toMatch(/Missing: [^\n]*Rate limiter on creation/);
    expect(card).toMatch(/Deep dives you covered: [^\n]*301 versus 302 redirects/);
    expect(card).toMatch(/Rate yourself \(1\/\d+\): Scope and clarifying questions[\s\S]*Rate yourself \(2\/\d+\)/);
    expect(output).not.toMatch(/Something went wrong|\n\s+at /);
    const db = new Database(file, { readonly: true });
    const row = db.prepare("select transcript, ratings, ended_at from mock_sessions").get() as { transcript: string; ratings: string; ended_at: number | null };
    db.close();
    expect(row.ended_at).not.toBeNull();
    expect(JSON.parse(row.ratings)).toEqual({ scope: 1 });
    expect((JSON.parse(row.transcript) as Array<{ who: string }>).map((l) => l.who)).toEqual(["candidate", "interviewer", "candidate", "candidate"]);
  });
});
