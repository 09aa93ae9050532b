/** How a timed round looks: the question in the channel, a private "answer received", the results. */
import { LEVEL_NAMES, type McqQuestion } from "../../curriculum/schema.js";
import type { TopicQuestion } from "../../curriculum/selection.js";
import { encodeAction } from "../action-ids.js";
import { channelReply, fields, privateReply, text, type Block, type Reply } from "../reply.js";
import { shuffledIndexes } from "./quiz.js";
import { reportButton } from "./reports.js";

export type RoundQuestion = TopicQuestion & McqQuestion;

/** "14:05 (Asia/Kolkata)": when a round closes, on the space's clock. */
export interface ClosesAt { minutes: number; local: string }

export function roundQuestionReply(q: RoundQuestion, roundId: string, startedBy: string, closes: ClosesAt): Reply {
  // Shuffled by the round id, so the right answer is not always where the author put it.
  const order = shuffledIndexes(q.options.length, roundId);
  const blocks: Block[] = [
    text(`**${q.prompt}**`),
    { kind: "choices", options: order.map((i) => ({ action: encodeAction({ type: "round.answer", roundId, choice: i }), label: q.options[i]!.text })) },
    text(`_Everyone answers once: your first click counts. Closes in ${closes.minutes} minute${closes.minutes === 1 ? "" : "s"}, at ${closes.local}; ` +
      "then the answer, who got it right, and points (10, plus 5 / 3 / 1 for the fastest three right answers)._"),
    text(`_Started by ${startedBy}._`),
    reportButton(q.id),
  ];
  const title = `⏱️ Round: ${q.topic} · level ${q.level} (${LEVEL_NAMES[q.level]})`;
  return channelReply(title, blocks, `Round: ${q.prompt} (closes at ${closes.local})`);
}

export function roundAnsweredReply(choice: string, closesLocal: string, streak?: string): Reply {
  const message = `Your answer is in: **${choice}**. The right answer and the results come when the round closes at ${closesLocal}.`;
  return privateReply(undefined, [text(message), ...(streak ? [text(streak)] : [])], message);
}

export interface Winner { name: string; points: number }

export function roundResultsReply(q: RoundQuestion, answered: number, winners: readonly Winner[]): Reply {
  const right = q.options.find((o) => o.correct)?.text ?? "";
  const list = winners.map((w, i) => `${i + 1}. ${w.name}${w.points > 0 ? ` (+${w.points})` : ""}`).join("\n");
  const who = answered === 0 ? "Nobody answered this round."
    : winners.length === 0 ? "Nobody got it right this time."
    : `**Got it right** (in answer order):\n${list}`;
  const blocks: Block[] = [
    text(`**${q.prompt}**`),
    text(`✅ **Right answer:** ${right}`),
    text(q.explanation),
    fields(["Answered", String(answered)], ["Right", String(winners.length)]),
    text(who),
  ];
  const names = winners.length ? ` Right: ${winners.map((w) => w.name).join(", ")}.` : "";
  return channelReply("Round closed", blocks, `Round closed. The answer: ${right}.${names} ${answered} answered.`);
}
