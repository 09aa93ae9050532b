/**
 * A heartbeat ACK that comes late (a busy machine) makes discord.js call the connection a zombie,
 * reconnect and RESUME. The fake gateway answers a RESUME as Discord does: what was dispatched
 * while the client was away is replayed, so nothing is lost. Before, the fake ignored RESUME and
 * dropped dispatches sent during the gap: the Discord e2e tests timed out under load.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscordHarness, type DiscordHarness } from "./discord-fake/harness.js";
import { ASHA, command, str } from "./discord-fake/payloads.js";

let h: DiscordHarness;
beforeAll(async () => { h = await startDiscordHarness(); });
afterAll(async () => { await h?.close(); });

describe("a zombie gateway connection", () => {
  it("is resumed, not re-identified; an interaction sent while the client was away is replayed and answered", async () => {
    const { fake } = h;
    const connections = fake.gateway.connectUrls.length;
    const release = fake.gateway.holdConnections();
    fake.gateway.skipAcks = 1;
    await fake.waitFor(() => fake.gateway.disconnects >= 1);
    // The client is offline now: Discord keeps the event for the session and replays it on RESUME.
    const quiz = command(fake, ASHA, "quiz", [str("topic", "caching")]);
    fake.interact(quiz);
    release();
    await fake.waitFor(() => fake.gateway.resumes >= 1);
    expect(fake.gateway.connectUrls.length).toBe(connections + 1);
    expect(fake.gateway.identifies).toHaveLength(1);
    const message = await fake.waitFor(() => fake.messages.find((m) => m.interactionId === quiz.id));
    expect(JSON.stringify(message.embeds)).toMatch(/caching/i);
    expect(fake.violations).toEqual([]);
  });
});
