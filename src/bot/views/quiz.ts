/** How a question and its grade look, as neutral Reply data. */
import type { ChoiceGrade, FreeGrade } from "../../curriculum/grading.js";
import { LEVEL_NAMES, type FreeQuestion, type McqQuestion } from "../../curriculum/schema.js";
import type { AdaptiveReason, TopicQuestion } from "../../curriculum/selection.js";
import { encodeAction, RECALL_RATINGS, REVIEW_TOPIC } from "../action-ids.js";
import type { QuizSession } from "../ports.js";
import { divider, fields, privateReply, text, type Block, type Mark, type Reply, userText } from "../reply.js";
import { reportButton, reportOption } from "./reports.js";

/** A free answer's grade as the quiz service got it (model-grade.ts). */
export interface GradedAnswer {
  grade: FreeGrade;
  /** Which grader's verdict the reply shows; absent when no model is configured (nothing changes). */
  by?: "model" | "offline";
  /** The model's two sentences of feedback. */
  feedback?: string;
}

/**
 * `streak`: a line to show when the answer was the day's first activity (streaks.ts). `dueDay`: the
 * card's next day in the member's zone; `kind`: a review's Next button serves the next due card.
 */
export interface Recorded { due: Date; dueDay: string; kind: QuizSession["kind"]; points: number; streak?: string }

