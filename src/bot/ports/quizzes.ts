/** Quiz sessions, attempts, stats and disputes of a grade. */
import type { AttemptInput, RecentAttempt } from "./activities.js";
import type { StoredCard } from "./reviews.js";
import { localDate, mondayOf } from "../time.js";

export interface QuizSession {
  id: string; spaceId: string; memberId: number; questionId: string; channelId: string;
  kind: "quiz" | "review"; createdAt: Date; answeredAt: Date | null;
  /** The member's card for this question before the answer (null: first time). */
  cardBefore: StoredCard | null;
}

export interface TopicLevelStats { topic: string; level: number; attempts: number; correct: number; averageScore: number }

export interface QuizRepo {
  open(session: Omit<QuizSession, "answeredAt">): Promise<void>;
  /** The member's latest answers, newest `at` first; answers at the same instant, the later recorded first. */
  recentAttempts(memberId: number, limit: number): Promise<RecentAttempt[]>;
  get(spaceId: string, id: string): Promise<QuizSession | undefined>;
  /** Stores the attempt and marks the session answered in one transaction; false if already answered. */
  recordAnswer(attempt: AttemptInput): Promise<boolean>;
  /** Question ids the member was asked since `since`, each with when it was last asked. */
  askedSince(memberId: number, since: Date): Promise<ReadonlyMap<string, Date>>;
  stats(memberId: number): Promise<TopicLevelStats[]>;
  /** Answers since `since`, bucketed by local week × topic and by local day in `timezone` (the /stats chart). */
  progressSince(memberId: number, since: Date, timezone: string): Promise<ProgressSeries>;
  /** Records "I covered this" on a missed key point, with the session's stored answer; false if already disputed. */
  dispute(d: DisputeInput): Promise<boolean>;
  /** Every dispute, for the question authors (`npm run grader:disputes`): by question, key point, time, then session id. */
  disputes(): Promise<Dispute[]>;
}

/** A member's dispute of one missed key point of a graded free answer (issue 17). */
export interface DisputeInput {
  spaceId: string; memberId: number; sessionId: string; questionId: string;
  keyPoint: number; point: string; at: Date;
}
export interface Dispute extends DisputeInput { answer: string }

/** A member's answers per (local week, topic) and per local day; weeks start on Monday (YYYY-MM-DD). */
export interface ProgressSeries {
  weeks: Array<{ week: string; topic: string; attempts: number; correct: number }>;
  days: Array<{ day: string; answers: number }>;
}

/** Answers at an instant (or in a slot starting then) on one topic. */
export interface AnswerBucket { at: Date; topic: string; attempts: number; correct: number }

/** What `progressSince` means: answers summed into local weeks × topics and local days. Every repo uses it, so they bucket alike. */
export function bucketProgress(rows: Iterable<AnswerBucket>, tz: string): ProgressSeries {
  const weeks = new Map<string, { week: string; topic: string; attempts: number; correct: number }>();
  const days = new Map<string, number>();
  for (const r of rows) {
    const day = localDate(r.at, tz);
    const week = mondayOf(day);
    const w = weeks.get(`${week}|${r.topic}`) ?? { week, topic: r.topic, attempts: 0, correct: 0 };
    w.attempts += r.attempts;
    w.correct += r.correct;
    weeks.set(`${week}|${r.topic}`, w);
    days.set(day, (days.get(day) ?? 0) + r.attempts);
  }
  return {
    weeks: [...weeks.values()].sort((a, b) => a.week.localeCompare(b.week) || a.topic.localeCompare(b.topic)),
    days: [...days.entries()].map(([day, answers]) => ({ day, answers })).sort((a, b) => a.day.localeCompare(b.day)),
  };
}
