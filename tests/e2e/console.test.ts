import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { loadCurriculum } from "../../src/curriculum/loader.js";
import { pipeToConsole, removeTestQueues, startConsole } from "./console-process.js";

const dir = mkdtempSync(join(tmpdir(), "prepcoach-console-"));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await removeTestQueues();
});
const curriculum = loadCurriculum();
// A topic with multiple choice at level 1 and free text at level 2 (the banks have both everywhere).
const topic = curriculum.topics.find((t) => t.questions.some((q) => q.level === 1 && q.format === "mcq")
  && t.questions.some((q) => q.level === 2 && q.format === "free"))!;
let n = 0;
const dbFile = () => join(dir, `run-${++n}`, "prepcoach.db");

function attemptsIn(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("select question_id, answer, score, is_correct, format from attempts").all() as
      Array<{ question_id: string; answer: string; score: number; is_correct: number; format: string }>;
  } finally {
    db.close();
  }
}

/** An answer stating the first key point of every level-2 free question, so some key points are covered. */
const freeAnswer = () => topic.questions.filter((q) => q.level === 2 && q.format === "free")
  .flatMap((q) => (q.format === "free" ? [q.keyPoints[0]!.point] : [])).join(". ");

describe("npm start on the console", () => {
  it("takes a multiple-choice quiz interactively: the right number is graded correct and stored", async () => {
    const file = dbFile();
    const p = startConsole({ DATABASE_URL: `file:${file}` });
    await p.waitFor(/type \/help to start/);
    let mark = p.output().length;
    p.type(`/quiz ${topic.id} 1 mcq`);
    const screen = await p.waitFor(/Type a number to choose/, mark);
    const question = topic.questions
      .find((q) => q.format === "mcq" && screen.includes(q.prompt.split("\n")[0]!.slice(0, 40)));
    expect(question?.format).toBe("mcq");
    const right = question!.format === "mcq" ? question!.options.find((o) => o.correct)!.text : "";
    const number = /\s(\d)\) (.*)/g;
    let chosen = "";
    for (const m of screen.matchAll(number)) if (right.startsWith(m[2]!.trim().slice(0, 30))) chosen = m[1]!;
    expect(chosen).not.toBe("");
    mark = p.output().length;
    p.type(chosen);
    const graded = await p.waitFor(/━━ (Correct|Not quite) ━━[\s\S]*Next question/, mark);
    expect(graded).toContain("━━ Correct ━━");
    p.type("/quit");
    expect(await p.exited).toBe(0);
    expect(attemptsIn(file)).toEqual([{ question_id: question!.id, answer: right, score: 1, is_correct: 1, format: "mcq" }]);
  });

  it("a member reports a question with its Report number, adds a note, and the admin's config reports lists it", async () => {
    const file = dbFile();
    const p = startConsole({ DATABASE_URL: `file:${file}` });
    await p.waitFor(/type \/help to start/);
    let mark = p.output().length;
    p.type(`/quiz ${topic.id} 1 mcq`);
    const screen = await p.waitFor(/Type a number to choose/, mark);
    const report = /\s(\d)\) Report\n/.exec(screen.slice(screen.lastIndexOf("━━ ")))?.[1];
    expect(report).toBeDefined();
    mark = p.output().length;
    p.type(report!);
    const picker = await p.waitFor(/Pick one; you can add a note after/, mark);
    expect(picker).toMatch(/1\) Wrong\n\s+2\) Unclear\n\s+3\) Too easy\n\s+4\) Too hard\n\s+5\) Typo/);
    mark = p.output().length;
    p.type("2");
    // The console spells the command as it is typed here.
    expect(await p.waitFor(/Thanks — reported as unclear\. Admins see reports with `\/config reports`/, mark)).toContain("Type your answer on one line");
    mark = p.output().length;
    p.type("Two of the options say the same thing.");
    await p.waitFor(/Note added to your report/, mark);
    mark = p.output().length;
    p.type("/config reports");
    const list = await p.waitFor(/━━ Reported questions ━━[\s\S]*report/, mark);
    p.type("/quit");
    expect(await p.exited).toBe(0);
    const db = new Database(file, { readonly: true });
    const rows = db.prepare("select item_id, kind, note from item_reports").all() as Array<{ item_id: string; kind: string; note: string }>;
    db.close();
    expect(rows).toEqual([{ item_id: expect.stringMatching(new RegExp(`^q-${topic.id}-1-`)), kind: "unclear", note: "Two of the options say the same thing." }]);
    expect(list).toContain(`${rows[0]!.item_id} · unclear · 1 report`);
    expect(list).toContain("“Two of the options say the same thing.”");
  });

  it("reads commands from a pipe: a free-text answer is graded by key points and stored", async () => {
    const file = dbFile();
    const { code, output } = await pipeToConsole(
      `/quiz ${topic.id} 2 free\n${freeAnswer()}\n/quit\n`,
      { DATABASE_URL: `file:${file}` },
    );
    expect(code).toBe(0);
    expect(output).toMatch(/━━ You covered \d+% ━━/);
    expect(output).toContain("Model answer:");
    const rows = attemptsIn(file);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ format: "free" });
    expect(rows[0]!.question_id).toMatch(new RegExp(`^q-${topic.id}-2-`));
    expect(rows[0]!.score).toBeGreaterThan(0);
  });

  it("works without Redis and with no .env, saying once that scheduling is off", async () => {
    const file = dbFile();
    const { code, output } = await pipeToConsole(`/help\n/daily\n/quiz nosuchtopic\n/quiz cache\n/quiz ${topic.id} 4\n/quit\n`, {
      DATABASE_URL: `file:${file}`, REDIS_URL: "redis://127.0.0.1:1",
    });
    expect(code).toBe(0);
    expect(output.match(/Scheduling is off/g)).toHaveLength(1);
    expect(output).toContain("━━ prepcoach help ━━");
    expect(output).toMatch(/day 1 of/);
    expect(output).toContain("There is no topic `nosuchtopic`");
    expect(output).toContain("There is no topic `cache`. Did you mean `caching`?");
    expect(output).toContain("level must be 1, 2 or 3");
    expect(output).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    expect(attemptsIn(file)).toEqual([]);
  });

  it("a daily schedule set on the console posts when the clock is advanced past it, once", async () => {
    const file = dbFile();
    const inTwoHours = new Date(Date.now() + 2 * 3_600_000).toISOString().slice(11, 16);
    const { code, output } = await pipeToConsole(
      `/config time ${inTwoHours} tz UTC days daily\n:advance 1h\n:advance 90m\n:advance 10m\n/quit\n`,
      { DATABASE_URL: `file:${file}` },
    );
    expect(code).toBe(0);
    expect(output).toContain("━━ Daily schedule created ━━");
    expect(output).toMatch(/0 daily post\(s\) delivered[\s\S]*\[post to #console\][\s\S]*day 1 of[\s\S]*1 daily post\(s\) delivered[\s\S]*0 daily post\(s\) delivered/);
    expect(output.match(/\[post to #console\]/g)).toHaveLength(1);
    const db = new Database(file, { readonly: true });
    expect(db.prepare("select status from deliveries").all()).toEqual([{ status: "posted" }]);
    db.close();
  });

  /**
   * Minutes from now to the next `weekday` (0 = Sunday) at `hh:mm` in Kolkata (UTC+5:30, no DST):
   * a first `:advance` puts the bot there, so the demo runs at a chosen hour and weekday.
   */
  const minutesToKolkata = (weekday: number, hh: number, mm: number) => {
    const ist = new Date(Date.now() + 330 * 60_000);
    let target = Date.UTC(ist.getUTCFullYear(), ist.getUTCMonth(), ist.getUTCDate(), hh, mm) + ((weekday - ist.getUTCDay() + 7) % 7) * 86_400_000;
    if (target <= ist.getTime() + 60_000) target += 7 * 86_400_000;
    return Math.ceil((target - ist.getTime()) / 60_000);
  };

  it.each([
    ["Friday 10:00", 5, 10, 0], ["Saturday 23:30", 6, 23, 30], ["Monday 08:59", 1, 8, 59], ["Wednesday 09:00", 3, 9, 0],
  ])("the README demo posts day 1 at any hour and weekday (from %s in Kolkata), with no log lines", async (_name, weekday, hh, mm) => {
    const file = dbFile();
    const { code, output } = await pipeToConsole(
      `:advance ${minutesToKolkata(weekday, hh, mm)}m\n/config time 09:00 tz Asia/Kolkata days daily plan thirty-day\n:advance 1d\n/quit\n`,
      { DATABASE_URL: `file:${file}` },
    );
    expect(code).toBe(0);
    expect(output).toMatch(/\[post to #console\]\n━━ Thirty-day plan — day 1 of 30 ━━[\s\S]*1 daily post\(s\) delivered/);
    expect(output.match(/\[post to #console\]/g)).toHaveLength(1);
    expect(output).not.toMatch(/"level":|daily post missed/);
  });

  it("moving the clock posts every slot it passes, in order: a mon–fri channel set on a Friday gets days 1 and 2", async () => {
    const file = dbFile();
    const { code, output } = await pipeToConsole(
      `:advance ${minutesToKolkata(5, 10, 0)}m\n/config time 09:00 tz Asia/Kolkata days mon-fri plan thirty-day\n:advance 4d\n/quit\n`,
      { DATABASE_URL: `file:${file}` },
    );
    expect(code).toBe(0);
    expect(output).toMatch(/day 1 of 30[\s\S]*\[post to #console\][\s\S]*day 2 of 30[\s\S]*2 daily post\(s\) delivered/);
    expect(output).not.toMatch(/"level":|missed/);
    const db = new Database(file, { readonly: true });
    expect(db.prepare("select local_date, status from deliveries order by local_date").all()).toEqual([
      { local_date: expect.any(String), status: "posted" }, { local_date: expect.any(String), status: "posted" },
    ]);
    db.close();
  });

  it("stops with one line naming a bad environment variable", async () => {
    const { code, output } = await pipeToConsole("", { DATABASE_URL: `file:${dbFile()}`, DEFAULT_TIMEZONE: "Mars/Olympus" });
    expect(code).toBe(1);
    expect(output).toContain("prepcoach: Invalid environment: DEFAULT_TIMEZONE: must be an IANA time zone like Asia/Kolkata");
    expect(output).not.toMatch(/\n\s+at /);
  });
});
