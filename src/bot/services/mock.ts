/**
 * Solo mock interviews: a problem in a thread, phase by phase (RADIO by default), an interviewer
 * that answers clarifying questions from the problem's facts, phase timers as delayed jobs, and a
 * scorecard from the transcript plus the candidate's own rubric ratings.
 */
import { closest, orList, slug } from "../suggest.js";
import { cmd } from "../command-ref.js";
import type { Framework, Problem } from "../../curriculum/schema.js";
import { factStrength } from "../../curriculum/fact-match.js";
import { gradeFree } from "../../curriculum/grading.js";
import type { SelfBand } from "../action-ids.js";
import type { Context, Deps } from "../command.js";
import { UserError } from "../errors.js";
import type { MockSession, TranscriptLine } from "../ports.js";
import { privateReply, text, type Reply, userText } from "../reply.js";
import { whiteboardLink } from "../whiteboard.js";
import { answerClarifying, probeAtPhase, rubricNarratives } from "./model-interviewer.js";
import { overallLevel, RECENT_LIMIT } from "./progress.js";
import { recordMockFinished, withStreakLine } from "./streaks.js";
import { controlActions, mockOpening, phaseReply, ratingReply, scorecardReply, timerNotice, type Coverage, type PlannedPhase } from "../views/mock.js";
import { peerScorecardReply, type PeerCriterion, type PeerNames } from "../views/pairing.js";

export const DEFAULT_MINUTES = 45;
export const BAND_SCORE: Record<SelfBand, number> = { strong: 1, adequate: 0.6, weak: 0.2, missing: 0 };
const MINUTE = 60_000;

export type { Coverage, PlannedPhase } from "../views/mock.js";

/**
 * The framework's phases with budgets scaled from 45 minutes to the chosen length, in whole
 * minutes that add up to it (largest remainders get the spare minutes; a phase with a budget
 * keeps at least one, taken from the longest). Nobody times a 0.9-minute phase.
 */
export function phasePlan(framework: Framework, minutes: number): PlannedPhase[] {
  const total = framework.phases.reduce((s, p) => s + p.minutes, 0) || 1;
  const exact = framework.phases.map((p) => (p.minutes / total) * minutes);
  const whole = exact.map(Math.floor);
  const spare = minutes - whole.reduce((s, m) => s + m, 0);
  const byRemainder = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; k < spare; k++) whole[byRemainder[k % byRemainder.length]!.i]! += 1;
  for (let i = 0; i < whole.length; i++) {
    if (whole[i] !== 0 || framework.phases[i]!.minutes === 0) continue;
    const longest = whole.indexOf(Math.max(...whole));
    if (whole[longest]! <= 1) break;
    whole[longest]! -= 1;
    whole[i] = 1;
  }
  return framework.phases.map((p, i) => ({ ...p, minutes: whole[i]! }));
}

/** A problem by its id, its id without the `p-` prefix, or its title with or without its "(…-like)" note. */
export function problemOf(deps: Pick<Deps, "curriculum">, typed: string): Problem {
  const problems = deps.curriculum.problems;
  const names = (x: Problem) => [x.id, x.id.replace(/^p-/, ""), x.title, x.title.replace(/\s*\(.*\)\s*$/, "")];
  const p = problems.find((x) => x.id === typed) ?? problems.find((x) => names(x).some((n) => slug(n) === slug(typed)));
  if (p) return p;
  const near = closest(typed, problems.map((x) => ({ id: x.id, names: names(x) })));
  if (near.length) throw new UserError("mock.problemDidYouMean", { problem: typed.slice(0, 40), near: orList(near) });
  throw new UserError("mock.unknownProblem", { problem: typed.slice(0, 40), problems: problems.map((x) => x.id).join(", ") });
}

/**
 * A problem at the member's level (the highest they unlocked in any topic; 1 for a newcomer), or
 * the nearest level below with problems; one they have not interviewed on first.
 */
export async function problemAtLevel(deps: Deps, memberId: number): Promise<Problem> {
  const level = overallLevel(await deps.quizzes.recentAttempts(memberId, RECENT_LIMIT));
  const problems = deps.curriculum.problems;
  const fitting = Math.max(...problems.map((p) => p.level).filter((l) => l <= level), Math.min(...problems.map((p) => p.level)));
  const pool = problems.filter((p) => p.level === fitting);
  const done = new Set((await deps.mocks.history(memberId, 50)).map((m) => m.problemId));
  const fresh = pool.filter((p) => !done.has(p.id));
  const from = fresh.length ? fresh : pool;
  return from[Math.floor(deps.random.next() * from.length)]!;
}

