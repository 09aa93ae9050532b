/** Estimation drills: a numeric answer with units, judged within the drill's tolerance. */
import { judgeAnswer, formatQuantity } from "../../curriculum/quantity.js";
import type { Drill, Level } from "../../curriculum/schema.js";
import { encodeAction } from "../action-ids.js";
import type { Context } from "../command.js";
import { UserError } from "../errors.js";
import { divider, privateReply, text, type Block, type Reply } from "../reply.js";
import { reportButton, reportOption } from "../views/reports.js";
import { recordScored } from "./activity.js";
import { periodsOf, POINTS } from "./points.js";
import { levelIn, RECENT_LIMIT } from "./progress.js";
import { REPEAT_WINDOW_MS } from "./quiz.js";
import { withStreakLine } from "./streaks.js";

/** Drill answers are stored under the estimation topic, so they unlock its levels. */
const DRILL_TOPIC = "estimation";

const DIMENSION_WORDS: Record<string, string> = {
  count: "a plain count", rate: "a rate (per second, per day…)", bytes: "a size in bytes (GB, TB…)",
  "byte-rate": "a data rate (GB/day, MB/s…)", duration: "a duration (days, hours…)", percent: "a percentage",
};

/** A drill at `level`, or without one at the member's unlocked estimation level (drills count there). */
export async function askDrill(ctx: Context<unknown>, chosen?: Level): Promise<Reply> {
  const { deps, member, event, space } = ctx;
  const now = deps.clock.now();
  const recent = await deps.quizzes.askedSince(member.id, new Date(now.getTime() - REPEAT_WINDOW_MS));
  const level = chosen ?? levelIn(await deps.quizzes.recentAttempts(member.id, RECENT_LIMIT), DRILL_TOPIC);
  const atLevel = deps.curriculum.drills.filter((d) => d.level === level);
  // A bank with none at the member's level still serves one; a level asked for is kept to.
  const pool = atLevel.length || chosen ? atLevel : deps.curriculum.drills;
  if (pool.length === 0) throw new UserError("drill.none", { level: level ?? "any" });
  const fresh = pool.filter((d) => !recent.has(d.id));
  const from = fresh.length ? fresh : pool;
  const drill = from[Math.floor(deps.random.next() * from.length)]!;
  const id = deps.random.id();
  await deps.quizzes.open({ id, spaceId: space.id, memberId: member.id, questionId: drill.id, channelId: event.channel.id, kind: "quiz", cardBefore: null, createdAt: now });
  const blocks: Block[] = [
    text(`**${drill.prompt}**`),
    text(`Given:\n${drill.inputs.map((i) => `• ${i}`).join("\n")}`),
    text("_Answer with a number and a unit, e.g. `1.2k/s`, `40 TB`, `570 days`._"),
    { kind: "form", action: encodeAction({ type: "drill.answer", sessionId: id }), buttonLabel: "Answer", title: "Your estimate", inputLabel: "Your estimate, with units", maxLength: 100 },
    reportButton(drill.id),
  ];
  return privateReply(`Estimation drill · level ${drill.level}`, blocks, drill.prompt);
}

export async function answerDrill(ctx: Context<unknown>, sessionId: string, input: string | undefined): Promise<Reply> {
  const { deps, space, member } = ctx;
  const session = await deps.quizzes.get(space.id, sessionId);
  const drill = session && deps.curriculum.drills.find((d) => d.id === session.questionId);
  if (!session || !drill) throw new UserError("quiz.sessionNotFound");
  if (session.memberId !== member.id) throw new UserError("quiz.notYours");
  if (session.answeredAt) throw new UserError("quiz.alreadyAnswered");
  const typed = (input ?? "").trim();
  if (!typed) throw new UserError("answer.empty");
  const j = judgeAnswer(drill.answer, drill.tolerance, typed);
  if (j.kind === "unreadable") throw new UserError("drill.unreadable", { reason: j.reason.replace(/-/g, " ") });
  if (j.kind === "wrong-unit") {
    throw new UserError("drill.wrongUnit", {
      given: DIMENSION_WORDS[j.given.dimension] ?? j.given.dimension, expected: DIMENSION_WORDS[j.expected.dimension] ?? j.expected.dimension,
      example: drill.answer,
    });
  }
  const now = deps.clock.now();
  const correct = j.kind === "correct";
  const day = periodsOf(now, space.timezone).day.slice(1);
  const reply = await recordScored(ctx, {
    at: now,
    attempt: {
      spaceId: space.id, memberId: member.id, sessionId, questionId: drill.id, topic: DRILL_TOPIC, level: drill.level, format: "drill",
      answer: typed, score: correct ? 1 : 0, isCorrect: correct, at: now,
    },
    award: { ref: `drill-${member.id}-${drill.id}-${day}`, points: correct ? POINTS.drill : 0, reason: "drill" },
    reply: ({ points, streak }) => withStreakLine(drillGradeReply(drill, j.kind, formatQuantity(j.given), j.ratio, points), streak),
  });
  if (!reply) throw new UserError("quiz.alreadyAnswered");
  return reply;
}

function drillGradeReply(drill: Drill, kind: "correct" | "too-high" | "too-low", given: string, ratio: number, points: number): Reply {
  const tolerance = drill.tolerance === "oom" ? "within a factor of 3" : `within ±${Math.round(drill.tolerance * 100)}%`;
  const verdict = kind === "correct"
    ? `✅ **${given}** is ${tolerance} of **${drill.answer}**.`
    : `❌ **${given}** is ${kind === "too-high" ? "too high" : "too low"} (×${ratio.toFixed(2)} of **${drill.answer}**; ${tolerance} counts).`;
  const blocks: Block[] = [
    text(`${verdict}${points > 0 ? ` **+${points} points.**` : ""}`),
    text(`**Worked solution:**\n${drill.solution}`),
    divider,
    { kind: "choices", options: [{ action: encodeAction({ type: "quiz.next", topic: "drill", level: drill.level }), label: "Another drill", style: "primary" }, reportOption(drill.id)] },
  ];
  return privateReply(kind === "correct" ? "Good estimate" : "Not quite", blocks, verdict);
}
