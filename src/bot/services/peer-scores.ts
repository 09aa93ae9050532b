/**
 * After a peer mock each scores the other: the interviewer rates the candidate on the problem's
 * rubric, the candidate rates the interviewer on INTERVIEWER_CRITERIA, one criterion per click.
 * Each rater has one stored score per mock; clicking a criterion again changes its band (the
 * latest click counts). Once both have rated every criterion, both sides are shown and posted
 * in the interview's thread.
 */
import type { PeerSide, SelfBand } from "../action-ids.js";
import type { Context } from "../command.js";
import { UserError } from "../errors.js";
import type { MockSession } from "../ports.js";
import type { Reply } from "../reply.js";
import { bothSidesReply, peerRatingReply, type PeerCriterion, type SideScore } from "../views/pairing.js";
import { BAND_SCORE, INTERVIEWER_CRITERIA, peerNames, problemOf } from "./mock.js";
import { matchedFor, notifyMatched, startPeerMock } from "./peer-mock.js";

/** The weighted total (0–100) over all criteria; unrated ones count 0. */
export function criteriaTotal(criteria: readonly PeerCriterion[], ratings: Record<string, number>): number {
  const weight = criteria.reduce((s, c) => s + c.weight, 0) || 1;
  return Math.round((criteria.reduce((s, c) => s + c.weight * (ratings[c.id] ?? 0), 0) / weight) * 100);
}

/** A finished peer mock that `memberId` took part in. */
async function finishedPeerMock(ctx: Context<unknown>, sessionId: string): Promise<MockSession & { partnerId: number }> {
  const session = await ctx.deps.mocks.get(ctx.space.id, sessionId);
  if (!session) throw new UserError("mock.notRunning");
  if (session.partnerId === null) throw new UserError("pair.notPeerMock");
  if (session.memberId !== ctx.member.id && session.partnerId !== ctx.member.id) throw new UserError("mock.notYours");
  if (!session.endedAt) throw new UserError("pair.stillRunning");
  return session as MockSession & { partnerId: number };
}

export async function ratePeer(ctx: Context<unknown>, a: { sessionId: string; side: PeerSide; criterion: number; band: SelfBand }): Promise<Reply> {
  const { deps } = ctx;
  const s = await finishedPeerMock(ctx, a.sessionId);
  const names = await peerNames(deps, s);
  // The interviewer rates the candidate; the candidate rates the interviewer.
  const [raterId, rateeId] = a.side === "candidate" ? [s.partnerId, s.memberId] : [s.memberId, s.partnerId];
  if (ctx.member.id !== raterId) {
    throw new UserError("pair.notYourSide", a.side === "candidate"
      ? { who: names.interviewer, whom: names.candidate } : { who: names.candidate, whom: names.interviewer });
  }
  const problem = problemOf(deps, s.problemId);
  const sideCriteria = (side: PeerSide) => (side === "candidate" ? problem.rubric : INTERVIEWER_CRITERIA);
  const criteria = sideCriteria(a.side);
  const criterion = criteria[a.criterion];
  if (!criterion) throw new UserError("action.unknown");
  const scores = await deps.pairs.scoresFor(s.id);
  const ratings = { ...scores.find((x) => x.raterId === raterId)?.ratings, [criterion.id]: BAND_SCORE[a.band] };
  const mine: SideScore = { criteria, ratings, total: criteriaTotal(criteria, ratings) };
  await deps.pairs.saveScore({ spaceId: s.spaceId, mockId: s.id, raterId, rateeId, ratings, total: mine.total, at: deps.clock.now() });
  const otherSide: PeerSide = a.side === "candidate" ? "interviewer" : "candidate";
  const theirs = scores.find((x) => x.raterId === rateeId);
  const isComplete = (c: readonly PeerCriterion[], r: Record<string, number>) => c.every((x) => x.id in r);
  const other = theirs && isComplete(sideCriteria(otherSide), theirs.ratings)
    ? { criteria: sideCriteria(otherSide), ratings: theirs.ratings, total: theirs.total } : undefined;
  const next = a.criterion + 1 < criteria.length && !isComplete(criteria, ratings) ? a.criterion + 1 : criteria.length;
  const reply = peerRatingReply({ sessionId: s.id, side: a.side, next, names, mine, other });
  if (other && next >= criteria.length && s.threadId) {
    // The first to finish sees both sides too: the card goes into the thread once.
    const [cand, intv] = a.side === "candidate" ? [mine, other] : [other, mine];
    await deps.outbox?.post({ spaceId: s.spaceId, channelId: s.channelId, threadId: s.threadId }, bothSidesReply(names, cand, intv), {
      idempotencyKey: `peer-scores-${s.id}`,
    });
  }
  return reply;
}

/** "Swap roles": a new peer mock with the same two members, the other one interviewing, another problem. */
export async function swapRoles(ctx: Context<unknown>, sessionId: string): Promise<Reply> {
  const { deps, member } = ctx;
  const s = await finishedPeerMock(ctx, sessionId);
  const [candidate, interviewer] = await Promise.all([deps.members.get(s.partnerId), deps.members.get(s.memberId)]);
  if (!candidate || !interviewer) throw new UserError("mock.notRunning");
  const partner = member.id === candidate.id ? interviewer : candidate;
  const mine = await deps.mocks.activeFor(member.id);
  if (mine) throw new UserError("mock.alreadyRunning", { problem: mine.problemId });
  if (await deps.mocks.activeFor(partner.id)) throw new UserError("pair.partnerBusy", { name: partner.displayName });
  const m = await startPeerMock(deps, { spaceId: s.spaceId, channelId: s.channelId, candidate, interviewer, excludeProblem: s.problemId });
  await notifyMatched(deps, partner, s.channelId, m, member);
  return matchedFor(member, m, partner);
}
