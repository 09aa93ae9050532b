/** `/review` and its "Next question": the member's due cards, most overdue first. */
import type { Context } from "../command.js";
import { cmd } from "../command-ref.js";
import { privateReply, text, type Reply } from "../reply.js";
import { localDayText } from "../time.js";
import { open } from "./quiz.js";
import { zoneOf } from "./streaks.js";

export async function nextReview(ctx: Context<unknown>): Promise<Reply> {
  const { deps, member, space } = ctx;
  const now = deps.clock.now();
  const due = await deps.reviews.due(member.id, now, 50);
  const question = due.map((c) => deps.curriculum.questionsById.get(c.questionId)).find((q) => q !== undefined);
  if (!question) {
    const { next, total } = await deps.reviews.upcoming(member.id, now);
    const when = next
      ? ` The next one is due on ${localDayText(next, zoneOf(member, space))} (${total} question${total === 1 ? "" : "s"} in your deck).`
      : ` Answer a few with ${cmd("quiz")} to build your deck.`;
    return privateReply("Nothing to review", [text(`Nothing is due right now.${when}`)]);
  }
  const reply = await open(ctx, question, "review", "due");
  const left = due.length - 1;
  return left > 0 ? { ...reply, blocks: [...reply.blocks, text(`_${left} more due after this one._`)] } : reply;
}
