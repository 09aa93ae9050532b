import { z } from "zod";
import { defineCommand } from "../command.js";
import { cmd, usage } from "../command-ref.js";
import { privateReply, text } from "../reply.js";
import { open } from "../services/quiz.js";

export default defineCommand({
  name: "review",
  summary: "Spaced repetition: the questions due for you today",
  usage: [usage("review")],
  args: z.object({}),
  async run(ctx) {
    const { deps, member } = ctx;
    const now = deps.clock.now();
    const due = await deps.reviews.due(member.id, now, 50);
    const question = due.map((c) => deps.curriculum.questionsById.get(c.questionId)).find((q) => q !== undefined);
    if (!question) {
      const { next, total } = await deps.reviews.upcoming(member.id, now);
      const when = next ? ` The next one is due on ${next.toISOString().slice(0, 10)} (${total} question${total === 1 ? "" : "s"} in your deck).` : ` Answer a few with ${cmd("quiz")} to build your deck.`;
      return privateReply("Nothing to review", [text(`Nothing is due right now.${when}`)]);
    }
    const reply = await open(ctx, question, "review", "due");
    const left = due.length - 1;
    return left > 0 ? { ...reply, blocks: [...reply.blocks, text(`_${left} more due after this one._`)] } : reply;
  },
});
