/** Quiz sessions, attempts, stats and disputes of a grade. */
import type { AttemptInput, RecentAttempt } from "./activities.js";
import type { StoredCard } from "../services/spaced-repetition.js";

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
