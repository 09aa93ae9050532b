/** How peer mocks look: the queue, the match, the interviewer's private brief, peer ratings, the timeout offer. */
import { cmd } from "../command-ref.js";
import type { Framework, Problem } from "../../curriculum/schema.js";
import { encodeAction, SELF_BANDS, type PeerSide } from "../action-ids.js";
import type { MockSession } from "../ports.js";
import { divider, fields, privateReply, text, type Block, type Reply } from "../reply.js";
import type { Coverage, PlannedPhase } from "./mock.js";
import { controls, coverageBlocks, phaseLine } from "./mock.js";
import { whiteboardLine } from "../whiteboard.js";

export interface PeerCriterion { id: string; label: string; weight: number; strong: string; weak: string }
export interface PeerNames { candidate: string; interviewer: string }
export type PeerRole = "candidate" | "interviewer";

export const threadName = (problem: Problem) => `Peer mock: ${problem.title}`.slice(0, 100);

export function queuedReply(o: { level: number; minutes: number; hasTimer: boolean }): Reply {
  const later = o.hasTimer
    ? `If nobody does within ${o.minutes} minutes, I'll offer you a solo mock instead.`
    : "Scheduling is off here, so I can't offer you a solo mock after a wait.";
  const message = `You're in the pairing queue (matched at level ${o.level}). I'll tell you when someone joins. ${later} ` +
    `${cmd("mock leave")} takes you out of the queue.`;
  return privateReply("Waiting for a partner", [text(message)], message);
}

export const leftQueueReply = (): Reply =>
  privateReply("Left the queue", [text(`You've left the pairing queue. ${cmd("mock pair")} puts you back in.`)]);

/** To each member once they are matched: who with, which role, and where the interview runs. */
export function matchedReply(o: { partner: string; role: PeerRole; problem: Problem }): Reply {
  const job = o.role === "interviewer"
    ? "You are the **interviewer**: I've sent you the problem's facts and the rubric privately. Answer the candidate's questions from them."
    : "You are the **candidate**: ask your clarifying questions in the thread; your partner answers them.";
  const message = `You're paired with **${o.partner}** for **${o.problem.title}**. ${job} ` +
    `The interview runs in the thread “${threadName(o.problem)}” in this channel.`;
  return privateReply("Partner found", [text(message)], `Paired with ${o.partner}: you are the ${o.role}.`);
}

export function peerOpening(problem: Problem, framework: Framework, plan: PlannedPhase[], sessionId: string, names: PeerNames, whiteboard: string): Reply {
  const first = plan[0]!;
  const blocks: Block[] = [
    text(`**${problem.title}** — a peer mock interview: **${names.interviewer}** interviews, **${names.candidate}** is the candidate.\n\n${problem.prompt}`),
    text(`**Plan (${framework.title}):**\n${plan.map(phaseLine).join("\n")}`),
    text(`${names.interviewer}: you have the facts and the rubric in a private message; answer the candidate's questions yourself. ` +
      "I stay quiet, keep the time and the transcript, and bring the scorecard at the end."),
    text(whiteboardLine(whiteboard, true)),
    divider,
    text(`**Phase 1: ${first.title}.** ${first.prompt}`),
    ...controls(sessionId),
  ];
  return { visibility: "channel", title: `Peer mock: ${problem.title}`, blocks, fallback: `Peer mock: ${names.interviewer} interviews ${names.candidate}` };
}

/** The interviewer's private brief: what to reveal when asked, and how to score. Never shown to the candidate. */
export function interviewerBrief(problem: Problem, names: PeerNames): Reply {
  const facts = problem.facts.map((f) => `• *${f.asks.slice(0, 3).join(" / ")}* → ${f.answer}`).join("\n");
  const rubric = problem.rubric.map((c) => `• **${c.label}** (weight ${c.weight}) — strong: ${c.strong} Weak: ${c.weak}`).join("\n");
  const listen = [...problem.components, ...problem.deepDives].map((e) => `• ${e.name}`).join("\n");
  return {
    visibility: "private", title: `Interviewer brief: ${problem.title}`,
    blocks: [
      text(`You interview **${names.candidate}**. Reveal a fact only when they ask for it; otherwise let them state an assumption.`),
      text(`**Facts (asked → answer):**\n${facts}`),
      text(`**Listen for:**\n${listen}`),
      text(`**Rubric you'll score on at the end:**\n${rubric}`),
    ],
    fallback: `Interviewer brief for ${problem.title}`,
  };
}

const bandChoices = (sessionId: string, side: PeerSide, index: number): Block => ({
  kind: "choices",
  options: SELF_BANDS.map((band) => ({
    action: encodeAction({ type: "mock.peer", sessionId, side, criterion: index, band }), label: band[0]!.toUpperCase() + band.slice(1),
  })),
});