export function frameworkOf(deps: Pick<Deps, "curriculum">, id: string): Framework {
  const f = deps.curriculum.frameworks.find((x) => x.id === id) ?? deps.curriculum.frameworks[0];
  if (!f) throw new UserError("mock.noProblems");
  return f;
}

/** When the current phase's budget runs out, counted from when it started. */
const phaseEndsAt = (s: MockSession, plan: PlannedPhase[]) => new Date(s.phaseStartedAt.getTime() + (plan[s.phase]?.minutes ?? 0) * MINUTE);

export type MockTimerPayload = { sessionId: string; spaceId: string; type: "over" | "warn5" | "wrap"; phase: number };

/** A session's timers (ids are deterministic): the current phase's end, the five-minute warning, the wrap-up. */
export function mockTimers(s: MockSession, plan: PlannedPhase[]): Array<{ key: string; at: Date; payload: MockTimerPayload }> {
  const end = s.startedAt.getTime() + s.minutes * MINUTE;
  const base = { sessionId: s.id, spaceId: s.spaceId };
  return [
    { key: `${s.id}-p${s.phase}-over`, at: phaseEndsAt(s, plan), payload: { ...base, type: "over", phase: s.phase } },
    { key: `${s.id}-warn5`, at: new Date(end - 5 * MINUTE), payload: { ...base, type: "warn5", phase: -1 } },
    { key: `${s.id}-wrap`, at: new Date(end), payload: { ...base, type: "wrap", phase: -1 } },
  ];
}

/** The phase-over timer, and with `all` the five-minute warning and the wrap-up. */
export async function scheduleTimers(deps: Deps, s: MockSession, plan: PlannedPhase[], all: boolean): Promise<void> {
  const schedule = deps.scheduler.scheduleTimer?.bind(deps.scheduler);
  if (!schedule) return;
  for (const t of mockTimers(s, plan).slice(0, all ? 3 : 1)) await schedule("mock-nudge", t.key, t.at, t.payload);
}

export async function startMock(
  ctx: Context<unknown>, opts: { problemId?: string; minutes: number; framework: string; channelId?: string },
): Promise<Reply> {
  const { deps, member, event, space } = ctx;
  const running = await deps.mocks.activeFor(member.id);
  if (running) throw new UserError("mock.alreadyRunning", { problem: running.problemId });
  if (!deps.outbox?.openThread) throw new UserError("mock.noThreads");
  const problems = deps.curriculum.problems;
  if (problems.length === 0) throw new UserError("mock.noProblems");
  const problem = opts.problemId ? problemOf(deps, opts.problemId) : await problemAtLevel(deps, member.id);
  const framework = frameworkOf(deps, opts.framework);
  const plan = phasePlan(framework, opts.minutes);
  const now = deps.clock.now();
  const channelId = opts.channelId ?? event.channel.id;
  const session: MockSession = {
    id: deps.random.id(), spaceId: space.id, memberId: member.id, problemId: problem.id, framework: framework.id,
    channelId, threadId: null, phase: 0, minutes: opts.minutes, phaseStartedAt: now, startedAt: now,
    endedAt: null, transcript: [], ratings: {}, partnerId: null,
  };
  await deps.mocks.create(session);
  const thread = await deps.outbox.openThread(
    { spaceId: space.id, channelId }, `Mock: ${problem.title}`.slice(0, 100), mockOpening(problem, framework, plan, session.id, member.displayName, whiteboardLink(deps.random)),
  );
  session.threadId = thread.threadId;
  await deps.mocks.update(session.id, { threadId: thread.threadId });
  await scheduleTimers(deps, session, plan, true);
  const note = `Your ${opts.minutes}-minute mock interview on **${problem.title}** has started in its thread. ` +
    `Write your answers there and ask me anything you need to know. ${cmd("mock next", {}, { inThread: { button: "Next phase" } })} moves to the next phase, ${cmd("mock end", {}, { inThread: { button: "End interview" } })} stops.`;
  return { visibility: "private", title: "Mock interview started", blocks: [{ kind: "text", markdown: note }], fallback: note };
}

