/** Asking a question and recording its answer: shared by /quiz, /review, the Next button and answers. */
import { closest, orList } from "../suggest.js";
import { gradeChoice } from "../../curriculum/grading.js";
import type { Level } from "../../curriculum/schema.js";
import { pickAdaptive, pickQuestion, type AdaptiveReason, type TopicQuestion } from "../../curriculum/selection.js";
import type { Context, Deps } from "../command.js";
import { UserError } from "../errors.js";
import type { QuizSession } from "../ports.js";
import type { Reply } from "../reply.js";
import { choiceGradeReply, choiceMarks, freeGradeReply, questionReply, type Recorded } from "../views/quiz.js";
import { gradeAnswer } from "./model-grade.js";
import { recordScored } from "./activity.js";
import { periodsOf, quizAward } from "./points.js";
import { levelIn, RECENT_LIMIT, weakTopics } from "./progress.js";
import { ratingForScore, schedule, type RecallRating } from "./spaced-repetition.js";
import { zoneOf } from "./streaks.js";
import { localDayText } from "../time.js";

/** Long enough for a thorough answer; Discord's modal paragraph allows 4,000. */
export const MAX_ANSWER_LENGTH = 2_000;

/** A question is not asked again within this window while others are left (unless it is due). */
export const REPEAT_WINDOW_MS = 7 * 86_400_000;

export function requireTopic(deps: Deps, topic: string | undefined): void {
  if (!topic || deps.curriculum.topics.some((t) => t.id === topic)) return;
  const near = closest(topic, deps.curriculum.topics.map((t) => ({ id: t.id, names: [t.id, t.title] })));
  if (near.length) throw new UserError("quiz.topicDidYouMean", { topic: topic.slice(0, 40), near: orList(near) });
  throw new UserError("quiz.unknownTopic", { topic: topic.slice(0, 40), topics: deps.curriculum.topics.map((t) => t.id).join(", ") });
}

type Filter = { topic?: string; level?: Level; format?: "mcq" | "free" };

export async function askQuestion(ctx: Context<unknown>, filter: Filter): Promise<Reply> {
  const { deps, member } = ctx;
  requireTopic(deps, filter.topic);
  const now = deps.clock.now();
  const isAdaptive = !filter.topic && !filter.level && !filter.format;
  const windowStart = new Date(now.getTime() - REPEAT_WINDOW_MS);
  // The adaptive pick also needs everything ever asked; one query serves both sets.
  const asked = await deps.quizzes.askedSince(member.id, isAdaptive ? new Date(0) : windowStart);
  const avoid = new Set([...asked].filter(([, at]) => at >= windowStart).map(([id]) => id));
  const recent = await deps.quizzes.recentAttempts(member.id, RECENT_LIMIT);

  if (isAdaptive) {
    const due = (await deps.reviews.due(member.id, now, 20)).map((c) => c.questionId);
    const seen = new Set(asked.keys());
    const picked = pickAdaptive(deps.curriculum, {
      due, weakTopics: weakTopics(recent), levelOf: (t) => levelIn(recent, t), recent: avoid, seen,
    }, () => deps.random.next());
    if (picked) return open(ctx, picked.question, picked.reason === "due" ? "review" : "quiz", picked.reason);
  }

  // An explicit level is honoured; without one, a topic is served at the member's unlocked level.
  const level = filter.level ?? (filter.topic ? levelIn(recent, filter.topic) : undefined);
  const question = pickQuestion(deps.curriculum, { ...filter, ...(level ? { level } : {}), avoid }, () => deps.random.next());
  if (!question) {
    throw new UserError("quiz.noQuestions", {
      topic: filter.topic ?? "any topic", level: level ?? "any",
      format: filter.format === "free" ? "free-text" : filter.format === "mcq" ? "multiple-choice" : "",
    });
  }
  return open(ctx, question, "quiz");
}

/** Opens a session for a question the member is asked (a quiz, or a due review). */
export async function open(ctx: Context<unknown>, question: TopicQuestion, kind: "quiz" | "review", reason?: AdaptiveReason): Promise<Reply> {
  const { deps, member, event } = ctx;
  const id = deps.random.id();
  const before = await deps.reviews.get(member.id, question.id);
  await deps.quizzes.open({
    id, spaceId: ctx.space.id, memberId: member.id, questionId: question.id, channelId: event.channel.id,
    kind, cardBefore: before?.card ?? null, createdAt: deps.clock.now(),
  });
  return questionReply(question, id, MAX_ANSWER_LENGTH, reason);
}

/** The open session and its question, checked to belong to this member and be unanswered. */
export async function openSession(ctx: Context<unknown>, sessionId: string, answered = false): Promise<{ session: QuizSession; question: TopicQuestion }> {
  const session = await ctx.deps.quizzes.get(ctx.space.id, sessionId);
  const question = session && ctx.deps.curriculum.questionsById.get(session.questionId);
  if (!session || !question) throw new UserError("quiz.sessionNotFound");
  if (session.memberId !== ctx.member.id) throw new UserError("quiz.notYours");
  if (!answered && session.answeredAt) throw new UserError("quiz.alreadyAnswered");
  if (answered && !session.answeredAt) throw new UserError("review.notAnswered");
  return { session, question };
}

