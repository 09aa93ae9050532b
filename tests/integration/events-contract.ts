/** EventLog cases of the repository contract (repo-contract.ts). */
import { expect, it } from "vitest";
import type { Reply } from "../../src/bot/reply.js";
import type { Repos } from "../../src/storage/index.js";

export function eventContractCases(repos: () => Repos) {
  it("events: the first reply saved for a key is kept, per space", async () => {
    const r = repos();
    const first: Reply = { visibility: "private", blocks: [{ kind: "text", markdown: "one" }], fallback: "one" };
    const second: Reply = { ...first, fallback: "two" };
    expect(await r.events.find("s", "k")).toBeUndefined();
    expect(await r.events.save("s", "k", first)).toEqual(first);
    expect(await r.events.save("s", "k", second, "u1")).toEqual(first);
    expect(await r.events.find("s", "k")).toEqual(first);
    expect(await r.events.find("other", "k")).toBeUndefined();
    // The same key in another space is another event.
    expect(await r.events.save("other", "k", second)).toEqual(second);
    expect(await r.events.find("s", "k")).toEqual(first);
  });

  it("events: two saves of one key at once both get the one stored reply", async () => {
    const r = repos();
    const replies: Reply[] = ["a", "b", "c"].map((f) => ({ visibility: "channel", blocks: [], fallback: f }));
    const stored = await Promise.all(replies.map((x) => r.events.save("s", "race", x)));
    const kept = await r.events.find("s", "race");
    expect(replies).toContainEqual(kept);
    expect(stored).toEqual([kept, kept, kept]);
  });

  it("events: forgets the events saved before a time, and only those", async () => {
    const r = repos();
    const reply: Reply = { visibility: "private", blocks: [], fallback: "x" };
    await r.events.save("s", "k1", reply);
    await r.events.save("s", "k2", reply, "u1");
    expect(await r.events.pruneBefore(new Date(Date.now() - 60_000))).toBe(0);
    expect(await r.events.find("s", "k1")).toEqual(reply);
    expect(await r.events.pruneBefore(new Date(Date.now() + 2_000))).toBe(2);
    expect(await r.events.find("s", "k1")).toBeUndefined();
    expect(await r.events.find("s", "k2")).toBeUndefined();
    expect(await r.events.pruneBefore(new Date(Date.now() + 2_000))).toBe(0);
  });
}
