import { describe, expect, it } from "vitest";
import type { BotEvent } from "../../src/bot/event.js";
import { deliverDaily } from "../../src/bot/services/daily-delivery.js";
import { zonedInstant } from "../../src/bot/time.js";
import { channelPlanDay } from "../../src/bot/views/daily.js";
import { loadCurriculum } from "../../src/curriculum/loader.js";
import { createTestCore, makeEvent } from "../fakes/core.js";

const curriculum = loadCurriculum();
const MON_FRI = ["mon", "tue", "wed", "thu", "fri"] as const;
const ADMIN: BotEvent["user"] = { id: "admin", name: "Admin", isAdmin: true };

describe("a channel's plan day counts its posting days", () => {
  it("a mon–fri channel goes 1…5 over a week and 6 on the next Monday: no plan day falls on a weekend", () => {
    // 2026-11-23 is a Monday.
    const days = ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30"];
    expect(days.map((d) => channelPlanDay("2026-11-23", d, [...MON_FRI]))).toEqual([1, 2, 3, 4, 5, 5, 5, 6]);
    expect(channelPlanDay("2026-11-23", "2026-12-21", [...MON_FRI])).toBe(21);
    expect(channelPlanDay("2026-11-23", "2026-11-29", ["mon", "tue", "wed", "thu", "fri", "sat", "sun"])).toBe(7);
  });

  it("a schedule set on a Saturday posts day 1 on Monday, day 2 on Tuesday", async () => {
    const core = createTestCore({ curriculum });
    core.clock.current = new Date("2026-11-28T12:00:00Z"); // Saturday
    await core.dispatcher.handle(makeEvent({ kind: "command", name: "config", user: ADMIN, args: { action: "set", time: "09:00", tz: "UTC", plan: "thirty-day" } }));
    const sub = (await core.repos.subscriptions.all())[0]!;
    const titles: string[] = [];
    for (const date of ["2026-11-30", "2026-12-01"]) {
      const at = zonedInstant(date, "09:00", "UTC");
      core.clock.current = at;
      expect((await deliverDaily({ ...core.deps, deliveries: core.repos.deliveries, maxLatenessMs: 3_600_000, leaseMs: 60_000, outbox: core.outbox }, sub.id, at)).kind).toBe("posted");
      titles.push(core.outbox.posts.at(-1)!.reply.title!);
    }
    expect(titles).toEqual(["Thirty-day plan — day 1 of 30", "Thirty-day plan — day 2 of 30"]);
  });

  it("the day after the plan's last, the channel is told it is done and offered the next plans, then day 1 comes round again", async () => {
    const core = createTestCore({ curriculum });
    await core.dispatcher.handle(makeEvent({ kind: "command", name: "config", user: ADMIN, args: { action: "set", time: "10:00", tz: "UTC", days: "daily", plan: "final-sprint" } }));
    const sub = (await core.repos.subscriptions.all())[0]!;
    const deps = { ...core.deps, deliveries: core.repos.deliveries, maxLatenessMs: 3_600_000, leaseMs: 60_000, outbox: core.outbox };
    const outcomes: string[] = [];
    for (let i = 0; i < 9; i++) {
      const at = zonedInstant(`2026-11-${23 + i}`, "10:00", "UTC");
      core.clock.current = at;
      outcomes.push((await deliverDaily(deps, sub.id, at)).kind);
    }
    expect(outcomes).toEqual(Array(9).fill("posted"));
    expect(core.outbox.posts[6]!.reply.title).toBe("One-week final sprint — day 7 of 7");
    const done = core.outbox.posts[7]!.reply;
    expect(done.title).toBe("One-week final sprint is complete");
    const words = done.blocks.map((b) => (b.kind === "text" ? b.markdown : "")).join("\n");
    expect(words).toContain("all 7 days");
    for (const other of curriculum.plans.filter((p) => p.id !== "final-sprint")) expect(words).toContain(other.title);
    expect(words).toContain("starts again from day 1");
    expect(core.outbox.posts[8]!.reply.title).toBe("One-week final sprint — day 1 of 7");
  });
});
