import { describe, expect, it } from "vitest";
import type { Outbox } from "../../src/bot/ports.js";
import { pacePerChannel } from "../../src/jobs/channel-pacing.js";

const reply = { visibility: "channel" as const, blocks: [], fallback: "x" };

describe("per-channel pacing", () => {
  it("spaces posts in one channel by the gap, and leaves other channels alone", async () => {
    const sent: Array<{ channel: string; at: number }> = [];
    const inner: Outbox = { async post(t) { sent.push({ channel: t.channelId, at: Date.now() }); return { channelId: t.channelId, messageId: "m" }; } };
    const paced = pacePerChannel(inner, 150);
    const start = Date.now();
    await Promise.all([
      paced.post({ spaceId: "s", channelId: "A" }, reply),
      paced.post({ spaceId: "s", channelId: "A" }, reply),
      paced.post({ spaceId: "s", channelId: "A" }, reply),
      paced.post({ spaceId: "s", channelId: "B" }, reply),
    ]);
    const a = sent.filter((s) => s.channel === "A").map((s) => s.at - start);
    const b = sent.filter((s) => s.channel === "B").map((s) => s.at - start);
    expect(a).toHaveLength(3);
    expect(a[1]! - a[0]!).toBeGreaterThanOrEqual(140);
    expect(a[2]! - a[1]!).toBeGreaterThanOrEqual(140);
    expect(b[0]!).toBeLessThan(100);
  });

  it("a failed post still holds its slot and does not block the channel", async () => {
    let calls = 0;
    const inner: Outbox = { async post(t) { calls += 1; if (calls === 1) throw new Error("boom"); return { channelId: t.channelId, messageId: "m" }; } };
    const paced = pacePerChannel(inner, 50);
    await expect(paced.post({ spaceId: "s", channelId: "A" }, reply)).rejects.toThrow("boom");
    await expect(paced.post({ spaceId: "s", channelId: "A" }, reply)).resolves.toEqual({ channelId: "A", messageId: "m" });
  });
});
