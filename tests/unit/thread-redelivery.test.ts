/** A thread message delivered twice (gateway resume, Slack retry) is written into the transcript once. */
import { describe, expect, it } from "vitest";
import { loadCurriculum } from "../../src/curriculum/loader.js";
import { createTestCore, makeEvent } from "../fakes/core.js";

const curriculum = loadCurriculum();

describe("thread messages of a mock interview", () => {
  it("a redelivered message is recorded once, and its answer is given again", async () => {
    const core = createTestCore({ curriculum });
    await core.dispatcher.handle(makeEvent({ kind: "command", name: "mock", args: { problem: "p-url-shortener" } }));
    const thread = core.outbox.threads[0]!;
    const message = (key: string, text: string) =>
      makeEvent({ kind: "message", name: "message", thread: { id: thread.threadId }, args: { text }, idempotencyKey: key });

    expect(await core.dispatcher.handle(message("m1", "I would start with the functional requirements."))).toBeUndefined();
    expect(await core.dispatcher.handle(message("m1", "I would start with the functional requirements."))).toBeUndefined();
    const first = await core.dispatcher.handle(message("m2", "How many daily users?"));
    const again = await core.dispatcher.handle(message("m2", "How many daily users?"));
    expect(first?.fallback).toBeTruthy();
    expect(again).toEqual(first);

    const session = (await core.repos.mocks.activeFor(1))!;
    const candidateLines = session.transcript.filter((l) => l.who === "candidate").map((l) => l.text);
    expect(candidateLines).toEqual(["I would start with the functional requirements.", "How many daily users?"]);
  });

  it("an ordinary message outside a mock gets no reply and stores nothing", async () => {
    const core = createTestCore({ curriculum });
    const reply = await core.dispatcher.handle(makeEvent({ kind: "message", name: "message", thread: { id: "elsewhere" }, args: { text: "hi" }, idempotencyKey: "x1" }));
    expect(reply).toBeUndefined();
    expect(await core.repos.events.find("console:s1", "x1")).toBeUndefined();
  });
});
