/**
 * The answers the Discord and Slack e2e tests give to one free-text question (issue 17, "Show it"):
 * a strong answer written blind for it (from the dev eval set, so nobody tuned it to the test) and
 * a stuffed one, the question's own terms with no sentence between them.
 */
import { readFileSync } from "node:fs";
import { EvalFile } from "../../src/curriculum/eval.js";
import type { Curriculum } from "../../src/curriculum/loader.js";
import type { FreeQuestion } from "../../src/curriculum/schema.js";
import { candidates, type TopicQuestion } from "../../src/curriculum/selection.js";

/**
 * Write-behind caching: its dev strong answer scored 1.00 when this was written (the issue asks
 * ≥ 0.75) and it is short enough (588 characters) for the reply to quote it whole.
 */
export const GRADED_QUESTION_ID = "q-caching-2-01";

const DEV_SET = new URL("../../src/curriculum/eval/grader-dev.json", import.meta.url);

/** Words that make sentences; what is left of a key point is its terms. */
const FUNCTION_WORDS = new Set(`a an the is are was were be been being of to and or nor but in on at by for with from as into
  than then that this these those it its they them their there what which who when where why how not no so if each every any all
  some can could may might must should would will do does did has have had such per via also only just more most less very once
  yet still even both through about instead first like make need needs`.split(/\s+/));

/** Every content word of the key points, once each, in order: terms only, no claims. */
export const stuffedFrom = (points: readonly string[]): string =>
  [...new Set(points.join(" ").toLowerCase().match(/[a-z][a-z0-9'/-]*/g) ?? [])].filter((w) => !FUNCTION_WORDS.has(w)).join(" ");

export interface GradingCase {
  question: TopicQuestion & FreeQuestion;
  /** Free questions at the same topic and level: `/quiz` with those filters picks among them. */
  poolSize: number;
  strong: string;
  stuffed: string;
}

export function gradingCase(curriculum: Curriculum): GradingCase {
  const question = curriculum.questionsById.get(GRADED_QUESTION_ID);
  if (question?.format !== "free") throw new Error(`${GRADED_QUESTION_ID} is no longer a free-text question of the bank`);
  const dev = EvalFile.parse(JSON.parse(readFileSync(DEV_SET, "utf8")));
  const strong = dev.freeText.find((i) => i.id === GRADED_QUESTION_ID)?.answers.find((a) => a.label === "strong");
  if (!strong) throw new Error(`the dev eval set has no strong answer for ${GRADED_QUESTION_ID}`);
  const poolSize = candidates(curriculum, { topic: question.topic, level: question.level, format: "free" }).length;
  return { question, poolSize, strong: strong.text, stuffed: stuffedFrom(question.keyPoints.map((k) => k.point)) };
}
