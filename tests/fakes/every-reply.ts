/**
 * A table of the replies the core can produce: help for every command, every user message in
 * messages.ts, the replies of a scripted session through the dispatcher (every command and its
 * actions), what it posts to threads and DMs, and the views jobs post, with representative inputs.
 * `inThread` marks what is read inside a mock-interview thread (where Slack runs no commands).
 */
import { encodeAction } from "../../src/bot/action-ids.js";
import { commands } from "../../src/bot/commands/index.js";
import type { BotEvent } from "../../src/bot/event.js";
import { userMessages, formatUserMessage, type UserErrorId } from "../../src/bot/messages.js";
import type { MockSession } from "../../src/bot/ports.js";
import { privateReply, text, type Reply } from "../../src/bot/reply.js";
import { coverage, INTERVIEWER_CRITERIA, phasePlan } from "../../src/bot/services/mock.js";
import type { StreakStatus } from "../../src/bot/services/streaks.js";
import { digestReply, emptyDigestReply } from "../../src/bot/views/digest.js";
import { noPlanReply } from "../../src/bot/views/member-plan.js";
import { phaseReply, ratingReply, scorecardReply, timerNotice } from "../../src/bot/views/mock.js";
import {
  bothSidesReply, interviewerBrief, leftQueueReply, matchedReply, pairTimeoutReply, peerOpening, peerRatingReply, peerScorecardReply, queuedReply,
} from "../../src/bot/views/pairing.js";
import { remindersReply, streakReminderReply, streakReply } from "../../src/bot/views/streak.js";
import { loadCurriculum } from "../../src/curriculum/loader.js";
import { createTestCore, makeEvent } from "./core.js";

export interface TableRow { name: string; reply: Reply; inThread?: boolean; echoes?: readonly string[] }

/** Representative values for a message's `{params}`. */
const PARAMS: Record<string, string | number> = {
  name: "Night Owls", problem: "url shortner", problems: "p-url-shortener, p-news-feed", command: "config", action: "join",
  topic: "cache", topics: "caching, sharding", near: "`caching`", plan: "thirty-days", plans: "final-sprint, seven-week, thirty-day",
  format: "free-text", level: 2, expected: "a rate", given: "a size", example: "1.2k/s", reason: "no unit", count: 4,
  when: "tomorrow 19:00", at: "Mon 7 Dec, 19:00 UTC", days: 14,
  length: 2_400, max: 2_000, closesAt: "09:30 UTC", choice: "LRU", date: "2026-11-20", minutes: 10, tz: "Mars/Olympus", who: "Asha", whom: "Ravi",
};

/** Messages read after clicking a button inside a mock thread. */
const THREAD_MESSAGES = new Set<UserErrorId>(["pair.stillRunning", "pair.notYourSide", "pair.notPeerMock", "mock.notYours", "mock.emptyAnswer"]);

const curriculum = loadCurriculum();
const ADMIN = { id: "u1", name: "Asha", isAdmin: true };
const RAVI = { id: "u2", name: "Ravi", isAdmin: false };

