/** Grading of quiz answers: multiple choice by option, free text by key-point coverage. */
import type { FreeQuestion, McqQuestion } from "./schema.js";
import { anyPhrasingMatches, normalise, statesWithoutNegation } from "./text-match.js";

export interface FreeGrade {
  /** 0..1: the share of key points covered, 0 when a misconception was stated. */
  readonly score: number;
  readonly covered: readonly string[];
  readonly missed: readonly string[];
  /** The "why" of each misconception the answer stated. */
  readonly misconceptions: readonly string[];
}

export function gradeFree(question: FreeQuestion, answer: string): FreeGrade {
  const text = normalise(answer);
  const covered: string[] = [];
  const missed: string[] = [];
  for (const kp of question.keyPoints) {
    (anyPhrasingMatches(text, kp.phrasings) ? covered : missed).push(kp.point);
  }
  const misconceptions = question.misconceptions
    .filter((m) => statesWithoutNegation(answer, m.phrasings))
    .map((m) => m.why);
  // A stated misconception halves the credit: knowing the right words beside a wrong claim is
  // not mastery, but zeroing a long, mostly right answer would feel arbitrary.
  const raw = covered.length / question.keyPoints.length;
  const score = misconceptions.length > 0 ? raw / 2 : raw;
  return { score: Math.round(score * 100) / 100, covered, missed, misconceptions };
}

export interface ChoiceGrade {
  readonly correct: boolean;
  readonly chosen: number;
  readonly correctIndex: number;
  /** Why the chosen option is wrong, when it is. */
  readonly why?: string;
}

export function gradeChoice(question: McqQuestion, chosen: number): ChoiceGrade {
  const correctIndex = question.options.findIndex((o) => o.correct);
  const option = question.options[chosen];
  const correct = chosen === correctIndex;
  return { correct, chosen, correctIndex, ...(option && !correct && option.why ? { why: option.why } : {}) };
}
