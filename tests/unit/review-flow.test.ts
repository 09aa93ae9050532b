import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/bot/reply.js";
import { localDayText } from "../../src/bot/time.js";
import { createTestCore, makeEvent } from "../fakes/core.js";

/** The buttons that answer or move on; the Report button under every question has its own tests (report-flow). */
const choices = (r: Reply | undefined) => r?.blocks.flatMap((b) => (b.kind === "choices" ? b.options : [])).filter((o) => !o.action.startsWith("report.")) ?? [];
const textOf = (r: Reply | undefined) => r?.blocks.map((b) => (b.kind === "text" ? b.markdown : "")).join("\n") ?? "";

async function answerFree(core: ReturnType<typeof createTestCore>, text: string) {
  const q = await core.dispatcher.handle(makeEvent({ kind: "command", name: "quiz", args: { topic: "caching", level: 2, format: "free" } }));
  const form = q!.blocks.find((b) => b.kind === "form");
  return core.dispatcher.handle(makeEvent({ kind: "submit", name: form?.kind === "form" ? form.action : "", args: { text } }));
}

describe("spaced repetition through the core", () => {
  it("a graded answer becomes a card; the recall rating re-schedules it and says when it comes back", async () => {
    const core = createTestCore();
    const graded = await answerFree(core, "cache aside, invalidate on write, and a ttl bounds how stale an entry gets");
    expect(choices(graded).map((o) => o.label)).toEqual(["Again", "Hard", "Good", "Easy", "Next question"]);
    const firstDue = (await core.repos.reviews.get(1, "q-caching-2-01"))!.due;
    expect(textOf(graded)).toContain(`comes back for review on ${localDayText(firstDue, "UTC")}`);
    const easy = await core.dispatcher.handle(makeEvent({ kind: "action", name: choices(graded).find((o) => o.label === "Easy")!.action }));
    const easyDue = (await core.repos.reviews.get(1, "q-caching-2-01"))!.due;
    expect(easyDue.getTime()).toBeGreaterThan(firstDue.getTime());
    expect(textOf(easy)).toBe(`Rated "easy". This question comes back for review on ${localDayText(easyDue, "UTC")}.`);
    // Changing one's mind re-schedules from the card before the answer, not on top of the first rating.
    await core.dispatcher.handle(makeEvent({ kind: "action", name: choices(graded).find((o) => o.label === "Again")!.action }));
    expect((await core.repos.reviews.get(1, "q-caching-2-01"))!.due.getTime()).toBeLessThan(firstDue.getTime() + 1);
  });

  it("\"I covered this\" on a missed point records a dispute, schedules the card as at least hard, and leaves the points", async () => {
    const core = createTestCore();
    const graded = await answerFree(core, "cache aside with redis");
    const dispute = choices(graded).find((o) => o.label.startsWith("I covered 3"));
    expect(dispute, "a dispute button under the missed TTL point").toBeDefined();
    expect(choices(graded).some((o) => o.label.startsWith("I covered 1")), "none under the covered point").toBe(false);
    const before = (await core.repos.reviews.get(1, "q-caching-2-01"))!.due;
    const points = core.repos.ledger.reduce((s, l) => s + l.points, 0);
    const reply = await core.dispatcher.handle(makeEvent({ kind: "action", name: dispute!.action }));
    expect(textOf(reply)).toContain('you say you covered "A TTL bounds staleness"');
    expect(await core.repos.quizzes.disputes()).toEqual([expect.objectContaining({
      questionId: "q-caching-2-01", keyPoint: 2, point: "A TTL bounds staleness", answer: "cache aside with redis", memberId: 1,
    })]);
    expect((await core.repos.reviews.get(1, "q-caching-2-01"))!.due.getTime()).toBeGreaterThan(before.getTime());
    expect(core.repos.ledger.reduce((s, l) => s + l.points, 0)).toBe(points);
    // A second click is the same dispute.
    const again = await core.dispatcher.handle(makeEvent({ kind: "action", name: dispute!.action }));
    expect(textOf(again)).toContain("already disputed");
    expect(await core.repos.quizzes.disputes()).toHaveLength(1);
  });

  it("/review serves nothing before the due date and the card on it", async () => {
    const core = createTestCore();
    await answerFree(core, "cache aside, invalidate on write, and a ttl");
    const none = await core.dispatcher.handle(makeEvent({ kind: "command", name: "review" }));
    expect(none?.title).toBe("Nothing to review");
    const due = (await core.repos.reviews.get(1, "q-caching-2-01"))!.due;
    expect(textOf(none)).toContain(`next one is due on ${localDayText(due, "UTC")}`);
    core.clock.current = new Date(due.getTime() + 1);
    const served = await core.dispatcher.handle(makeEvent({ kind: "command", name: "review" }));
    expect(served?.title).toMatch(/^caching · level 2/);
    expect(textOf(served)).toContain("review that is due");
    expect([...core.repos.sessions.values()].at(-1)).toMatchObject({ kind: "review", questionId: "q-caching-2-01" });
  });

  it("a review's Next question serves the next due card, not a random question; a quiz's stays on its topic", async () => {
    const core = createTestCore();
    const answer = async (reply: Reply | undefined) => {
      const pick = choices(reply).find((o) => o.action.startsWith("quiz.answer"))!;
      return core.dispatcher.handle(makeEvent({ kind: "action", name: pick.action }));
    };
    // Two multiple-choice cards in the deck, then both due.
    const first = await answer(await core.dispatcher.handle(makeEvent({ kind: "command", name: "quiz", args: { topic: "caching", level: 1, format: "mcq" } })));
    expect(choices(first).at(-1)!.action).toBe("quiz.next:caching:1");
    await answer(await core.dispatcher.handle(makeEvent({ kind: "command", name: "quiz", args: { topic: "sharding", level: 1, format: "mcq" } })));
    const cards = [...core.repos.sessions.values()].map((s) => s.questionId);
    core.clock.advance(400 * 86_400_000);
    const review = await core.dispatcher.handle(makeEvent({ kind: "command", name: "review" }));
    const reviewed = [...core.repos.sessions.values()].at(-1)!;
    expect(reviewed.kind).toBe("review");
    const graded = await answer(review);
    const next = choices(graded).find((o) => o.label === "Next question")!;
    expect(next.action).toBe("quiz.next:review:0");
    await core.dispatcher.handle(makeEvent({ kind: "action", name: next.action }));
    const served = [...core.repos.sessions.values()].at(-1)!;
    expect(served).toMatchObject({ kind: "review" });
    expect(served.questionId).toBe(cards.find((id) => id !== reviewed.questionId));
  });

  it("rating a question not yet answered is refused", async () => {
    const core = createTestCore();
    const q = await core.dispatcher.handle(makeEvent({ kind: "command", name: "quiz", args: { topic: "caching", level: 2, format: "free" } }));
    const sessionId = [...core.repos.sessions.keys()][0]!;
    const r = await core.dispatcher.handle(makeEvent({ kind: "action", name: `review.rate:${sessionId}:good` }));
    expect(textOf(r)).toContain("Answer the question first");
    expect(q).toBeDefined();
    expect(await core.repos.reviews.get(1, "q-caching-2-01")).toBeUndefined();
  });
});
