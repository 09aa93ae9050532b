/**
 * Thirty simulated days of one member on the real curriculum, with a controllable clock: due
 * reviews come first on the dates FSRS gave, levels unlock, nothing repeats early.
 */
import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/bot/reply.js";
import { levelIn } from "../../src/bot/services/progress.js";
import { loadCurriculum } from "../../src/curriculum/loader.js";
import { createTestCore, makeEvent } from "../fakes/core.js";
import { localDayText } from "../../src/bot/time.js";

const DAY = 86_400_000;
const choices = (r: Reply | undefined) => r?.blocks.flatMap((b) => (b.kind === "choices" ? b.options : [])) ?? [];
const textOf = (r: Reply | undefined) => r?.blocks.map((b) => (b.kind === "text" ? b.markdown : "")).join("\n") ?? "";

describe("thirty days of one member", () => {
  it("serves due reviews on their FSRS dates, unlocks levels and never repeats early", async () => {
    const curriculum = loadCurriculum();
    const core = createTestCore({ curriculum });
    core.clock.current = new Date("2026-11-02T08:00:00Z");
    const lastServed = new Map<string, number>();
    const dueAt = new Map<string, number>();
    let reviewsServed = 0;

    for (let day = 0; day < 30; day++) {
      for (let i = 0; i < 6; i++) {
        const now = core.clock.now().getTime();
        const asked = await core.dispatcher.handle(makeEvent({ kind: "command", name: "quiz" }));
        const session = [...core.repos.sessions.values()].at(-1)!;
        const q = curriculum.questionsById.get(session.questionId)!;
        const isReview = textOf(asked).includes("review that is due");
        const due = dueAt.get(q.id);
        // A review is served only once due; anything else is never repeated within 7 days.
        if (isReview) {
          expect(due).toBeDefined();
          expect(due!).toBeLessThanOrEqual(now);
          reviewsServed += 1;
        } else if (lastServed.has(q.id)) {
          expect(now - lastServed.get(q.id)!).toBeGreaterThanOrEqual(7 * DAY);
        }
        // Every card that was due before this call and not yet served must come first.
        const overdue = [...dueAt.entries()].filter(([, d]) => d <= now);
        if (overdue.length > 0) expect(isReview).toBe(true);
        lastServed.set(q.id, now);

        // A diligent member: the right option, or the model answer.
        let graded: Reply | undefined;
        if (q.format === "mcq") {
          const right = q.options.find((o) => o.correct)!.text;
          graded = await core.dispatcher.handle(makeEvent({ kind: "action", name: choices(asked).find((o) => o.label === right)!.action }));
        } else {
          const form = asked!.blocks.find((b) => b.kind === "form");
          graded = await core.dispatcher.handle(makeEvent({
            kind: "submit", name: form?.kind === "form" ? form.action : "",
            args: { text: `${q.modelAnswer}\n${q.keyPoints.map((k) => k.phrasings[0]).join(". ")}` },
          }));
        }
        const card = await core.repos.reviews.get(session.memberId, q.id);
        expect(textOf(graded)).toContain(`comes back for review on ${localDayText(card!.due, "UTC")}`);
        dueAt.set(q.id, card!.due.getTime());
        core.clock.advance(10 * 60_000);
      }
      core.clock.current = new Date(Date.parse("2026-11-02T08:00:00Z") + (day + 1) * DAY);
    }

    expect(reviewsServed).toBeGreaterThan(10);
    const recent = await core.repos.quizzes.recentAttempts(1, 1_000);
    const levels = curriculum.topics.map((t) => levelIn(recent, t.id));
    expect(levels.some((l) => l >= 2)).toBe(true);
    // Once a topic's level 2 unlocked, the member was served level-2 questions of it.
    expect(core.repos.attempts.some((a) => a.level >= 2)).toBe(true);
  });
});
