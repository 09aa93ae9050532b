/**
 * The fake Discord's global rate limit and latency (the bench's pace test relies on them): past
 * the limit in a rolling second a bot request gets 429 with `global: true`, as Discord answers,
 * and every answer comes after the latency.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE, FakeDiscord } from "./discord-fake/server.js";
import { DISCORD_SPEC_FILE, DiscordSpec } from "./discord-fake/spec.js";

let fake: FakeDiscord;
beforeAll(async () => { fake = await FakeDiscord.start(new DiscordSpec(DISCORD_SPEC_FILE), { latencyMs: 50, globalPerSecond: 5 }); });
afterAll(() => fake?.close());

const post = (content: string) => fetch(`${fake.apiUrl}/v10/channels/${FAKE.daily}/messages`, {
  method: "POST", headers: { authorization: `Bot ${FAKE.token}`, "content-type": "application/json" }, body: JSON.stringify({ content }),
});

describe("fake Discord with a global limit and latency", () => {
  it("answers the sixth bot request within a second with 429 (global, retry_after), after the latency", async () => {
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => post(`post ${i}`)));
    expect(performance.now() - started).toBeGreaterThanOrEqual(50);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = answers.find((a) => a.status === 429)!;
    const body = (await limited.json()) as { global: boolean; retry_after: number };
    expect(body.global).toBe(true);
    expect(body.retry_after).toBeGreaterThan(0);
    expect(limited.headers.get("x-ratelimit-global")).toBe("true");
    expect(fake.messages.filter((m) => m.content.startsWith("post "))).toHaveLength(5);
    expect(fake.violations).toEqual([]);
  });
});
