/** How a question and its grade look, as neutral Reply data. */
import type { ChoiceGrade, FreeGrade } from "../../curriculum/grading.js";
import { LEVEL_NAMES, type FreeQuestion, type McqQuestion } from "../../curriculum/schema.js";
import type { TopicQuestion } from "../../curriculum/selection.js";
import { encodeAction } from "../action-ids.js";
import { divider, fields, privateReply, text, type Block, type Reply } from "../reply.js";

/** Long enough for a thorough answer; Discord's modal paragraph allows 4,000. */
export const MAX_ANSWER_LENGTH = 2_000;

const heading = (q: TopicQuestion) => `${q.topic} · level ${q.level} (${LEVEL_NAMES[q.level]})`;

export function questionReply(q: TopicQuestion, sessionId: string): Reply {
  const blocks: Block[] = [text(`**${q.prompt}**`)];
  if (q.format === "mcq") {
    blocks.push({
      kind: "choices",
      options: q.options.map((o, i) => ({ action: encodeAction({ type: "quiz.answer", sessionId, choice: i }), label: o.text })),
    });
  } else {
    blocks.push(text("_Answer in your own words: a few sentences are enough._"), {
      kind: "form", action: encodeAction({ type: "quiz.free", sessionId }), buttonLabel: "Answer",
      title: "Your answer", inputLabel: q.prompt.slice(0, 45), maxLength: MAX_ANSWER_LENGTH,
    });
  }
  return privateReply(heading(q), blocks, `${heading(q)}: ${q.prompt}`);
}

const nextButton = (q: TopicQuestion): Block => ({
  kind: "choices",
  options: [{ action: encodeAction({ type: "quiz.next", topic: q.topic, level: q.level }), label: "Next question", style: "primary" }],
});

export function choiceGradeReply(q: TopicQuestion & McqQuestion, g: ChoiceGrade): Reply {
  const right = q.options[g.correctIndex]?.text ?? "";
  const chosen = q.options[g.chosen]?.text ?? "";
  const blocks: Block[] = [
    text(g.correct ? `✅ **Correct:** ${right}` : `❌ **You chose:** ${chosen}\n✅ **Right answer:** ${right}`),
  ];
  if (g.why) blocks.push(text(`**Why not yours:** ${g.why}`));
  blocks.push(text(q.explanation));
  if (q.analogy) blocks.push(text(`_Analogy:_ ${q.analogy}`));
  blocks.push(divider, nextButton(q));
  const title = g.correct ? "Correct" : "Not quite";
  return privateReply(title, blocks, `${title}. The answer: ${right}`);
}

export function freeGradeReply(q: TopicQuestion & FreeQuestion, g: FreeGrade): Reply {
  const percent = Math.round(g.score * 100);
  const lines = [
    ...g.covered.map((p) => `✅ ${p}`),
    ...g.missed.map((p) => `⬜ ${p}`),
  ];
  const blocks: Block[] = [
    fields(["Score", `${percent}%`], ["Key points covered", `${g.covered.length} of ${q.keyPoints.length}`]),
    text(lines.join("\n")),
  ];
  for (const why of g.misconceptions) blocks.push(text(`⚠️ **Careful:** ${why}`));
  blocks.push(text(`**Model answer:** ${q.modelAnswer}`), text(q.explanation));
  if (q.analogy) blocks.push(text(`_Analogy:_ ${q.analogy}`));
  blocks.push(divider, nextButton(q));
  const missed = g.missed.length ? ` Missed: ${g.missed.join("; ")}.` : "";
  return privateReply(`You covered ${percent}%`, blocks, `You covered ${percent}% of the key points.${missed}`);
}
