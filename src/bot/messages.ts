/**
 * Every message a user may see for an expected failure, keyed by a dotted id. `{name}` is
 * filled from the error's params. Commands are references (`cmd`), spelled per platform.
 */
import { cmd, fillParams, term } from "./command-ref.js";

export const userMessages = {
  "command.unknown": `I don't know the command \`{name}\`. Type ${cmd("help")} to see what I can do.`,
  "args.invalid": `That didn't work: {problem}. Try ${cmd("help", { command: "{command}" })}.`,
  "action.unknown": `That button is no longer valid. Start again with ${cmd("quiz")}.`,
  "admin.only": `Only ${term("admins")} can use ${cmd("{command}")}.`,
  "quiz.unknownTopic": "There is no topic `{topic}`. Topics: {topics}.",
  "quiz.topicDidYouMean": "There is no topic `{topic}`. Did you mean {near}?",
  "quiz.noQuestions": "I have no {format} questions for {topic} at level {level} yet. Try another level or format.",
  "quiz.sessionNotFound": `I can't find that question any more. Start a new one with ${cmd("quiz")}.`,
  "quiz.notYours": `That question was asked to someone else. Start your own with ${cmd("quiz")}.`,
  "quiz.alreadyAnswered": `You've already answered that question. Try another with ${cmd("quiz")}.`,
  "quiz.wrongFormat": "That question wants a {expected} answer.",
  "quiz.badChoice": "Pick one of the options 1 to {count}.",
  "review.notAnswered": "Answer the question first, then rate how well you recalled it.",
  "mock.unknownProblem": "There is no problem `{problem}`. Problems: {problems}.",
  "mock.problemDidYouMean": "There is no problem `{problem}`. Did you mean {near}?",
  "mock.noProblems": "No mock-interview problems are installed yet.",
  "mock.alreadyRunning": `You already have a mock interview running (on {problem}). Finish it with ${cmd("mock end")} first.`,
  "mock.notRunning": `You have no mock interview running. Start one with ${cmd("mock start")}.`,
  "mock.noThreads": "Mock interviews need a thread, and I can't open one here.",
  "mock.notYours": "That interview belongs to someone else.",
  "mock.emptyAnswer": "There was nothing to add to the interview: write your answer or question in the form.",
  "pair.alreadyQueued": `You're already in the pairing queue. I'll tell you when someone joins; ${cmd("mock leave")} takes you out.`,
  "pair.notQueued": `You're not in the pairing queue. Join it with ${cmd("mock pair")}.`,
  "pair.notPeerMock": "That was a solo interview; rate yourself with the buttons on its scorecard instead.",
  "pair.notYourSide": "Those buttons are for {who} to rate {whom}. Use the other set on the scorecard.",
  "pair.stillRunning": `The interview is still running. Rate each other once it has ended (${cmd("mock end", {}, { inThread: { button: "End interview" } })}).`,
  "pair.notYourOffer": `That offer was for someone else. Start your own with ${cmd("mock start")} or ${cmd("mock pair")}.`,
  "pair.partnerBusy": `{name} is in another mock interview right now, so I can't swap roles. Try ${cmd("mock pair")} later.`,
  "drill.none": "I have no estimation drills at level {level} yet.",
  "drill.unreadable": "I couldn't read a number with a unit in that ({reason}). Try something like `1,200/s`, `1.2k QPS`, `40 TB` or `3.5 GB/s`.",
  "drill.wrongUnit": "That's {given}, but this drill asks for {expected}. Answer in a unit of that kind, e.g. `{example}`.",
  "answer.empty": "Your answer is empty. Write a few sentences, then send it again.",
  "answer.tooLong": "Your answer is {length} characters; the limit is {max}. Shorten it and send it again.",
  "daily.noPlan": "There are no study plans installed yet.",
  "config.noSchedule": `This channel has no daily schedule yet. Set one with ${cmd("config set", { time: "09:00", tz: "Asia/Kolkata" })}.`,
  "config.unknownPlan": "There is no plan `{plan}`. Plans: {plans}.",
  "plan.didYouMean": "There is no plan `{plan}`. Did you mean {near}?",
  "config.noChanges": `Tell me what to set: ${cmd("config set", { time: "09:00", tz: "Asia/Kolkata", days: "mon-fri", plan: "thirty-day" })}.`,
  "round.needsScheduler": `Timed rounds need the scheduler (Redis), which is off here, so a round could never close. Start Redis and restart me, or try ${cmd("quiz")} meanwhile.`,
  "round.alreadyOpen": "A round is already running in this channel; it closes at {closesAt}. Answer it, or start a new one after it closes.",
  "round.noQuestions": "I have no multiple-choice questions for {topic} to run a round with. Try another topic.",
  "round.notFound": `I can't find that round any more. Start a new one with ${cmd("round start")}.`,
  "round.closed": `This round has closed. Watch the channel for the results, or start a new one with ${cmd("round start")}.`,
  "round.alreadyAnswered": "You already answered this round (\"{choice}\"); your first answer counts.",
  "group.badName": "A group name has 2 to 32 characters: letters, digits, spaces, `-` and `_`. `{name}` doesn't fit.",
  "group.nameRequired": `Which group? Use ${cmd("group {action}", { name: "<name>" })}; ${cmd("group list")} shows them.`,
  "group.nameTaken": `There is already a group called **{name}**. Join it with ${cmd("group join", { name: "{name}" })}, or pick another name.`,
  "group.unknown": `There is no group called \`{name}\`. ${cmd("group list")} shows the groups here; ${cmd("group create", { name: "<name>" })} starts one.`,
  "group.alreadyMember": "You're already in **{name}**.",
  "group.notMember": `You're not in **{name}**. Join it with ${cmd("group join", { name: "{name}" })}.`,
  "group.notOwner": "Only the person who created **{name}**, or an admin, can choose its plan.",
  "group.planRequired": `Which plan? Use ${cmd("group plan", { name: "<name>", plan: "<plan-id>" })}, or \`none\` to stop following one. Plans: {plans}.`,
  "group.unknownPlan": "There is no plan `{plan}`. Plans: {plans}, or `none` to stop following one.",
  "plan.required": `Which plan? Use ${cmd("plan start", { plan: "<id>" })}. Plans: {plans}.`,
  "plan.none": `You don't follow a plan of your own. Start one with ${cmd("plan start", { plan: "<id>" })}. Plans: {plans}.`,
  "plan.alreadyPaused": `Your plan is already paused (since {date}). ${cmd("plan resume")} carries on from the day it was held at.`,
  "plan.notPaused": `Your plan isn't paused. ${cmd("plan pause")} holds it at today's day.`,
  "plan.finished": `You've finished **{plan}**. Start another with ${cmd("plan start", { plan: "<id>" })}, or leave it with ${cmd("plan stop")}.`,
  "me.deleteNotYours": `That button isn't yours, or it is from before your data was erased. Nothing was erased; run ${cmd("me delete")} to erase your own data.`,
  "me.deleteExpired": `That confirmation expired (it lasts {minutes} minutes). Nothing was erased; run ${cmd("me delete")} again.`,
  "me.badTimezone": "`{tz}` is not an IANA time zone. Use a name like `Asia/Kolkata` or `America/New_York`, or `clear` to follow this server's zone.",
  "report.unknownItem": `That question or drill is no longer in the bank, so there is nothing to report. Thanks all the same; try another with ${cmd("quiz")}.`,
  "report.noteTooLong": "Your note is {length} characters; the limit is {max}. Shorten it and send it again.",
  "leaderboard.retentionGroup": `Group boards rank points; the knowledge-kept board covers everyone. Try ${cmd("leaderboard", { period: "week", group: "{name}" })}.`,
} as const;

export type UserErrorId = keyof typeof userMessages;

/** The text of a user error with its params filled in. */
export function formatUserMessage(id: UserErrorId, params: Readonly<Record<string, string | number>>): string {
  return fillParams(userMessages[id], params);
}
