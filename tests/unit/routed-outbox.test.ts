/** The outbox the jobs and the core post through: routed by the space id's platform prefix. */
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createConsoleAdapter } from "../../src/adapters/console/index.js";
import { createRoutedOutbox } from "../../src/adapters/routed-outbox.js";
import { PermanentDeliveryError } from "../../src/bot/errors.js";
import type { Outbox, PostTarget } from "../../src/bot/ports.js";
import { text, type Reply } from "../../src/bot/reply.js";

const reply = (line: string): Reply => ({ visibility: "channel", blocks: [text(line)], fallback: line });

/** A platform's outbox that records what reached it and, like Slack's DMs, may have no threads. */
function recording(): Outbox & { posts: Array<{ target: PostTarget; fallback: string }> } {
  const posts: Array<{ target: PostTarget; fallback: string }> = [];
  return {
    posts,
    async post(target, r) {
      posts.push({ target, fallback: r.fallback });
      return { channelId: target.channelId, messageId: `m${posts.length}` };
    },
  };
}

function consoleAdapter() {
  const output = new PassThrough();
  let printed = "";
  output.on("data", (c: Buffer) => (printed += c.toString()));
  const adapter = createConsoleAdapter({
    input: new PassThrough(), output, commands: [], user: { id: "me", name: "me" },
    dispatcher: { handle: async () => undefined, commands: [] },
  });
  return { adapter, printed: () => printed };
}

describe("routed outbox", () => {
  it("posts to the adapter whose platform prefixes the space id, and only to it", async () => {
    const routed = createRoutedOutbox();
    const slack = recording();
    const discord = recording();
    routed.add({ platform: "slack", outbox: slack });
    routed.add({ platform: "discord", outbox: discord });
    const ref = await routed.post({ spaceId: "slack:T1", channelId: "C1" }, reply("to slack"));
    await routed.post({ spaceId: "discord:G1", channelId: "D1" }, reply("to discord"));
    expect(ref).toEqual({ channelId: "C1", messageId: "m1" });
    expect(slack.posts).toEqual([{ target: { spaceId: "slack:T1", channelId: "C1" }, fallback: "to slack" }]);
    expect(discord.posts).toEqual([{ target: { spaceId: "discord:G1", channelId: "D1" }, fallback: "to discord" }]);
  });

  it("opens threads through the real console adapter for a console space", async () => {
    const routed = createRoutedOutbox();
    const { adapter, printed } = consoleAdapter();
    routed.add(adapter);
    const thread = await routed.openThread!({ spaceId: "console:local", channelId: "console" }, "Mock: caching", reply("Phase 1"));
    expect(thread.threadId).toBe("thread-1");
    expect(printed()).toContain("[thread: Mock: caching]");
    expect(printed()).toContain("Phase 1");
  });

  it("fails for good, naming the space, when no adapter serves its platform", async () => {
    const routed = createRoutedOutbox();
    routed.add({ platform: "slack", outbox: recording() });
    const posting = (async () => routed.post({ spaceId: "discord:G1", channelId: "D1" }, reply("x")))();
    await expect(posting).rejects.toBeInstanceOf(PermanentDeliveryError);
    await expect(posting).rejects.toMatchObject({ reason: "no adapter runs for discord:G1" });
  });

  it("fails for good on a thread where the platform's outbox has none", async () => {
    const routed = createRoutedOutbox();
    const slack = recording();
    routed.add({ platform: "slack", outbox: slack });
    const opening = (async () => routed.openThread!({ spaceId: "slack:T1", channelId: "C1" }, "t", reply("x")))();
    await expect(opening).rejects.toMatchObject({ name: "PermanentDeliveryError", reason: "no threads on slack:T1" });
    expect(slack.posts).toEqual([]);
  });

  it("retires nothing, without failing, where the platform leaves its buttons", async () => {
    const routed = createRoutedOutbox();
    routed.add({ platform: "slack", outbox: recording() });
    await expect(routed.retire!({ spaceId: "slack:T1", channelId: "C1", threadId: "t1" }, ["mock.end"])).resolves.toBeUndefined();
  });
});
