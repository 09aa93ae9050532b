/** Every command and button handler, in one explicit list (easier to grep than loading from disk). */
import type { ActionHandler, Command } from "../command.js";
import config from "./config.js";
import daily from "./daily.js";
import drill from "./drill.js";
import drillAnswer from "./drill-answer.js";
import group from "./group.js";
import help from "./help.js";
import leaderboard from "./leaderboard.js";
import me from "./me.js";
import meDelete from "./me-delete.js";
import mock from "./mock.js";
import { mockEnd, mockNext, mockRate } from "./mock-actions.js";
import { mockPeer, mockSolo, mockSwap } from "./pair-actions.js";
import progress from "./progress.js";
import quiz from "./quiz.js";
import quizAnswer from "./quiz-answer.js";
import quizNext from "./quiz-next.js";
import quizSubmit from "./quiz-submit.js";
import review from "./review.js";
import reviewRate from "./review-rate.js";
import round from "./round.js";
import roundAnswer from "./round-answer.js";
import streak from "./streak.js";
import stats from "./stats.js";
import topics from "./topics.js";

export const commands: readonly Command[] = [help, quiz, drill, review, daily, mock, leaderboard, group, topics, stats, progress, config, round, me, streak];
export const actions: readonly ActionHandler[] = [quizAnswer, quizSubmit, quizNext, drillAnswer, reviewRate, mockNext, mockEnd, mockRate, mockPeer, mockSwap, mockSolo, roundAnswer, meDelete];
