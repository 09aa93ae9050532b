import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/bot/reply.js";
import { createTestCore, makeEvent } from "../fakes/core.js";

const textOf = (r: Reply | undefined) => r?.blocks.map((b) => (b.kind === "text" ? b.markdown : "")).join("\n") ?? "";

async function drill() {
  const core = createTestCore();
  const q = await core.dispatcher.handle(makeEvent({ kind: "command", name: "drill" }));
  const form = q!.blocks.find((b) => b.kind === "form");
  const answer = (text: string) => core.dispatcher.handle(makeEvent({ kind: "submit", name: form?.kind === "form" ? form.action : "", args: { text } }));
  return { core, q, answer };
}

describe("estimation drills", () => {
  it("judges what people type within tolerance, shows the worked solution and awards points once", async () => {
    const { core, q, answer } = await drill();
    expect(q?.title).toBe("Estimation drill · level 1");
    const r = await answer("~1.2K QPS");
    expect(r?.title).toBe("Good estimate");
    expect(textOf(r)).toContain("within ±20% of **1,160/s**");
    expect(textOf(r)).toContain("100,000,000 ÷ 86,400");
    expect(core.repos.attempts).toMatchObject([{ format: "drill", questionId: "d-01", isCorrect: true, topic: "estimation" }]);
    expect(await core.repos.points.earned("console:s1", 1, "all")).toBe(10);
  });

  it("says clearly when the unit does not fit, and lets the person try again", async () => {
    const { core, answer } = await drill();
    expect(textOf(await answer("40 TB"))).toContain("That's a size in bytes (GB, TB…), but this drill asks for a rate");
    expect(textOf(await answer("lots"))).toContain("I couldn't read a number with a unit");
    expect(core.repos.attempts).toHaveLength(0);
    const r = await answer("100 million/day");
    expect(r?.title).toBe("Good estimate");
  });

  it("a far-off estimate is too high, recorded without points", async () => {
    const { core, answer } = await drill();
    const r = await answer("12k/s");
    expect(r?.title).toBe("Not quite");
    expect(textOf(r)).toContain("too high");
    expect(core.repos.attempts[0]?.isCorrect).toBe(false);
    expect(await core.repos.points.earned("console:s1", 1, "all")).toBe(0);
  });
});
