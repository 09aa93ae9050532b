/** Every command and button handler, in one explicit list (easier to grep than loading from disk). */
import type { ActionHandler, Command } from "../command.js";
import config from "./config.js";
import daily from "./daily.js";
import drill from "./drill.js";
import drillAnswer from "./drill-answer.js";
import help from "./help.js";
import leaderboard from "./leaderboard.js";
import mock from "./mock.js";
import { mockEnd, mockNext, mockRate } from "./mock-actions.js";
import progress from "./progress.js";
import quiz from "./quiz.js";
import quizAnswer from "./quiz-answer.js";
import quizNext from "./quiz-next.js";
import quizSubmit from "./quiz-submit.js";
import review from "./review.js";
import reviewRate from "./review-rate.js";
import stats from "./stats.js";
import topics from "./topics.js";

export const commands: readonly Command[] = [help, quiz, drill, review, daily, mock, leaderboard, topics, stats, progress, config];
export const actions: readonly ActionHandler[] = [quizAnswer, quizSubmit, quizNext, drillAnswer, reviewRate, mockNext, mockEnd, mockRate];
