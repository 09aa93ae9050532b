/**
 * Every message a user may see for an expected failure, keyed by a dotted id. `{name}` is
 * filled from the error's params.
 */
export const userMessages = {
  "command.unknown": "I don't know the command `{name}`. Type `/help` to see what I can do.",
  "args.invalid": "That didn't work: {problem}. Try `/help {command}`.",
  "action.unknown": "That button is no longer valid. Start again with `/quiz`.",
  "admin.only": "Only server admins (Manage Server on Discord, workspace admins on Slack) can use `/{command}`.",
  "quiz.unknownTopic": "There is no topic `{topic}`. Topics: {topics}.",
  "quiz.noQuestions": "I have no {format} questions for {topic} at level {level} yet. Try another level or format.",
  "quiz.sessionNotFound": "I can't find that question any more. Start a new one with `/quiz`.",
  "quiz.notYours": "That question was asked to someone else. Start your own with `/quiz`.",
  "quiz.alreadyAnswered": "You've already answered that question. Try another with `/quiz`.",
  "quiz.wrongFormat": "That question wants a {expected} answer.",
  "quiz.badChoice": "Pick one of the options 1 to {count}.",
  "review.notAnswered": "Answer the question first, then rate how well you recalled it.",
  "mock.unknownProblem": "There is no problem `{problem}`. Problems: {problems}.",
  "mock.noProblems": "No mock-interview problems are installed yet.",
  "mock.alreadyRunning": "You already have a mock interview running (on {problem}). Finish it with `/mock end` first.",
  "mock.notRunning": "You have no mock interview running. Start one with `/mock start`.",
  "mock.noThreads": "Mock interviews need a thread, and I can't open one here.",
  "mock.notYours": "That interview belongs to someone else.",
  "pair.alreadyQueued": "You're already in the pairing queue. I'll tell you when someone joins; `/mock leave` takes you out.",
  "pair.notQueued": "You're not in the pairing queue. Join it with `/mock pair`.",
  "pair.notPeerMock": "That was a solo interview; rate yourself with the buttons on its scorecard instead.",
  "pair.notYourSide": "Those buttons are for {who} to rate {whom}. Use the other set on the scorecard.",
  "pair.stillRunning": "The interview is still running. Rate each other after `/mock end`.",
  "pair.notYourOffer": "That offer was for someone else. Start your own with `/mock start` or `/mock pair`.",
  "pair.partnerBusy": "{name} is in another mock interview right now, so I can't swap roles. Try `/mock pair` later.",
  "drill.none": "I have no estimation drills at level {level} yet.",
  "drill.unreadable": "I couldn't read a number with a unit in that ({reason}). Try something like `1,200/s`, `1.2k QPS`, `40 TB` or `3.5 GB/s`.",
  "drill.wrongUnit": "That's {given}, but this drill asks for {expected}. Answer in a unit of that kind, e.g. `{example}`.",
  "answer.empty": "Your answer is empty. Write a few sentences, then send it again.",
  "answer.tooLong": "Your answer is {length} characters; the limit is {max}. Shorten it and send it again.",
  "daily.noPlan": "There are no study plans installed yet.",
  "config.noSchedule": "This channel has no daily schedule yet. Set one with `/config time 09:00 tz Asia/Kolkata`.",
  "config.unknownPlan": "There is no plan `{plan}`. Plans: {plans}.",
  "config.noChanges": "Tell me what to set: `/config time 09:00 tz Asia/Kolkata days mon-fri plan thirty-day`.",
  "round.needsScheduler": "Timed rounds need the scheduler (Redis), which is off here, so a round could never close. Start Redis and restart me, or try `/quiz` meanwhile.",
  "round.alreadyOpen": "A round is already running in this channel; it closes at {closesAt}. Answer it, or start a new one after it closes.",
  "round.noQuestions": "I have no multiple-choice questions for {topic} to run a round with. Try another topic.",
  "round.notFound": "I can't find that round any more. Start a new one with `/round start`.",
  "round.closed": "This round has closed. Watch the channel for the results, or start a new one with `/round start`.",
  "round.alreadyAnswered": "You already answered this round (\"{choice}\"); your first answer counts.",
  "group.badName": "A group name has 2 to 32 characters: letters, digits, spaces, `-` and `_`. `{name}` doesn't fit.",
  "group.nameRequired": "Which group? Use `/group {action} <name>`; `/group list` shows them.",
  "group.nameTaken": "There is already a group called **{name}**. Join it with `/group join {name}`, or pick another name.",
  "group.unknown": "There is no group called `{name}`. `/group list` shows the groups here; `/group create <name>` starts one.",
  "group.alreadyMember": "You're already in **{name}**.",
  "group.notMember": "You're not in **{name}**. Join it with `/group join {name}`.",
  "group.notOwner": "Only the person who created **{name}**, or an admin, can choose its plan.",
  "group.planRequired": "Which plan? Use `/group plan <name> <plan-id>`, or `none` to stop following one. Plans: {plans}.",
  "group.unknownPlan": "There is no plan `{plan}`. Plans: {plans}, or `none` to stop following one.",
  "me.deleteNotYours": "That button isn't yours, or it is from before your data was erased. Nothing was erased; run `/me delete` to erase your own data.",
  "me.deleteExpired": "That confirmation expired (it lasts {minutes} minutes). Nothing was erased; run `/me delete` again.",
  "me.badTimezone": "`{tz}` is not an IANA time zone. Use a name like `Asia/Kolkata` or `America/New_York`, or `clear` to follow this server's zone.",
  "leaderboard.retentionGroup": "Group boards rank points; the knowledge-kept board covers everyone. Try `/leaderboard week group {name}`.",
} as const;

export type UserErrorId = keyof typeof userMessages;

/** The text of a user error with its params filled in. */
export function formatUserMessage(id: UserErrorId, params: Readonly<Record<string, string | number>>): string {
  return userMessages[id].replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`));
}
