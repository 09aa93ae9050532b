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
  "drill.none": "I have no estimation drills at level {level} yet.",
  "drill.unreadable": "I couldn't read a number with a unit in that ({reason}). Try something like `1,200/s`, `1.2k QPS`, `40 TB` or `3.5 GB/s`.",
  "drill.wrongUnit": "That's {given}, but this drill asks for {expected}. Answer in a unit of that kind, e.g. `{example}`.",
  "answer.empty": "Your answer is empty. Write a few sentences, then send it again.",
  "answer.tooLong": "Your answer is {length} characters; the limit is {max}. Shorten it and send it again.",
  "daily.noPlan": "There are no study plans installed yet.",
  "config.noSchedule": "This channel has no daily schedule yet. Set one with `/config time 09:00 tz Asia/Kolkata`.",
  "config.unknownPlan": "There is no plan `{plan}`. Plans: {plans}.",
  "config.noChanges": "Tell me what to set: `/config time 09:00 tz Asia/Kolkata days mon-fri plan thirty-day`.",
} as const;

export type UserErrorId = keyof typeof userMessages;

/** The text of a user error with its params filled in. */
export function formatUserMessage(id: UserErrorId, params: Readonly<Record<string, string | number>>): string {
  return userMessages[id].replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`));
}
