import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/bot/reply.js";
import { createTestCore, makeEvent } from "../fakes/core.js";

/** The buttons that answer or move on; the Report button under every question has its own tests (report-flow). */
const choicesOf = (r: Reply | undefined) => r?.blocks.flatMap((b) => (b.kind === "choices" ? b.options : [])).filter((o) => !o.action.startsWith("report.")) ?? [];
const pick = (r: Reply | undefined, label: string) => choicesOf(r).find((o) => o.label.startsWith(label))!.action;
const RIGHT = { caching: "The application reads the database", sharding: "The data, across machines" };
const formOf = (r: Reply | undefined) => r?.blocks.find((b) => b.kind === "form");
const textOf = (r: Reply | undefined) => r?.blocks.map((b) => (b.kind === "text" ? b.markdown : b.kind === "fields" ? b.fields.map((f) => `${f.label}: ${f.value}`).join("\n") : "")).join("\n") ?? "";

describe("quiz through the core", () => {
  it("shows options in an order fixed by the session, not the file's", async () => {
    const core = createTestCore();
    const orders = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const q = await core.dispatcher.handle(makeEvent({ kind: "command", name: "quiz", args: { topic: "caching", level: 1 } }));
      orders.add(choicesOf(q).map((o) => o.action.split(":")[2]).join(""));
    }
    expect(orders.size).toBeGreaterThan(1);
  });

  it("asks a multiple-choice question, grades a click and records one attempt", async () => {
    const core = createTestCore();
    const q = await core.dispatcher.handle(makeEvent({ kind: "command", name: "quiz", args: { topic: "caching", level: "1" } }));
    expect(q?.visibility).toBe("private");
    const options = choicesOf(q);
    expect(options).toHaveLength(4);
    const graded = await core.dispatcher.handle(makeEvent({ kind: "action", name: pick(q, RIGHT.caching) }));
    expect(graded?.title).toBe("Correct");
    expect(core.repos.attempts).toHaveLength(1);
    expect(core.repos.attempts[0]).toMatchObject({ questionId: "q-caching-1-01", isCorrect: true, score: 1, topic: "caching", level: 1 });
  });

  it("explains why a wrong option is wrong", async () => {
    const core = createTestCore();
    const q = await core.dispatcher.handle(makeEvent({ kind: "command", name: "quiz", args: { topic: "caching", level: 1 } }));
    const graded = await core.dispatcher.handle(makeEvent({ kind: "action", name: pick(q, "The cache loads") }));
    expect(graded?.title).toBe("Not quite");
    expect(textOf(graded)).toContain("That is read-through.");
    expect(core.repos.attempts[0]?.isCorrect).toBe(false);
  });

  it("grades a free-text answer by key points and names what is missing", async () => {
    const core = createTestCore();
    const q = await core.dispatcher.handle(makeEvent({ kind: "command", name: "quiz", args: { topic: "caching", level: 2, format: "free" } }));
    const form = formOf(q);
    expect(form?.kind).toBe("form");
    const graded = await core.dispatcher.handle(makeEvent({
      kind: "submit", name: form!.kind === "form" ? form!.action : "", args: { text: "Cache aside with Redis, and invalidate the key on every write." },
    }));
    expect(graded?.title).toBe("You covered 67%");
    expect(textOf(graded)).toContain("⬜ A TTL bounds staleness");
    expect(core.repos.attempts[0]).toMatchObject({ score: 0.67, format: "free", isCorrect: false });
  });

  it("handles the same event delivered twice once, answering the second with the first's reply", async () => {
    const core = createTestCore();
    const q = await core.dispatcher.handle(makeEvent({ kind: "command", name: "quiz", args: { topic: "sharding" } }));
    const click = makeEvent({ kind: "action", name: choicesOf(q)[0]!.action, idempotencyKey: "interaction-1" });
    const [first, second] = await Promise.all([core.dispatcher.handle(click), core.dispatcher.handle({ ...click })]);
    const third = await core.dispatcher.handle({ ...click });
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(core.repos.attempts).toHaveLength(1);
  });

  it("refuses a second answer to the same question with a different event", async () => {
    const core = createTestCore();
    const q = await core.dispatcher.handle(makeEvent({ kind: "command", name: "quiz", args: { topic: "sharding" } }));
    await core.dispatcher.handle(makeEvent({ kind: "action", name: choicesOf(q)[0]!.action }));
    const again = await core.dispatcher.handle(makeEvent({ kind: "action", name: choicesOf(q)[1]!.action }));
    expect(textOf(again)).toContain("already answered");
    expect(core.repos.attempts).toHaveLength(1);
  });

  it("does not let another member answer your question", async () => {
    const core = createTestCore();
    const q = await core.dispatcher.handle(makeEvent({ kind: "command", name: "quiz", args: { topic: "sharding" } }));
    const other = await core.dispatcher.handle(makeEvent({
      kind: "action", name: choicesOf(q)[0]!.action, user: { id: "u2", name: "Ravi", isAdmin: false },
    }));
    expect(textOf(other)).toContain("asked to someone else");
    expect(core.repos.attempts).toHaveLength(0);
  });

  it("offers a Next button that asks another question of the same topic", async () => {
    const core = createTestCore();
    const q = await core.dispatcher.handle(makeEvent({ kind: "command", name: "quiz", args: { topic: "caching", level: 1 } }));
    const graded = await core.dispatcher.handle(makeEvent({ kind: "action", name: choicesOf(q)[0]!.action }));
    const next = choicesOf(graded).find((o) => o.label === "Next question");
    const q2 = await core.dispatcher.handle(makeEvent({ kind: "action", name: next!.action }));
    expect(q2?.title).toMatch(/^caching · level 1/);
  });

  it("reports accuracy per topic in /stats", async () => {
    const core = createTestCore();
    const q = await core.dispatcher.handle(makeEvent({ kind: "command", name: "quiz", args: { topic: "sharding" } }));
    await core.dispatcher.handle(makeEvent({ kind: "action", name: pick(q, RIGHT.sharding) }));
    const stats = await core.dispatcher.handle(makeEvent({ kind: "command", name: "stats" }));
    expect(textOf(stats)).toContain("sharding L1: 1/1 correct (100%)");
  });
});