/** A permutation of 0..n-1 seeded by a string (FNV-1a, then Fisher–Yates). */
export function shuffledIndexes(n: number, seed: string): number[] {
  let h = 0x811c9dc5;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    const j = h % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const heading = (q: TopicQuestion) => `${q.topic} · level ${q.level} (${LEVEL_NAMES[q.level]})`;

const REASONS: Record<AdaptiveReason, string> = {
  due: "🔁 A review that is due today.",
  weak: "🎯 From a topic where your recent answers were weak.",
  new: "✨ Something new at your level.",
  practice: "Practice at your level.",
};

/** `maxAnswer`: the longest free answer the quiz takes (the form's limit). */
export function questionReply(q: TopicQuestion, sessionId: string, maxAnswer: number, reason?: AdaptiveReason): Reply {
  const blocks: Block[] = [...(reason ? [text(`_${REASONS[reason]}_`)] : []), text(`**${q.prompt}**`)];
  if (q.format === "mcq") {
    // Shown in an order fixed by the session, so the right answer is not always where the author put it.
    const order = shuffledIndexes(q.options.length, sessionId);
    blocks.push({
      kind: "choices",
      options: order.map((i) => ({ action: encodeAction({ type: "quiz.answer", sessionId, choice: i }), label: q.options[i]!.text })),
    });
  } else {
    blocks.push(text("_Answer in your own words: a few sentences are enough._"), {
      kind: "form", action: encodeAction({ type: "quiz.free", sessionId }), buttonLabel: "Answer",
      title: "Your answer", inputLabel: q.prompt, maxLength: maxAnswer,
    });
  }
  blocks.push(reportButton(q.id));
  return privateReply(heading(q), blocks, `${heading(q)}: ${q.prompt}`);
}

/**
 * Same topic and level after a quiz; the next due card after a review ("review" stands in for the
 * topic). Report beside it: a wrong answer key is seen once the answer is shown (and on the
 * console, where a form takes the next line, this is where a free question is reported).
 */
const nextButton = (q: TopicQuestion, { kind }: Recorded): Block => ({
  kind: "choices",
  options: [{
    action: encodeAction({ type: "quiz.next", topic: kind === "review" ? REVIEW_TOPIC : q.topic, level: kind === "review" ? 0 : q.level }),
    label: "Next question", style: "primary",
  }, reportOption(q.id)],
});

const afterAnswer = ({ dueDay, points, streak }: Recorded) => text(
  `${points > 0 ? `**+${points} points.** ` : ""}_This question comes back for review on ${dueDay}._${streak ? `\n_${streak}_` : ""}`,
);

export function choiceGradeReply(q: TopicQuestion & McqQuestion, g: ChoiceGrade, recorded: Recorded): Reply {
  const right = q.options[g.correctIndex]?.text ?? "";
  const chosen = q.options[g.chosen]?.text ?? "";
  const blocks: Block[] = [
    text(g.correct ? `✅ **Correct:** ${right}` : `❌ **You chose:** ${chosen}\n✅ **Right answer:** ${right}`),
  ];
  if (g.why) blocks.push(text(`**Why not yours:** ${g.why}`));
  blocks.push(text(q.explanation));
  if (q.analogy) blocks.push(text(`_Analogy:_ ${q.analogy}`));
  blocks.push(afterAnswer(recorded), divider, nextButton(q, recorded));
  const title = g.correct ? "Correct" : "Not quite";
  return privateReply(title, blocks, `${title}. The answer: ${right}`);
}

/** The question's buttons once answered: the right one green, a wrong pick red. */
export function choiceMarks(sessionId: string, g: Pick<ChoiceGrade, "chosen" | "correctIndex">): Mark[] {
  const mark = (choice: number, m: Mark["mark"]): Mark => ({ action: encodeAction({ type: "quiz.answer", sessionId, choice }), mark: m });
  return g.chosen === g.correctIndex ? [mark(g.correctIndex, "right")] : [mark(g.correctIndex, "right"), mark(g.chosen, "wrong")];
}

/**
 * The member's words, shortened for a quote line (a reply block stays well under platform limits),
 * as typed: never markup (userText).
 */
const quote = (words: string, max = 160) => `“${userText(words.length > max ? `${words.slice(0, max - 1)}…` : words)}”`;

/** Which grader's verdict this is, when a model is configured (issue 20); its feedback when it is the model's. */
const graderLine = ({ by, feedback }: GradedAnswer): Block[] => {
  if (!by) return [];
  return by === "model"
    ? [text(`${feedback ? `💬 ${feedback}
` : ""}_Graded by the model; quotes checked against your words._`)]
    : [text("_Graded offline: the model gave no usable verdict in time._")];
};

export function freeGradeReply(
  q: TopicQuestion & FreeQuestion, graded: GradedAnswer, sessionId: string, recorded: Recorded, answer: string,
): Reply {
  const g: FreeGrade = graded.grade;
  const percent = Math.round(g.score * 100);
  const evidence = new Map(g.evidence.map((e) => [e.point, e.quote]));
  const partly = new Map(g.partlyCovered.map((e) => [e.point, e.quote]));
  const lines = q.keyPoints.map((kp) => {
    const found = evidence.get(kp.point);
    if (found) return `✅ ${kp.point}
   _you said:_ ${quote(found)}`;
    const near = partly.get(kp.point);
    return near ? `◐ ${kp.point}
   _partly, in:_ ${quote(near)}` : `⬜ ${kp.point}`;
  });
  const blocks: Block[] = [
    text(`**You wrote:** ${quote(answer, 600)}`),
    fields(["Score", `${percent}%`], ["Key points covered", `${g.covered.length} of ${q.keyPoints.length}`]),
    text(lines.join("\n")),
    ...graderLine(graded),
  ];
  if (g.isTermList) blocks.push(text("_A list of terms earns at most 20%: say what each one does and why._"));
  for (const m of g.stated) blocks.push(text(`⚠️ **Careful:** you said ${quote(m.quote)}, which claims: ${m.claim}\n**Why it is wrong:** ${m.why}`));
  blocks.push(text(`**Model answer:** ${q.modelAnswer}`));
  // A space's own free question may have no explanation of its own: the bank schema then uses the
  // model answer, which is not worth showing twice.
  if (q.explanation !== q.modelAnswer) blocks.push(text(q.explanation));
  if (q.analogy) blocks.push(text(`_Analogy:_ ${q.analogy}`));
  const missedIndexes = q.keyPoints.flatMap((kp, i) => (evidence.has(kp.point) ? [] : [i]));
  blocks.push(afterAnswer(recorded));
  if (missedIndexes.length) {
    // A dispute changes the review schedule, never the points (issue 17).
    blocks.push(text("_Think you covered a point the grader missed? Say so: it reschedules your review and tells the authors; points stay as graded._"), {
      kind: "choices",
      options: missedIndexes.map((i) => ({
        action: encodeAction({ type: "quiz.dispute", sessionId, point: i }), label: `I covered ${i + 1}: ${q.keyPoints[i]!.point}`.slice(0, 70),
      })),
    });
  }
  blocks.push(
    text("**How well did you recall it?** Your rating decides when it comes back."),
    {
      kind: "choices",
      options: RECALL_RATINGS.map((rating) => ({
        action: encodeAction({ type: "review.rate", sessionId, rating }), label: rating[0]!.toUpperCase() + rating.slice(1),
      })),
    },
    divider, nextButton(q, recorded),
  );
  const missed = g.missed.length ? ` Missed: ${g.missed.join("; ")}.` : "";
  const by = graded.by ? ` Graded ${graded.by === "model" ? "by the model" : "offline"}.` : "";
  return privateReply(`You covered ${percent}%`, blocks, `You covered ${percent}% of the key points.${missed}${by}`);
}

export function disputedReply(d: { point: string; isNew: boolean; dueDay: string }): Reply {
  const message = d.isNew
    ? `Noted: you say you covered "${d.point}". The authors will see it; this question comes back for review on ${d.dueDay}. Points stay as graded.`
    : `You already disputed "${d.point}" for this answer.`;
  return privateReply(undefined, [text(message)], message);
}

export function ratedReply(rating: string, dueDay: string): Reply {
  const message = `Rated "${rating}". This question comes back for review on ${dueDay}.`;
  return privateReply(undefined, [text(message)], message);
}
