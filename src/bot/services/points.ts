/**
 * The points rules, in one place. Points are a ledger: each award has a unique reference, so a
 * double click, a redelivered interaction or a repeated question never counts twice.
 *
 * - A quiz question earns on its first answer of the member's day only: 10 for a right choice,
 *   10 × the key-point score for free text (a first wrong answer uses up the day's chance too).
 * - A due review earns 5 when recalled (score ≥ 0.7), once per due date: retention, not repetition.
 * - A drill earns 10 when within tolerance, first answer of the day.
 * - Timed rounds: 10 for the right answer plus a speed bonus of 5 / 3 / 1 for the first three
 *   right answers by answer time (`roundAward`); a wrong answer earns nothing. One award per
 *   member and round (ref `round-<roundId>-<memberId>`); it counts on the day of the answer.
 * - A daily cap of 100 points per member (in the space's time zone) clips every award.
 */
import { localParts, mondayOf } from "../time.js";

export const POINTS = {
  choice: 10,
  freeTextMax: 10,
  review: 5,
  reviewRecallScore: 0.7,
  drill: 10,
  roundCorrect: 10,
  roundSpeedBonus: [5, 3, 1],
  dailyCap: 100,
} as const;

export interface Award { ref: string; points: number; reason: string }

/** Refs are unique per space (points_space_ref), so each carries the member: two members may earn on one question. */
export function quizAward(a: {
  memberId: number; questionId: string; format: "mcq" | "free"; score: number; kind: "quiz" | "review"; localDate: string; reviewDue?: Date;
}): Award {
  if (a.kind === "review" && a.reviewDue) {
    const recalled = a.score >= POINTS.reviewRecallScore;
    return { ref: `review-${a.memberId}-${a.questionId}-${a.reviewDue.toISOString()}`, points: recalled ? POINTS.review : 0, reason: "review" };
  }
  const points = a.format === "mcq" ? (a.score >= 1 ? POINTS.choice : 0) : Math.round(POINTS.freeTextMax * a.score);
  return { ref: `quiz-${a.memberId}-${a.questionId}-${a.localDate}`, points, reason: "quiz" };
}

/** The board periods an award at `at` counts in, in the space's time zone. */
export function periodsOf(at: Date, tz: string): { day: string; week: string; month: string; all: string } {
  const date = localParts(at, tz).date;
  return { day: `d${date}`, week: `w${mondayOf(date)}`, month: `m${date.slice(0, 7)}`, all: "all" };
}

/** An award clipped to what is left of the member's daily cap. */
export function capped(award: Award, earnedToday: number): Award {
  return { ...award, points: Math.max(0, Math.min(award.points, POINTS.dailyCap - earnedToday)) };
}

/** A right answer in a timed round; `rank` is its place (0 = first) among the round's right answers. */
export function roundAward(roundId: string, memberId: number, rank: number): Award {
  return { ref: `round-${roundId}-${memberId}`, points: POINTS.roundCorrect + (POINTS.roundSpeedBonus[rank] ?? 0), reason: "round" };
}
