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
  /** Cards due at `now` (due ≤ now), most overdue first; the same due time by question id. */
  due(memberId: number, now: Date, limit: number): Promise<ReviewCard[]>;
  /** The soonest card not yet due, and how many cards the member holds. */
  upcoming(memberId: number, now: Date): Promise<{ next: Date | undefined; total: number }>;
  /**
   * A space's members ranked by how many cards they hold in it at or above a stability (days):
   * knowledge kept. Competition ranks (1, 2, 2, 4); ties listed by name, then member id.
   */
  retentionTop(spaceId: string, minStability: number, limit: number): Promise<BoardRow[]>;
  /** One member's row of that board (the same rank as `retentionTop`); undefined when they hold no such card there. */
  retentionOf(spaceId: string, memberId: number, minStability: number): Promise<BoardRow | undefined>;
}
