/** Every button and form handler, in one explicit list; the slash commands are in ../commands/. */
import type { ActionHandler } from "../command.js";
import drillAnswer from "./drill-answer.js";
import meDelete from "./me-delete.js";
import quizAnswer from "./quiz-answer.js";
import quizDispute from "./quiz-dispute.js";
import quizNext from "./quiz-next.js";
import quizSubmit from "./quiz-submit.js";
import reviewRate from "./review-rate.js";
import roundAnswer from "./round-answer.js";
import { mockEnd, mockNext, mockRate, mockSay } from "./mock.js";
import { mockPeer, mockSolo, mockSwap } from "./pair.js";
import { reportNote, reportOpen, reportPick } from "./report.js";
import { mockHere, mockUnbook } from "./booking.js";

export const actions: readonly ActionHandler[] = [quizAnswer, quizSubmit, quizNext, drillAnswer, reviewRate, quizDispute, mockNext, mockEnd, mockRate, mockSay, mockPeer, mockSwap, mockSolo, mockUnbook, mockHere, roundAnswer, meDelete, reportOpen, reportPick, reportNote];
