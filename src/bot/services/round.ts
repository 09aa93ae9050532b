/**
 * Timed channel rounds: one multiple-choice question for everyone in a channel, answers by
 * button (the first click counts), closed by a delayed job that posts the answer, who got it
 * right and awards points (rules in points.ts).
 */
import { gradeChoice } from "../../curriculum/grading.js";
import { pickQuestion } from "../../curriculum/selection.js";
import type { Context, Deps } from "../command.js";
import { UserError } from "../errors.js";
import type { Round } from "../ports.js";
import type { Reply } from "../reply.js";
import { localTimeText } from "../time.js";
import { roundAnsweredReply, roundQuestionReply, roundResultsReply, type RoundQuestion, type Winner } from "../views/round.js";
import { recordAward, recordScored } from "./activity.js";
import { roundAward } from "./points.js";
import { requireTopic } from "./quiz.js";
import { userText } from "../reply.js";

export const DEFAULT_ROUND_MINUTES = 5;
export const MIN_ROUND_MINUTES = 1;
export const MAX_ROUND_MINUTES = 30;
const MINUTE = 60_000;
/** Marks `Round.messageRef` as the results post, so a retried close job does not post twice. */
const RESULTS_PREFIX = "results:";

export type RoundClosePayload = { roundId: string; spaceId: string };

const closesLocal = (at: Date, tz: string) => localTimeText(at, tz);

function questionOf(deps: Deps, round: Round): RoundQuestion | undefined {
  const q = deps.curriculum.questionsById.get(round.questionId);
  return q && q.format === "mcq" ? q : undefined;
}

export async function startRound(ctx: Context<unknown>, opts: { topic?: string; minutes: number }): Promise<Reply> {
  const { deps, space, member, event } = ctx;
  // Without the jobs layer nothing would ever close the round: refuse rather than leave it open.
  if (!deps.scheduler.isEnabled || !deps.scheduler.scheduleTimer) throw new UserError("round.needsScheduler");
  requireTopic(deps, opts.topic);
  const now = deps.clock.now();
  const running = await deps.rounds.openIn(space.id, event.channel.id);
  if (running && running.closesAt > now) throw new UserError("round.alreadyOpen", { closesAt: closesLocal(running.closesAt, space.timezone) });
  // Past its time but still open: its timer was lost (e.g. Redis was wiped). Close it now so the channel is not stuck.
  if (running) await roundClose(deps, { roundId: running.id, spaceId: space.id });
  const question = pickQuestion(deps.curriculum, { ...(opts.topic ? { topic: opts.topic } : {}), format: "mcq" }, () => deps.random.next());
  if (!question || question.format !== "mcq") throw new UserError("round.noQuestions", { topic: opts.topic ?? "any topic" });
  const round = {
    id: deps.random.id(), spaceId: space.id, channelId: event.channel.id, questionId: question.id, startedBy: member.id,
    createdAt: now, closesAt: new Date(now.getTime() + opts.minutes * MINUTE),
  };
  // Checked above, held by the database here: of two starts at the same moment, one wins.
  if (!(await deps.rounds.create(round))) {
    const open = await deps.rounds.openIn(space.id, event.channel.id);
    throw new UserError("round.alreadyOpen", { closesAt: open ? closesLocal(open.closesAt, space.timezone) : "soon" });
  }
  await deps.scheduler.scheduleTimer("round-close", round.id, round.closesAt, { roundId: round.id, spaceId: space.id });
  return roundQuestionReply(question, round.id, userText(member.displayName), { minutes: opts.minutes, local: closesLocal(round.closesAt, space.timezone) });
}

/** A click on an option: stored once per member, privately confirmed without giving the answer away. */
export async function answerRound(ctx: Context<unknown>, roundId: string, choice: number): Promise<Reply> {
  const { deps, space, member } = ctx;
  const round = await deps.rounds.get(space.id, roundId);
  const question = round && questionOf(deps, round);
  if (!round || !question) throw new UserError("round.notFound");
  const now = deps.clock.now();
  if (round.closedAt || now >= round.closesAt) throw new UserError("round.closed");
  const option = question.options[choice];
  if (!option) throw new UserError("quiz.badChoice", { count: question.options.length });
  const isCorrect = gradeChoice(question, choice).correct;
  // The first click counts; it counts for the streak whether or not it is right (points come at the close).
  const reply = await recordScored(ctx, {
    at: now, roundAnswer: { roundId: round.id, choice, isCorrect },
    reply: ({ streak }) => roundAnsweredReply(option.text, closesLocal(round.closesAt, space.timezone), streak),
  });
  if (!reply) {
    const first = (await deps.rounds.answers(round.id)).find((a) => a.memberId === member.id);
    throw new UserError("round.alreadyAnswered", { choice: question.options[first?.choice ?? choice]?.text ?? "" });
  }
  return reply;
}

/**
 * The "round-close" timer: closes the round, awards points, posts the results in the channel.
 * A second run does nothing once the results are posted; a run whose post failed (and is
 * retried by the jobs layer) awards nothing twice (ledger refs) and posts again.
 */
export async function roundClose(deps: Deps, payload: RoundClosePayload): Promise<void> {
  const round = await deps.rounds.get(payload.spaceId, payload.roundId);
  if (!round) return;
  const now = deps.clock.now();
  const isFirstClose = await deps.rounds.close(round.id, now);
  if (!isFirstClose && round.messageRef?.startsWith(RESULTS_PREFIX)) return;
  // The round was started in this space, so it exists; its zone files the points by day.
  const tz = (await deps.spaces.get(round.spaceId))?.timezone ?? deps.defaultTimezone;
  const answers = await deps.rounds.answers(round.id);
  const winners: Winner[] = [];
  for (const [rank, a] of answers.filter((x) => x.isCorrect).entries()) {
    // Counted (and capped) on the day of the answer, not of the close (a round may close after
    // midnight); a retried close gets each ref's first award back, so the results read the same.
    const points = await recordAward(deps, round.spaceId, a.memberId, roundAward(round.id, a.memberId, rank), a.answeredAt, tz, now);
    winners.push({ name: userText(a.name), points });
  }
  const question = questionOf(deps, round);
  if (!deps.outbox || !question) {
    deps.logger.warn({ roundId: round.id, hasOutbox: Boolean(deps.outbox) }, "round closed without posting results");
    return;
  }
  const ref = await deps.outbox.post({ spaceId: round.spaceId, channelId: round.channelId }, roundResultsReply(question, answers.length, winners),
    { idempotencyKey: `round-close-${round.id}` });
  await deps.rounds.setMessageRef(round.id, `${RESULTS_PREFIX}${ref.channelId}:${ref.messageId}`);
}
