/**
 * A member's level per topic and weak topics, from their recent answers. A level unlocks after
 * a sustained score on the one below: an average of at least 70 % over the last 8 answers at
 * that level, with at least 4 of them (so two lucky answers do not unlock it).
 */
import type { Level } from "../../curriculum/schema.js";
import type { RecentAttempt } from "../ports.js";

export const UNLOCK_WINDOW = 8;
export const UNLOCK_MIN_ANSWERS = 4;
export const UNLOCK_SCORE = 0.7;
/** A topic is weak when its recent average is below this (with at least 3 answers). */
export const WEAK_SCORE = 0.6;
/** How many answers to load per member for these figures. */
export const RECENT_LIMIT = 400;

export interface LevelProgress { average: number; answers: number }

/** Average of the last `UNLOCK_WINDOW` answers at a topic and level (attempts newest first). */
export function levelProgress(recent: readonly RecentAttempt[], topic: string, level: number): LevelProgress {
  const last = recent.filter((a) => a.topic === topic && a.level === level).slice(0, UNLOCK_WINDOW);
  const average = last.length ? last.reduce((s, a) => s + a.score, 0) / last.length : 0;
  return { average, answers: last.length };
}

const unlocks = (p: LevelProgress) => p.answers >= UNLOCK_MIN_ANSWERS && p.average >= UNLOCK_SCORE;

/** The highest level unlocked in a topic. */
export function levelIn(recent: readonly RecentAttempt[], topic: string): Level {
  if (!unlocks(levelProgress(recent, topic, 1))) return 1;
  return unlocks(levelProgress(recent, topic, 2)) ? 3 : 2;
}

/** A member's level overall: the highest level unlocked in any topic they practised (1 for a newcomer). */
export function overallLevel(recent: readonly RecentAttempt[]): Level {
  return Math.max(1, ...[...new Set(recent.map((a) => a.topic))].map((t) => levelIn(recent, t))) as Level;
}

/** Topics whose recent answers average below WEAK_SCORE, weakest first. */
export function weakTopics(recent: readonly RecentAttempt[]): string[] {
  const byTopic = new Map<string, number[]>();
  for (const a of recent) {
    const scores = byTopic.get(a.topic) ?? [];
    if (scores.length < UNLOCK_WINDOW) scores.push(a.score);
    byTopic.set(a.topic, scores);
  }
  return [...byTopic.entries()]
    .map(([topic, s]) => ({ topic, n: s.length, avg: s.reduce((x, y) => x + y, 0) / s.length }))
    .filter((t) => t.n >= 3 && t.avg < WEAK_SCORE)
    .sort((a, b) => a.avg - b.avg)
    .map((t) => t.topic);
}