/**
 * A message in the interview's thread: kept in the transcript; in a solo mock a question gets the
 * interviewer's answer from the facts. In a peer mock the human interviewer answers (their lines
 * are kept as "interviewer"), so the bot stays quiet; other people's messages are ignored.
 */
export async function mockMessage(ctx: Context<unknown>, session: MockSession, text: string): Promise<Reply | undefined> {
  const { deps } = ctx;
  const who = session.memberId === ctx.member.id ? "candidate" : session.partnerId === ctx.member.id ? "interviewer" : undefined;
  if (!who) return undefined;
  const at = deps.clock.now().toISOString();
  const lines: TranscriptLine[] = [{ at, phase: session.phase, who, text }];
  let reply: Reply | undefined;
  if (session.partnerId === null && looksLikeQuestion(text)) {
    const problem = problemOf(deps, session.problemId);
    const answer = await answerClarifying(deps, session, problem, text, factAsked(problem, text)?.answer,
      "That's not something I have numbers for. State an assumption, say it out loud, and go on.");
    lines.push({ at, phase: session.phase, who: "interviewer", text: answer });
    reply = { visibility: "channel", blocks: [{ kind: "text", markdown: `**Interviewer:** ${answer}` }], fallback: answer };
  }
  await deps.mocks.update(session.id, { transcript: [...session.transcript, ...lines] });
  return reply;
}

/** `phrase` occurs in `text` as whole words (case-insensitive): "302" in "answer with 302", never "per bank" in "payer bank". */
function saysExactly(text: string, phrase: string): boolean {
  const escaped = phrase.trim().toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
  return new RegExp(`(^|[^a-z0-9])${escaped}($|[^a-z0-9])`).test(text.toLowerCase());
}

/** The fact a question asks for: the most specific match ("read to write ratio" beats a bare "traffic", "peak TPS" the average). */
function factAsked(problem: Problem, question: string): Problem["facts"][number] | undefined {
  return problem.facts.map((f) => ({ f, strength: factStrength(question, f.asks) })).filter((x) => x.strength > 0)
    .sort((a, b) => b.strength - a.strength)[0]?.f;
}

/**
 * A line said through the interview's Answer form. Nobody else sees a form's text, so it is
 * posted in the interview's thread (a peer interviewer must read it) with any answer from the
 * facts; the thread, not wherever the form was opened (on Discord the thread's first message
 * sits in the parent channel). The member gets a short private confirmation.
 */
export async function sayInMock(ctx: Context<unknown>, session: MockSession, said: string | undefined): Promise<Reply> {
  const line = said?.trim();
  if (!line) throw new UserError("mock.emptyAnswer");
  const answer = await mockMessage(ctx, session, line);
  const role = session.memberId === ctx.member.id ? "Candidate" : "Interviewer";
  const shown: Reply = {
    visibility: "channel", blocks: [text(`**${role} (${userText(ctx.member.displayName)}):** ${userText(line)}`), ...(answer?.blocks ?? [])], fallback: userText(line),
  };
  if (!session.threadId || !ctx.deps.outbox) return shown;
  await ctx.deps.outbox.post({ spaceId: session.spaceId, channelId: session.channelId, threadId: session.threadId }, shown,
    { idempotencyKey: `mock-say-${ctx.event.idempotencyKey}` });
  return privateReply(undefined, [text(answer ? "Said in the interview thread, and answered there." : "Said in the interview thread.")]);
}

