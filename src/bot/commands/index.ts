/** Every slash command, in one explicit list (easier to grep than loading from disk); button and form handlers are in ../actions/. */
import type { Command } from "../command.js";
import bank from "./bank.js";
import config from "./config.js";
import daily from "./daily.js";
import drill from "./drill.js";
import group from "./group.js";
import help from "./help.js";
import leaderboard from "./leaderboard.js";
import me from "./me.js";
import mock from "./mock.js";
import plan from "./plan.js";
import progress from "./progress.js";
import quiz from "./quiz.js";
import review from "./review.js";
import round from "./round.js";
import streak from "./streak.js";
import stats from "./stats.js";
import topics from "./topics.js";

export const commands: readonly Command[] = [help, quiz, drill, review, daily, plan, mock, leaderboard, group, topics, stats, progress, config, bank, round, me, streak];
