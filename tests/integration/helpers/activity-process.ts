/**
 * One of two processes answering as the same member on one SQLite file (concurrent-cap test):
 * it opens its sessions, says "ready", waits for the parent's "go" on stdin (sent once both are
 * ready, however slowly each loaded), then records an answer per session through the real
 * ActivityRepo, a millisecond apart. Prints the points it was awarded, as JSON, on its last line.
 *
 * Why the millisecond: back to back, the process holding the write lock takes it again within
 * microseconds while the other's busy handler sleeps 1, 2, 5… ms and wakes to a lock held again;
 * on a busy machine one process filled every day's cap before the other wrote once (CI, stop 25).
 * Members' answers arrive apart; the pause lets the two writers really take turns.
 */
import { openDatabase, closeDatabase } from "../../../src/storage/db.js";
import { createRepos } from "../../../src/storage/index.js";

const [file, memberArg, name, countArg, periodsArg] = process.argv.slice(2);
const memberId = Number(memberArg);
const count = Number(countArg);
const periods = Number(periodsArg);
const SPACE = "discord:cap";
const db = openDatabase(file!);
const repos = createRepos(db);
const at = new Date("2026-11-23T10:00:00Z");

for (let i = 0; i < count; i++) {
  await repos.quizzes.open({ id: `${name}-${i}`, spaceId: SPACE, memberId, questionId: `q${i}`, channelId: "c", kind: "quiz", cardBefore: null, createdAt: at });
}
process.stdout.write("ready\n");
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
process.stdin.pause();
let earned = 0;
for (let i = 0; i < count; i++) {
  // Each "day" (period) gets answers from both processes: 10 points each against a cap of 100.
  const day = `d${i % periods}`;
  const out = await repos.activities.record({
    spaceId: SPACE, memberId, at,
    attempt: { spaceId: SPACE, memberId, sessionId: `${name}-${i}`, questionId: `q${i}`, topic: "t", level: 1, format: "mcq", answer: "a", score: 1, isCorrect: true, at },
    award: { ref: `${name}-${i}`, points: 10, reason: "quiz", periods: [day], cap: { period: day, limit: 100 } },
    event: { key: `${name}-evt-${i}`, userId: "u" },
    reply: (points) => ({ visibility: "private", blocks: [], fallback: `+${points}` }),
  });
  if (out.status === "recorded") earned += out.award?.points ?? 0;
  await new Promise<void>((resolve) => setTimeout(resolve, 1));
}
await closeDatabase(db);
process.stdout.write(`${JSON.stringify({ earned })}\n`);
