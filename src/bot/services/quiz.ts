/** Asking a question and recording its answer: shared by /quiz, the Next button and answers. */
import { gradeChoice, gradeFree } from "../../curriculum/grading.js";
import type { Level } from "../../curriculum/schema.js";
import { pickQuestion, type TopicQuestion } from "../../curriculum/selection.js";
import type { Context, Deps } from "../command.js";
import { UserError } from "../errors.js";
import type { QuizSession } from "../ports.js";
import type { Reply } from "../reply.js";
import { choiceGradeReply, freeGradeReply, MAX_ANSWER_LENGTH, questionReply } from "../views/quiz.js";

/** A question is not asked again within this window while others are left. */
export const REPEAT_WINDOW_MS = 7 * 86_400_000;

export function requireTopic(deps: Deps, topic: string | undefined): void {
  if (topic && !deps.curriculum.topics.some((t) => t.id === topic)) {
    throw new UserError("quiz.unknownTopic", { topic, topics: deps.curriculum.topics.map((t) => t.id).join(", ") });
  }
}

export async function askQuestion(
  ctx: Context<unknown>, filter: { topic?: string; level?: Level; format?: "mcq" | "free" },
): Promise<Reply> {
  const { deps, member, event } = ctx;
  requireTopic(deps, filter.topic);
  const now = deps.clock.now();
  const avoid = await deps.quizzes.askedSince(member.id, new Date(now.getTime() - REPEAT_WINDOW_MS));
  const question = pickQuestion(deps.curriculum, { ...filter, avoid }, () => deps.random.next());
  if (!question) {
    throw new UserError("quiz.noQuestions", {
      topic: filter.topic ?? "any topic", level: filter.level ?? "any", format: filter.format === "free" ? "free-text" : filter.format === "mcq" ? "multiple-choice" : "",
    });
  }
  const id = deps.random.id();
  await deps.quizzes.open({
    id, spaceId: ctx.space.id, memberId: member.id, questionId: question.id, channelId: event.channel.id, createdAt: now,
  });
  return questionReply(question, id);
}

/** The open session and its question, checked to belong to this member and be unanswered. */
export async function openSession(ctx: Context<unknown>, sessionId: string): Promise<{ session: QuizSession; question: TopicQuestion }> {
  const session = await ctx.deps.quizzes.get(ctx.space.id, sessionId);
  const question = session && ctx.deps.curriculum.questionsById.get(session.questionId);
  if (!session || !question) throw new UserError("quiz.sessionNotFound");
  if (session.memberId !== ctx.member.id) throw new UserError("quiz.notYours");
  if (session.answeredAt) throw new UserError("quiz.alreadyAnswered");
  return { session, question };
}

export async function answerChoice(ctx: Context<unknown>, sessionId: string, choice: number): Promise<Reply> {
  const { session, question } = await openSession(ctx, sessionId);
  if (question.format !== "mcq") throw new UserError("quiz.wrongFormat", { expected: "free-text" });
  if (choice < 0 || choice >= question.options.length) throw new UserError("quiz.badChoice", { count: question.options.length });
  const grade = gradeChoice(question, choice);
  await record(ctx, session, question, question.options[choice]?.text ?? String(choice), grade.correct ? 1 : 0, grade.correct);
  return choiceGradeReply(question, grade);
}

export async function answerFree(ctx: Context<unknown>, sessionId: string, answer: string | undefined): Promise<Reply> {
  const { session, question } = await openSession(ctx, sessionId);
  if (question.format !== "free") throw new UserError("quiz.wrongFormat", { expected: "multiple-choice" });
  const trimmed = (answer ?? "").trim();
  if (!trimmed) throw new UserError("answer.empty");
  if (trimmed.length > MAX_ANSWER_LENGTH) throw new UserError("answer.tooLong", { length: trimmed.length, max: MAX_ANSWER_LENGTH });
  const grade = gradeFree(question, trimmed);
  await record(ctx, session, question, trimmed, grade.score, grade.score >= 0.7);
  return freeGradeReply(question, grade);
}

async function record(
  ctx: Context<unknown>, session: QuizSession, q: TopicQuestion, answer: string, score: number, isCorrect: boolean,
): Promise<void> {
  const stored = await ctx.deps.quizzes.recordAnswer({
    spaceId: ctx.space.id, memberId: ctx.member.id, sessionId: session.id, questionId: q.id, topic: q.topic,
    level: q.level, format: q.format, answer, score, isCorrect, at: ctx.deps.clock.now(),
  });
  if (!stored) throw new UserError("quiz.alreadyAnswered");
}
