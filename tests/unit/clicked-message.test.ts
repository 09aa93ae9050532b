/**
 * A reply to a click knows who sees the clicked message: a public message's buttons belong to
 * everyone (adapters never change it), a private one may be locked and marked for its owner.
 */
import { describe, expect, it } from "vitest";
import { mayChangeClicked, type Reply } from "../../src/bot/reply.js";
import { createTestCore, makeEvent } from "../fakes/core.js";

const choicesOf = (r: Reply | undefined) => r?.blocks.flatMap((b) => (b.kind === "choices" ? b.options : [])) ?? [];

async function askAndAnswer(visibility: "channel" | "private" | undefined, pickRight: boolean) {
  const core = createTestCore();
  const q = await core.dispatcher.handle(makeEvent({ kind: "command", name: "quiz", args: { topic: "caching", level: 1 } }));
  const options = choicesOf(q);
  const right = options.find((o) => o.label.startsWith("The application reads the database"))!.action;
  const wrong = options.find((o) => o.action !== right)!.action;
  const graded = await core.dispatcher.handle(makeEvent({
    kind: "action", name: pickRight ? right : wrong, ...(visibility ? { message: { visibility } } : {}),
  }));
  return { graded, right, wrong };
}

describe("the clicked message in a reply", () => {
  it("a click on a private question: the reply may change it, the right answer marked right and a wrong pick wrong", async () => {
    const { graded, right, wrong } = await askAndAnswer("private", false);
    expect(graded?.clickedFrom).toBe("private");
    expect(mayChangeClicked(graded)).toBe(true);
    expect(graded?.marks).toEqual([{ action: right, mark: "right" }, { action: wrong, mark: "wrong" }]);
  });

  it("a right pick is only marked right", async () => {
    const { graded, right } = await askAndAnswer("private", true);
    expect(graded?.marks).toEqual([{ action: right, mark: "right" }]);
  });

  it("a click on a public message: the reply says so and carries no marks, so no adapter changes it", async () => {
    const { graded } = await askAndAnswer("channel", false);
    expect(graded?.clickedFrom).toBe("channel");
    expect(mayChangeClicked(graded)).toBe(false);
    expect(graded?.marks).toBeUndefined();
  });

  it("an error answering a click says where the click came from too", async () => {
    const core = createTestCore();
    const refused = await core.dispatcher.handle(makeEvent({ kind: "action", name: "quiz.answer:nosuch:0", message: { visibility: "channel" } }));
    expect(refused?.visibility).toBe("private");
    expect(refused?.clickedFrom).toBe("channel");
  });

  it("a command's reply has no clicked message", async () => {
    const core = createTestCore();
    const q = await core.dispatcher.handle(makeEvent({ kind: "command", name: "topics", message: { visibility: "channel" } }));
    expect(q?.clickedFrom).toBeUndefined();
  });
});