export async function everyReply(): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  for (const id of Object.keys(userMessages) as UserErrorId[]) {
    const message = formatUserMessage(id, id === "command.unknown" ? { name: "/dance" } : PARAMS);
    rows.push({ name: `message ${id}`, reply: privateReply(undefined, [text(message)], message), inThread: THREAD_MESSAGES.has(id), echoes: ["/dance"] });
  }

  const core = createTestCore({ curriculum });
  const send = async (name: string, args: BotEvent["args"] = {}, user = ADMIN, extra: Partial<BotEvent> = {}) => {
    const reply = await core.dispatcher.handle(makeEvent({ kind: "command", name, args, user, ...extra }));
    if (reply) rows.push({ name: `${name} ${JSON.stringify(args)}`, reply, inThread: extra.thread !== undefined });
    return reply;
  };
  const click = async (action: Parameters<typeof encodeAction>[0], user = ADMIN, thread?: string) => {
    const reply = await core.dispatcher.handle(makeEvent({ kind: "action", name: encodeAction(action), user, ...(thread ? { thread: { id: thread } } : {}) }));
    if (reply) rows.push({ name: `click ${action.type}`, reply, inThread: thread !== undefined });
    return reply;
  };

  await send("help");
  for (const c of commands) await send("help", { command: c.name });
  await send("config", { time: "09:00" }, RAVI); // admin.only, as a member sees it
  await send("daily");
  await send("config", { action: "show" });
  await send("config", { action: "set", time: "09:00", tz: "Asia/Kolkata", plan: "thirty-day" });
  await send("config", { action: "pause" });
  await send("config", { action: "resume" });
  await send("config", { action: "ping" });
  await send("config", { action: "roles" });
  // A space's own bank (issue 22): import, refusal, export, topics, remove.
  const bankFile = "questions:\n  - id: own-q\n    topic: caching\n    level: 1\n    format: free\n    prompt: Why cache?\n    keyPoints: [Reads get faster.]\n";
  await send("bank", { action: "import" }, ADMIN, { file: { name: "bank.yaml", text: bankFile } });
  await send("bank", { action: "import" }, ADMIN, { file: { name: "bad.yaml", text: "questions:\n  - id: x\n" } });
  await send("bank", { action: "export" });
  await send("bank", { action: "topics", topic: "caching", state: "off" });
  await send("bank", { action: "topics", topic: "caching", state: "on" });
  await send("bank", { action: "remove", item: "own-q" });
  await send("daily");
  await send("plan");
  await send("plan", { action: "start", plan: "final-sprint" });
  await send("daily");
  await send("plan", { action: "skip" });
  await send("plan", { action: "pause" });
  await send("plan", { action: "resume" });
  await send("plan", { action: "stop" });
  await send("group");
  await send("group", { action: "create", name: "Night Owls" });
  await send("group", { action: "join", name: "Night Owls" }, RAVI);
  await send("group", { action: "plan", name: "Night Owls", plan: "seven-week" });
  await send("group", { action: "list" });
  await send("daily", {}, RAVI);
  await send("group", { action: "plan", name: "Night Owls", plan: "none" });
  await send("group", { action: "leave", name: "Night Owls" }, RAVI);
  await send("topics");
  await send("review");
  const quiz = await send("quiz", { topic: "caching", format: "mcq" });
  const answer = quiz?.blocks.flatMap((b) => (b.kind === "choices" ? b.options : []))[0];
  if (answer) rows.push({ name: "answer", reply: (await core.dispatcher.handle(makeEvent({ kind: "action", name: answer.action, user: ADMIN })))! });
  // Reporting the question: the kinds, the thanks (naming the admins' command), the note, the admins' list.
  await send("config", { action: "reports" });
  const report = quiz?.blocks.flatMap((b) => (b.kind === "choices" ? b.options : [])).find((o) => o.action.startsWith("report.open:"));
  if (report) {
    const itemId = report.action.split(":")[1]!;
    rows.push({ name: "report kinds", reply: (await core.dispatcher.handle(makeEvent({ kind: "action", name: report.action, user: ADMIN })))! });
    await click({ type: "report.kind", itemId, kind: "unclear" });
    await click({ type: "report.kind", itemId, kind: "unclear" });
    const noted = await core.dispatcher.handle(makeEvent({ kind: "submit", name: encodeAction({ type: "report.note", itemId, kind: "unclear" }), args: { text: "Two options overlap." }, user: ADMIN }));
    rows.push({ name: "report note", reply: noted! });
  }
  await send("config", { action: "reports" });
  await send("quiz", { topic: "caching", format: "free" });
  await send("drill");
  await send("stats");
  await send("progress");
  await send("leaderboard");
  await send("leaderboard", { period: "retention" });
  await send("streak");
  await send("streak", { action: "reminders", state: "off" });
  await send("streak", { action: "reminders", state: "on" });
  await send("me", { action: "timezone" });
  await send("me", { action: "timezone", tz: "Asia/Kolkata" });
  await send("me", { action: "export" });
  await send("me", { action: "delete" }, RAVI);
  await send("round", { action: "start", topic: "caching" });

  await send("mock", { action: "start", problem: "p-url-shortener", minutes: 45 });
  const opened = core.outbox.threads.at(-1)!;
  rows.push({ name: "mock opening", reply: opened.first, inThread: true });
  await send("mock", { action: "next" });
  const session = (await core.deps.mocks.activeInThread("console:s1", opened.threadId))!;
  await click({ type: "mock.next", sessionId: session.id }, ADMIN, opened.threadId);
  await send("mock", { action: "end" });
  await send("mock", { action: "pair" });
  await send("mock", { action: "leave" });
  for (const p of core.outbox.posts) rows.push({ name: `posted ${p.reply.title ?? p.reply.fallback.slice(0, 30)}`, reply: p.reply, inThread: p.target.threadId !== undefined });

  const problem = curriculum.problems.find((p) => p.id === "p-url-shortener")!;
  const framework = curriculum.frameworks[0]!;
  const plan = phasePlan(framework, 45);
  const s: MockSession = {
    id: "s1", spaceId: "console:s1", memberId: 1, problemId: problem.id, framework: framework.id, channelId: "c1", threadId: "t1", phase: 1,
    minutes: 45, phaseStartedAt: new Date(), startedAt: new Date(), endedAt: null, transcript: [], ratings: {}, partnerId: null,
  };
  const names = { candidate: "Asha", interviewer: "Ravi" };
  const side = { criteria: INTERVIEWER_CRITERIA, ratings: {}, total: 60 };
  const streak: StreakStatus = { current: 3, best: 5, freezes: 1, countedToday: false, isAtRisk: true, coveredDays: 0, remindersOn: true, today: "2026-11-23" };
  const week = { start: "2026-11-16", end: "2026-11-22", period: "week", before: "2026-11-09" };
  const board = [{ memberId: 1, name: "Asha", points: 40, rank: 1 }];
  rows.push(
    { name: "timer over", reply: timerNotice(plan, s, "over"), inThread: true },
    { name: "timer warn5", reply: timerNotice(plan, s, "warn5"), inThread: true },
    { name: "scorecard", reply: scorecardReply(problem, plan, s, coverage(problem, s), "Time's up."), inThread: true },
    // With a model (issue 20): the longest narratives allowed (300 characters a rubric item), a follow-up at a phase change.
    { name: "scorecard, model notes", reply: scorecardReply(problem, plan, s, coverage(problem, s), "Time's up.", {
      by: "model", notes: problem.rubric.map((c) => ({ label: c.label, narrative: "n".repeat(300) })),
    }), inThread: true },
    { name: "scorecard, offline notes", reply: scorecardReply(problem, plan, s, coverage(problem, s), "Time's up.", { by: "offline" }), inThread: true },
    { name: "phase with a follow-up", reply: phaseReply(plan, s, `What happens when the cache node dies? ${"p".repeat(250)}`), inThread: true },
    { name: "rating total", reply: ratingReply(problem, s, problem.rubric.length, 70), inThread: true },
    { name: "peer opening", reply: peerOpening(problem, framework, plan, "s1", names, "https://excalidraw.com/#room=0123456789abcdef0123,AbCdEfGhIjKlMnOp_-QrSt"), inThread: true },
    { name: "interviewer brief", reply: interviewerBrief(problem, names) },
    { name: "peer scorecard", reply: peerScorecardReply(problem, plan, s, coverage(problem, s), "Time's up.", names, INTERVIEWER_CRITERIA), inThread: true },
    { name: "peer rating saved", reply: peerRatingReply({ sessionId: "s1", side: "candidate", next: 99, names, mine: side, other: undefined }), inThread: true },
    { name: "both sides", reply: bothSidesReply(names, side, side), inThread: true },
    { name: "queued", reply: queuedReply({ level: 1, minutes: 10, hasTimer: true }) },
    { name: "left queue", reply: leftQueueReply() },
    { name: "matched", reply: matchedReply({ partner: "Ravi", role: "interviewer", problem }) },
    { name: "pair timeout", reply: pairTimeoutReply({ channelId: "c1", memberId: 1, name: "Asha", minutes: 10 }) },
    { name: "no plan", reply: noPlanReply(curriculum) },
    { name: "streak card", reply: streakReply(streak) },
    { name: "streak new", reply: streakReply({ ...streak, current: 0 }) },
    { name: "reminders off", reply: remindersReply(false, true) },
    { name: "streak reminder DM", reply: streakReminderReply(streak) },
    { name: "digest", reply: digestReply({ week, top: board, streaks: [], improved: [], groups: [{ name: "Night Owls", top: [] }] }) },
    { name: "empty digest", reply: emptyDigestReply(week) },
  );
  return rows;
}