const QUESTION_START = /^(how|what|what's|whats|which|who|when|where|why|do|does|did|is|are|can|could|should|will|would|may|any|shall)\b/i;
export const looksLikeQuestion = (text: string) => text.trim().endsWith("?") || QUESTION_START.test(text.trim());

export async function requireOwnSession(ctx: Context<unknown>, sessionId?: string): Promise<MockSession> {
  const session = sessionId ? await ctx.deps.mocks.get(ctx.space.id, sessionId) : await ctx.deps.mocks.activeFor(ctx.member.id);
  if (!session || session.endedAt) throw new UserError("mock.notRunning");
  // In a peer mock either member may move on or end it.
  if (session.memberId !== ctx.member.id && session.partnerId !== ctx.member.id) throw new UserError("mock.notYours");
  return session;
}

export async function nextPhase(ctx: Context<unknown>, session: MockSession): Promise<Reply> {
  const { deps } = ctx;
  const plan = phasePlan(frameworkOf(deps, session.framework), session.minutes);
  await deps.scheduler.cancelTimer?.("mock-nudge", `${session.id}-p${session.phase}-over`);
  if (session.phase + 1 >= plan.length) return endMock(deps, session, "You reached the end of the plan.");
  const moved: MockSession = { ...session, phase: session.phase + 1, phaseStartedAt: deps.clock.now() };
  await deps.mocks.update(session.id, { phase: moved.phase, phaseStartedAt: moved.phaseStartedAt });
  await scheduleTimers(deps, moved, plan, false);
  // A solo mock's interviewer probes once per phase change, from the deep dives (with a model only).
  const probe = moved.partnerId === null ? await probeAtPhase(deps, moved, problemOf(deps, moved.problemId), plan[session.phase]!.title) : undefined;
  if (probe) {
    const line: TranscriptLine = { at: moved.phaseStartedAt.toISOString(), phase: moved.phase, who: "interviewer", text: probe };
    await deps.mocks.update(session.id, { transcript: [...session.transcript, line] });
  }
  return phaseReply(plan, moved, probe);
}

/**
 * However a mock ends (End, `/mock end`, the plan's last phase, time up), its Next phase / End /
 * Answer buttons come off the thread's messages. Best effort: the interview has ended either way,
 * and a stale click is answered "no mock running".
 */
export async function retireControls(deps: Deps, session: MockSession): Promise<void> {
  if (!session.threadId || !deps.outbox?.retire) return;
  try {
    await deps.outbox.retire({ spaceId: session.spaceId, channelId: session.channelId, threadId: session.threadId }, controlActions(session.id));
  } catch (err) {
    deps.logger.warn({ err: err instanceof Error ? err.message : String(err), session: session.id }, "mock controls not retired");
  }
}

/** Ends the interview, saves it, and returns the scorecard with the first self-rating question. */
export async function endMock(deps: Deps, session: MockSession, why: string): Promise<Reply> {
  const now = deps.clock.now();
  const plan = phasePlan(frameworkOf(deps, session.framework), session.minutes);
  await deps.mocks.update(session.id, { endedAt: now });
  await retireControls(deps, session);
  const streak = await recordMockFinished(deps, session, now);
  for (const key of [`${session.id}-p${session.phase}-over`, `${session.id}-warn5`, `${session.id}-wrap`]) {
    await deps.scheduler.cancelTimer?.("mock-nudge", key);
  }
  const problem = problemOf(deps, session.problemId);
  if (session.partnerId !== null) {
    const names = await peerNames(deps, session);
    return peerScorecardReply(problem, plan, session, coverage(problem, session), why, names, INTERVIEWER_CRITERIA);
  }
  const notes = await rubricNarratives(deps, session, problem);
  return withStreakLine(scorecardReply(problem, plan, session, coverage(problem, session), why, notes), streak);
}

/** How the candidate rates the interviewer: three criteria of our own, equal weight. */
export const INTERVIEWER_CRITERIA: readonly PeerCriterion[] = [
  {
    id: "clarity", label: "Clarity of prompts", weight: 1,
    strong: "Set the problem out plainly and answered each question directly; you always knew what was asked.",
    weak: "Vague or shifting asks; questions went unanswered or got an answer to something else.",
  },
  {
    id: "hints", label: "Useful hints", weight: 1,
    strong: "Nudged you when you were stuck without handing over the design, and pointed at what mattered.",
    weak: "Silent while you were stuck, or gave the whole answer away.",
  },
  {
    id: "timekeeping", label: "Fair timekeeping", weight: 1,
    strong: "Kept the phases on time and left room for the deep dives and the wrap-up.",
    weak: "Let one phase eat the interview, or hurried you for no reason.",
  },
];

/** Display names of a peer mock's two members. */
export async function peerNames(deps: Deps, s: MockSession): Promise<PeerNames> {
  const [candidate, interviewer] = await Promise.all([deps.members.get(s.memberId), s.partnerId === null ? undefined : deps.members.get(s.partnerId)]);
  return { candidate: candidate ? userText(candidate.displayName) : "the candidate", interviewer: interviewer ? userText(interviewer.displayName) : "the interviewer" };
}


/**
 * What the transcript covered, read by the quiz grader: each component or deep dive is a key
 * point (its name in plain English, its phrasings as hints), so "payer bank" does not earn
 * "per-bank circuit breakers".
 */
export function coverage(problem: Problem, session: Pick<MockSession, "transcript">): Coverage {
  const said = session.transcript.filter((l) => l.who === "candidate").map((l) => l.text).join("\n");
  const questions = session.transcript.filter((l) => l.who === "candidate" && looksLikeQuestion(l.text)).map((l) => l.text);
  const split = <T, N extends string>(items: readonly T[], name: (t: T) => N, hit: (t: T) => boolean) => ({
    covered: items.filter(hit).map(name), missed: items.filter((t) => !hit(t)).map(name),
  });
  const covers = (items: Problem["components"]) => {
    const g = gradeFree({ prompt: problem.prompt, keyPoints: items.map((i) => ({ point: i.name, phrasings: i.phrasings })), misconceptions: [] }, said);
    // An author's hint said word for word also counts ("302" for "301 versus 302 redirects"): the
    // grader reads claims and skips bare numbers, but a mock's hints are its exact vocabulary.
    return new Set([...g.covered, ...items.filter((i) => i.phrasings.some((h) => saysExactly(said, h))).map((i) => i.name)]);
  };
  const componentHits = covers(problem.components);
  const deepDiveHits = covers(problem.deepDives);
  const factsAsked = split(problem.facts, (f) => f.kind, (f) => questions.some((q) => factStrength(q, f.asks) > 0));
  const components = split(problem.components, (c) => c.name, (c) => componentHits.has(c.name));
  const deepDives = split(problem.deepDives, (d) => d.name, (d) => deepDiveHits.has(d.name));
  const total = problem.facts.length + problem.components.length + problem.deepDives.length;
  const hits = factsAsked.covered.length + components.covered.length + deepDives.covered.length;
  return { factsAsked, components, deepDives, score: Math.round((hits / total) * 100) / 100 };
}

/** Stores one self-rating and asks the next, or shows the weighted total. */
export async function rateCriterion(ctx: Context<unknown>, sessionId: string, index: number, band: SelfBand): Promise<Reply> {
  const session = await ctx.deps.mocks.get(ctx.space.id, sessionId);
  if (!session) throw new UserError("mock.notRunning");
  if (session.memberId !== ctx.member.id) throw new UserError("mock.notYours");
  const problem = problemOf(ctx.deps, session.problemId);
  const criterion = problem.rubric[index];
  if (!criterion) throw new UserError("mock.notRunning");
  const ratings = { ...session.ratings, [criterion.id]: BAND_SCORE[band] };
  await ctx.deps.mocks.update(session.id, { ratings });
  return ratingReply(problem, { ...session, ratings }, index + 1, weightedTotal(problem, ratings));
}

/** The rubric's weighted total (0–100) from the self-ratings given so far. */
export function weightedTotal(problem: Problem, ratings: Record<string, number>): number {
  const weight = problem.rubric.reduce((s, c) => s + c.weight, 0);
  const got = problem.rubric.reduce((s, c) => s + c.weight * (ratings[c.id] ?? 0), 0);
  return Math.round((got / weight) * 100);
}

/** A phase timer fired (a delayed job): nudge, warn, or wrap up; stale timers do nothing. */
export async function mockTimer(deps: Deps, payload: { sessionId: string; spaceId: string; type: string; phase: number }): Promise<void> {
  const session = await deps.mocks.get(payload.spaceId, payload.sessionId);
  if (!session || session.endedAt || !session.threadId || !deps.outbox) return;
  if (payload.type === "over" && payload.phase !== session.phase) return;
  // Stored before posting: a job that runs twice (a stalled worker, a second replica) posts once.
  const nudge = `${payload.type}-${payload.phase}`;
  if (!(await deps.mocks.claimNudge(session.id, nudge, deps.clock.now()))) return;
  const target = { spaceId: session.spaceId, channelId: session.channelId, threadId: session.threadId };
  const plan = phasePlan(frameworkOf(deps, session.framework), session.minutes);
  try {
    const reply = payload.type === "wrap"
      ? await endMock(deps, session, "Time is up.")
      : timerNotice(plan, session, payload.type === "warn5" ? "warn5" : "over");
    await deps.outbox.post(target, reply, { idempotencyKey: `mock-${session.id}-${payload.type}-${payload.phase}` });
  } catch (err) {
    await deps.mocks.releaseNudge(session.id, nudge);
    throw err;
  }
}