/** One criterion to rate; `side` is who is being rated. */
export function peerRateBlocks(criteria: readonly PeerCriterion[], sessionId: string, side: PeerSide, index: number, names: PeerNames): Block[] {
  const c = criteria[index];
  if (!c) return [];
  const ask = side === "candidate"
    ? `${names.interviewer}, rate ${names.candidate}'s answer`
    : `${names.candidate}, rate ${names.interviewer} as interviewer`;
  return [text(`**${ask} (${index + 1}/${criteria.length}): ${c.label}**\nStrong: ${c.strong}\nWeak: ${c.weak}`), bandChoices(sessionId, side, index)];
}

export function peerScorecardReply(
  problem: Problem, plan: PlannedPhase[], s: MockSession, c: Coverage, why: string, names: PeerNames, interviewerCriteria: readonly PeerCriterion[],
): Reply {
  const blocks: Block[] = [
    text(`${why} Here is ${names.candidate}'s scorecard for **${problem.title}**. Now rate each other.`),
    ...coverageBlocks(problem, plan, s, c),
    divider,
    ...peerRateBlocks(problem.rubric, s.id, "candidate", 0, names),
    divider,
    ...peerRateBlocks(interviewerCriteria, s.id, "interviewer", 0, names),
    divider,
    text("Ready for a second round? Swap roles: a new problem, the other one interviews."),
    { kind: "choices", options: [{ action: encodeAction({ type: "mock.swap", sessionId: s.id }), label: "Swap roles" }] },
  ];
  return { visibility: "channel", title: `Scorecard: ${problem.title}`, blocks, fallback: `Peer scorecard: coverage ${Math.round(c.score * 100)}%` };
}

export interface SideScore { criteria: readonly PeerCriterion[]; ratings: Record<string, number>; total: number }

const scoreLines = (s: SideScore) => s.criteria.map((c) => `• ${c.label}: ${Math.round((s.ratings[c.id] ?? 0) * 100)}%`).join("\n");

/** After a rating: the next criterion, or the rater's total (and both sides once both have scored). */
export function peerRatingReply(o: {
  sessionId: string; side: PeerSide; next: number; names: PeerNames; mine: SideScore; other: SideScore | undefined;
}): Reply {
  if (o.next < o.mine.criteria.length) {
    return { visibility: "private", blocks: peerRateBlocks(o.mine.criteria, o.sessionId, o.side, o.next, o.names), fallback: `Rate: ${o.mine.criteria[o.next]!.label}` };
  }
  // The person rated is also the one whose rating of you is awaited.
  const partner = o.side === "candidate" ? o.names.candidate : o.names.interviewer;
  if (!o.other) {
    const message = `You rated ${partner} **${o.mine.total}/100**. Saved — I'll show both sides once ${partner} has rated you too.`;
    return privateReply("Rating saved", [text(scoreLines(o.mine)), text(message)], message);
  }
  const [cand, intv] = o.side === "candidate" ? [o.mine, o.other] : [o.other, o.mine];
  return bothSidesReply(o.names, cand, intv);
}

/** Both peer scorecards: what the interviewer gave the candidate and what the candidate gave the interviewer. */
export function bothSidesReply(names: PeerNames, candidate: SideScore, interviewer: SideScore): Reply {
  return {
    visibility: "channel", title: "Peer scores",
    blocks: [
      fields([`${names.candidate} (candidate)`, `${candidate.total}/100 from ${names.interviewer}`], [`${names.interviewer} (interviewer)`, `${interviewer.total}/100 from ${names.candidate}`]),
      text(`**${names.interviewer} rated ${names.candidate}:**\n${scoreLines(candidate)}`),
      text(`**${names.candidate} rated ${names.interviewer}:**\n${scoreLines(interviewer)}`),
      text(`Saved — ${cmd("stats", {}, { inThread: {} })} shows your interviews and the scores you received.`),
    ],
    fallback: `Peer scores: ${names.candidate} ${candidate.total}/100, ${names.interviewer} ${interviewer.total}/100`,
  };
}

/** Pairing timed out: out of the queue, with a button (for them only) for a solo mock in the channel they queued in. */
export function pairTimeoutReply(o: { channelId: string; memberId: number; name: string; minutes: number }): Reply {
  const message = `**${o.name}**, nobody joined the pairing queue within ${o.minutes} minutes, so I've taken you out of it. ` +
    "Want to practise anyway? Start a solo mock now, with me as the interviewer.";
  const solo = encodeAction({ type: "mock.solo", channelId: o.channelId, memberId: o.memberId });
  return {
    visibility: "channel", title: "No partner this time",
    blocks: [text(message), { kind: "choices", options: [{ action: solo, label: "Start a solo mock", style: "primary" }] }],
    fallback: message.replace(/\*\*/g, ""),
  };
}
