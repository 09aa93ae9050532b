/**
 * Spaced repetition with FSRS (ts-fsrs). Each answered question is a card per member; the grade
 * (or the person's own recall rating) schedules when it comes back. Whole days only: chat is no
 * place for minute-long learning steps, so short-term scheduling is off, and fuzz is off so the
 * dates are predictable in tests and in "comes back on …" replies.
 */
import { createEmptyCard, fsrs, generatorParameters, Rating, State, type Card, type Grade } from "ts-fsrs";
import type { StoredCard } from "../ports.js";

const scheduler = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: false }));

export type RecallRating = "again" | "hard" | "good" | "easy";
export const RECALL_RATINGS: readonly RecallRating[] = ["again", "hard", "good", "easy"];
const GRADE: Record<RecallRating, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

export interface Scheduled { card: StoredCard; due: Date; stability: number }

const toStored = (c: Card): StoredCard => ({
  due: c.due.toISOString(), stability: c.stability, difficulty: c.difficulty, scheduled_days: c.scheduled_days,
  learning_steps: c.learning_steps, reps: c.reps, lapses: c.lapses, state: c.state,
  ...(c.last_review ? { last_review: c.last_review.toISOString() } : {}),
});

function fromStored(s: StoredCard): Card {
  const { last_review: last, ...rest } = s;
  return { ...rest, due: new Date(s.due), elapsed_days: 0, state: s.state as State, ...(last ? { last_review: new Date(last) } : {}) };
}

/** Applies one review to a card (a new card when there is none yet). */
export function schedule(before: StoredCard | undefined, rating: RecallRating, now: Date): Scheduled {
  const card = before ? fromStored(before) : createEmptyCard(now);
  const next = scheduler.next(card, now, GRADE[rating]).card;
  return { card: toStored(next), due: next.due, stability: next.stability };
}

/** The rating a grade implies until the person rates their own recall. */
export function ratingForScore(score: number): RecallRating {
  if (score >= 0.9) return "good";
  if (score >= 0.6) return "hard";
  return "again";
}

/** Stability (days) from which a card counts as knowledge kept, for the retention board. */
export const LONG_STABILITY_DAYS = 21;
