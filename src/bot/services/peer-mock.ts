/**
 * Starting a peer mock: two members, one interviews and one is the candidate, in a thread like a
 * solo mock. The interviewer gets the problem's facts and rubric privately (a DM on platforms).
 */
import type { Problem } from "../../curriculum/schema.js";
import type { Deps } from "../command.js";
import { UserError } from "../errors.js";
import type { Member, MockSession } from "../ports.js";
import type { Reply } from "../reply.js";
import { interviewerBrief, matchedReply, peerOpening, threadName, type PeerRole } from "../views/pairing.js";
import { DEFAULT_MINUTES, frameworkOf, phasePlan, scheduleTimers } from "./mock.js";
import { userText } from "../reply.js";
import { whiteboardLink } from "../whiteboard.js";

/** How many of each member's latest interviews count as "done recently" when picking a problem. */
const RECENT_PROBLEMS = 10;

/** A random problem neither member did recently (nor `exclude`); when all were, any but `exclude`. */
export async function pickProblem(deps: Deps, memberIds: readonly number[], exclude?: string): Promise<Problem> {
  const all = deps.curriculum.problems.filter((p) => p.id !== exclude);
  if (all.length === 0) throw new UserError("mock.noProblems");
  const recent = new Set<string>();
  for (const id of memberIds) for (const m of await deps.mocks.history(id, RECENT_PROBLEMS)) recent.add(m.problemId);
  const fresh = all.filter((p) => !recent.has(p.id));
  const pool = fresh.length ? fresh : all;
  return pool[Math.floor(deps.random.next() * pool.length)]!;
}

export interface PeerMock { session: MockSession; problem: Problem }

export async function startPeerMock(deps: Deps, o: {
  spaceId: string; channelId: string; candidate: Member; interviewer: Member; excludeProblem?: string;
  /** A scheduled mock: when it starts (its thread opens at the reminder, before) and its booked whiteboard. */
  startsAt?: Date; whiteboard?: string;
}): Promise<PeerMock> {
  const outbox = deps.outbox;
  if (!outbox?.openThread) throw new UserError("mock.noThreads");
  const problem = await pickProblem(deps, [o.candidate.id, o.interviewer.id], o.excludeProblem);
  const framework = frameworkOf(deps, "radio");
  const plan = phasePlan(framework, DEFAULT_MINUTES);
  const now = o.startsAt ?? deps.clock.now();
  const session: MockSession = {
    id: deps.random.id(), spaceId: o.spaceId, memberId: o.candidate.id, partnerId: o.interviewer.id, problemId: problem.id,
    framework: framework.id, channelId: o.channelId, threadId: null, phase: 0, minutes: DEFAULT_MINUTES,
    phaseStartedAt: now, startedAt: now, endedAt: null, transcript: [], ratings: {},
  };
  await deps.mocks.create(session);
  const names = { candidate: userText(o.candidate.displayName), interviewer: userText(o.interviewer.displayName) };
  const thread = await outbox.openThread({ spaceId: o.spaceId, channelId: o.channelId }, threadName(problem), peerOpening(problem, framework, plan, session.id, names, o.whiteboard ?? whiteboardLink(deps.random)));
  session.threadId = thread.threadId;
  await deps.mocks.update(session.id, { threadId: thread.threadId });
  // Only the interviewer may see the facts: a post with userId is a DM on the platforms.
  await outbox.post({ spaceId: o.spaceId, channelId: o.channelId, userId: o.interviewer.platformUserId }, interviewerBrief(problem, names), {
    idempotencyKey: `peer-brief-${session.id}`,
  });
  await scheduleTimers(deps, session, plan, true);
  return { session, problem };
}

/** Tells a member who did not trigger the match (they were waiting, or the other one swapped). */
export async function notifyMatched(deps: Deps, member: Member, channelId: string, m: PeerMock, partner: Member): Promise<void> {
  const role: PeerRole = m.session.memberId === member.id ? "candidate" : "interviewer";
  await deps.outbox?.post({ spaceId: m.session.spaceId, channelId, userId: member.platformUserId },
    matchedReply({ partner: userText(partner.displayName), role, problem: m.problem }), { idempotencyKey: `peer-matched-${m.session.id}-${member.id}` });
}

/** The reply for the member who triggered the match. */
export function matchedFor(member: Member, m: PeerMock, partner: Member): Reply {
  return matchedReply({ partner: userText(partner.displayName), role: m.session.memberId === member.id ? "candidate" : "interviewer", problem: m.problem });
}
