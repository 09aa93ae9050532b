/** However a mock interview ends, the core asks the outbox to retire its thread's controls. */
import { describe, expect, it } from "vitest";
import type { PostTarget } from "../../src/bot/ports.js";
import { mockTimer } from "../../src/bot/services/mock.js";
import { controlActions } from "../../src/bot/views/mock.js";
import { loadCurriculum } from "../../src/curriculum/loader.js";
import { createTestCore, FakeOutbox, makeEvent } from "../fakes/core.js";

const curriculum = loadCurriculum();

class RetiringOutbox extends FakeOutbox {
  retired: Array<{ thread: PostTarget; actions: readonly string[] }> = [];
  async retire(thread: PostTarget & { threadId: string }, actions: readonly string[]) {
    this.retired.push({ thread, actions });
  }
}

async function started() {
  const outbox = new RetiringOutbox();
  const core = createTestCore({ curriculum, outbox });
  await core.dispatcher.handle(makeEvent({ kind: "command", name: "mock", args: { problem: "p-url-shortener" } }));
  const session = (await core.repos.mocks.activeFor(1))!;
  return { core, outbox, session };
}

describe("a finished mock's controls", () => {
  it.each([
    ["its End button", async (c: Awaited<ReturnType<typeof started>>) => c.core.dispatcher.handle(makeEvent({ kind: "action", name: `mock.end:${c.session.id}` }))],
    ["/mock end", async (c: Awaited<ReturnType<typeof started>>) => c.core.dispatcher.handle(makeEvent({ kind: "command", name: "mock", args: { action: "end" } }))],
    ["time up", async (c: Awaited<ReturnType<typeof started>>) => mockTimer(c.core.deps, { sessionId: c.session.id, spaceId: c.session.spaceId, type: "wrap", phase: -1 })],
  ])("are retired in its thread when it ends by %s", async (_how, end) => {
    const c = await started();
    expect(c.outbox.retired).toEqual([]);
    await end(c);
    expect(c.outbox.retired).toEqual([{ thread: { spaceId: c.session.spaceId, channelId: c.session.channelId, threadId: c.session.threadId }, actions: controlActions(c.session.id) }]);
    expect(controlActions(c.session.id)).toEqual([`mock.next:${c.session.id}`, `mock.end:${c.session.id}`, `mock.say:${c.session.id}`]);
  });

  it("a failure to retire them is logged, and the interview still ends with its scorecard", async () => {
    const c = await started();
    c.outbox.retire = async () => { throw new Error("slack down"); };
    const scorecard = await c.core.dispatcher.handle(makeEvent({ kind: "command", name: "mock", args: { action: "end" } }));
    expect(scorecard?.title).toMatch(/^Scorecard/);
    expect((await c.core.repos.mocks.get(c.session.spaceId, c.session.id))?.endedAt).not.toBeNull();
  });
});
