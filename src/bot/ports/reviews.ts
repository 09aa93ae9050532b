/** Spaced-repetition cards (FSRS) and the retention board. */
import type { BoardRow } from "./points.js";

/** A card as stored: JSON-safe, dates as ISO strings (services/spaced-repetition.ts reads and writes it). */
export interface StoredCard {
  due: string; stability: number; difficulty: number; scheduled_days: number; learning_steps: number;
  reps: number; lapses: number; state: number; last_review?: string;
}

/** A member's FSRS card for one question. */
export interface ReviewCard { questionId: string; card: StoredCard; due: Date; stability: number }

export interface ReviewRepo {
  get(memberId: number, questionId: string): Promise<ReviewCard | undefined>;
  save(spaceId: string, memberId: number, card: ReviewCard, at: Date): Promise<void>;
  /** Cards due at `now`, most overdue first. */
  due(memberId: number, now: Date, limit: number): Promise<ReviewCard[]>;
  /** The soonest card not yet due, and how many cards the member holds. */
  upcoming(memberId: number, now: Date): Promise<{ next: Date | undefined; total: number }>;
  /** Members ranked by how many cards they hold at or above a stability (days): knowledge kept. */
  retentionTop(spaceId: string, minStability: number, limit: number): Promise<BoardRow[]>;
  retentionOf(spaceId: string, memberId: number, minStability: number): Promise<BoardRow | undefined>;
}