export async function answerChoice(ctx: Context<unknown>, sessionId: string, choice: number): Promise<Reply> {
  const { session, question } = await openSession(ctx, sessionId);
  if (question.format !== "mcq") throw new UserError("quiz.wrongFormat", { expected: "free-text" });
  if (choice < 0 || choice >= question.options.length) throw new UserError("quiz.badChoice", { count: question.options.length });
  const grade = gradeChoice(question, choice);
  return record(ctx, session, question, question.options[choice]?.text ?? String(choice), grade.correct ? 1 : 0, grade.correct,
    (recorded) => ({ ...choiceGradeReply(question, grade, recorded), marks: choiceMarks(sessionId, grade) }));
}

export async function answerFree(ctx: Context<unknown>, sessionId: string, answer: string | undefined): Promise<Reply> {
  const { session, question } = await openSession(ctx, sessionId);
  if (question.format !== "free") throw new UserError("quiz.wrongFormat", { expected: "multiple-choice" });
  const trimmed = (answer ?? "").trim();
  if (!trimmed) throw new UserError("answer.empty");
  if (trimmed.length > MAX_ANSWER_LENGTH) throw new UserError("answer.tooLong", { length: trimmed.length, max: MAX_ANSWER_LENGTH });
  const graded = await gradeAnswer(ctx.deps, ctx.member.id, question, trimmed);
  const { grade } = graded;
  return record(ctx, session, question, trimmed, grade.score, grade.score >= 0.7,
    (recorded) => freeGradeReply(question, graded, session.id, recorded, trimmed));
}

export type { Recorded } from "../views/quiz.js";

/**
 * Records the answer as one scored activity (activity.ts): the attempt, the card it schedules (by
 * the grade, until the person rates), the capped award and the streak, with the reply `view` builds.
 */
async function record(
  ctx: Context<unknown>, session: QuizSession, q: TopicQuestion, answer: string, score: number, isCorrect: boolean,
  view: (recorded: Recorded) => Reply,
): Promise<Reply> {
  const { deps, space, member } = ctx;
  const now = deps.clock.now();
  const next = schedule(session.cardBefore ?? undefined, ratingForScore(score), now);
  const award = quizAward({
    memberId: member.id, questionId: q.id, format: q.format, score, kind: session.kind, localDate: periodsOf(now, space.timezone).day.slice(1),
    ...(session.cardBefore ? { reviewDue: new Date(session.cardBefore.due) } : {}),
  });
  const dueDay = localDayText(next.due, zoneOf(member, space));
  const reply = await recordScored(ctx, {
    at: now, award, review: { questionId: q.id, ...next },
    attempt: {
      spaceId: space.id, memberId: member.id, sessionId: session.id, questionId: q.id, topic: q.topic,
      level: q.level, format: q.format, answer, score, isCorrect, at: now,
    },
    reply: ({ points, streak }) => view({ due: next.due, dueDay, kind: session.kind, points, ...(streak ? { streak } : {}) }),
  });
  if (!reply) throw new UserError("quiz.alreadyAnswered");
  return reply;
}

/**
 * "I covered this" on a missed key point: recorded for the authors, and the card is scheduled as
 * recalled at least "hard" (the member says they knew it). The points stay as graded.
 */
export async function disputePoint(ctx: Context<unknown>, sessionId: string, point: number): Promise<{ point: string; isNew: boolean; dueDay: string }> {
  const { session, question } = await openSession(ctx, sessionId, true);
  if (question.format !== "free") throw new UserError("quiz.wrongFormat", { expected: "free-text" });
  const kp = question.keyPoints[point];
  if (!kp) throw new UserError("quiz.sessionNotFound");
  const { deps, space, member } = ctx;
  const isNew = await deps.quizzes.dispute({
    spaceId: space.id, memberId: member.id, sessionId, questionId: question.id, keyPoint: point, point: kp.point, at: deps.clock.now(),
  });
  const next = schedule(session.cardBefore ?? undefined, "hard", session.answeredAt!);
  if (isNew) await deps.reviews.save(space.id, member.id, { questionId: question.id, ...next }, deps.clock.now());
  return { point: kp.point, isNew, dueDay: localDayText(next.due, zoneOf(member, space)) };
}

/** The person's own recall rating re-schedules the card from where it stood before the answer. */
export async function rateRecall(ctx: Context<unknown>, sessionId: string, rating: RecallRating): Promise<string> {
  const { session, question } = await openSession(ctx, sessionId, true);
  const next = schedule(session.cardBefore ?? undefined, rating, session.answeredAt!);
  await ctx.deps.reviews.save(ctx.space.id, ctx.member.id, { questionId: question.id, ...next }, ctx.deps.clock.now());
  return localDayText(next.due, zoneOf(ctx.member, ctx.space));
}
