/**
 * Streaks through the core: real quiz answers on different days with a FakeClock, freezes, DST
 * days, a zone change in both directions, the `streak` command, and the evening reminder sweep.
 */
import { consoleSpeller } from "../../src/adapters/console/spell.js";
import { expandRefs } from "../../src/bot/command-ref.js";
import { describe, expect, it } from "vitest";
import type { BotEvent } from "../../src/bot/event.js";
import type { Reply } from "../../src/bot/reply.js";
import { sendStreakReminder, streakReminderSweep, type StreakReminderPayload } from "../../src/bot/services/streaks.js";
import { loadCurriculum } from "../../src/curriculum/loader.js";
import { createTestCore, makeEvent, type TestCore } from "../fakes/core.js";

const ASHA: BotEvent["user"] = { id: "u1", name: "Asha", isAdmin: false };
const RAVI: BotEvent["user"] = { id: "u2", name: "Ravi", isAdmin: false };
const choicesOf = (r: Reply | undefined) => r?.blocks.flatMap((b) => (b.kind === "choices" ? b.options : [])) ?? [];
/** The reply's text as the console spells its command references. */
const textOf = (r: Reply | undefined) => expandRefs(r?.blocks.map((b) => (b.kind === "text" ? b.markdown : b.kind === "fields" ? b.fields.map((f) => `${f.label}: ${f.value}`).join("\n") : "")).join("\n") ?? "", consoleSpeller);
const send = (core: TestCore, name: string, args: BotEvent["args"] = {}, user = ASHA) =>
  core.dispatcher.handle(makeEvent({ kind: "command", name, args, user }));

/** Answers one quiz question at an instant (the answer itself does not matter for the streak). */
async function practise(core: TestCore, iso: string, user = ASHA): Promise<Reply | undefined> {
  core.clock.current = new Date(iso);
  const q = await send(core, "quiz", { topic: "sharding", level: 1 }, user);
  return core.dispatcher.handle(makeEvent({ kind: "action", name: choicesOf(q)[0]!.action, user }));
}

const streakOf = async (core: TestCore, memberId = 1) => core.repos.streaks.get(memberId);
const dayAt = (start: string, i: number, time = "12:00") =>
  `${new Date(Date.parse(`${start}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10)}T${time}:00Z`;

describe("streak days and freezes", () => {
  it("counts consecutive days once each, with a short line only on the day's first answer", async () => {
    const core = createTestCore();
    expect(textOf(await practise(core, "2026-11-23T09:00:00Z"))).toContain("🔥 1-day streak");
    const second = await practise(core, "2026-11-23T18:00:00Z");
    expect(textOf(second)).not.toContain("streak");
    expect(textOf(await practise(core, "2026-11-24T07:00:00Z"))).toContain("🔥 2-day streak");
    await practise(core, "2026-11-25T23:59:00Z");
    expect(await streakOf(core)).toMatchObject({ current: 3, best: 3, freezes: 0, lastDate: "2026-11-25" });
  });

  it("a missed day without a freeze starts again at 1 and keeps the best", async () => {
    const core = createTestCore();
    await practise(core, "2026-11-23T09:00:00Z");
    await practise(core, "2026-11-24T09:00:00Z");
    const after = await practise(core, "2026-11-26T09:00:00Z");
    expect(textOf(after)).toContain("New streak: day 1");
    expect(await streakOf(core)).toMatchObject({ current: 1, best: 2, freezes: 0, lastDate: "2026-11-26" });
  });

  it("earns a freeze at 7 and at 14 days, and holds at most 2", async () => {
    const core = createTestCore();
    const replies: string[] = [];
    for (let i = 0; i < 21; i++) replies.push(textOf(await practise(core, dayAt("2026-11-01", i))));
    expect(replies[6]).toContain("🔥 7-day streak · 🧊 freeze earned (1 held)");
    expect(replies[13]).toContain("🧊 freeze earned (2 held)");
    expect(replies[20]).toContain("🔥 21-day streak");
    expect(replies[20]).not.toContain("freeze earned");
    expect(replies.filter((r) => r.includes("freeze earned"))).toHaveLength(2);
    expect(await streakOf(core)).toMatchObject({ current: 21, best: 21, freezes: 2 });
  });

  it("spends a freeze by itself on a missed day", async () => {
    const core = createTestCore();
    for (let i = 0; i < 7; i++) await practise(core, dayAt("2026-11-01", i));
    expect((await streakOf(core))?.freezes).toBe(1);
    const after = await practise(core, dayAt("2026-11-01", 8)); // the 8th day (index 7) is missed
    expect(textOf(after)).toContain("🔥 8-day streak · 🧊 a freeze covered the missed day");
    expect(await streakOf(core)).toMatchObject({ current: 8, freezes: 0 });
  });

  it("spends two freezes on two missed days, and one freeze cannot cover two", async () => {
    const core = createTestCore();
    for (let i = 0; i < 14; i++) await practise(core, dayAt("2026-11-01", i));
    const after = await practise(core, dayAt("2026-11-01", 16)); // 15th and 16th days missed
    expect(textOf(after)).toContain("🔥 15-day streak · 🧊 2 freezes covered the missed days");
    expect(await streakOf(core)).toMatchObject({ current: 15, freezes: 0 });

    const short = createTestCore();
    for (let i = 0; i < 7; i++) await practise(short, dayAt("2026-11-01", i));
    await practise(short, dayAt("2026-11-01", 9)); // two missed, one freeze
    expect(await streakOf(short)).toMatchObject({ current: 1, best: 7, freezes: 1 });
  });

  it("drill answers and finished mocks count too", async () => {
    const core = createTestCore();
    core.clock.current = new Date("2026-11-23T10:00:00Z");
    const q = await send(core, "drill");
    const form = q!.blocks.find((b) => b.kind === "form");
    const r = await core.dispatcher.handle(makeEvent({ kind: "submit", name: form?.kind === "form" ? form.action : "", args: { text: "1.2k/s" } }));
    expect(textOf(r)).toContain("🔥 1-day streak");
    expect(await streakOf(core)).toMatchObject({ current: 1, lastDate: "2026-11-23" });

    const mock = createTestCore({ curriculum: loadCurriculum() });
    mock.clock.current = new Date("2026-11-23T10:00:00Z");
    await send(mock, "mock", { action: "start", problem: "p-url-shortener" });
    const ended = await send(mock, "mock", { action: "end" });
    expect(textOf(ended)).toContain("🔥 1-day streak");
    expect(await streakOf(mock)).toMatchObject({ current: 1, lastDate: "2026-11-23" });
  });
});

describe("streak days follow the local calendar", () => {
  it("a 23-hour day (New York, 2026-03-08) and a 25-hour day (2026-11-01) are each one day", async () => {
    const core = createTestCore();
    await send(core, "me", { action: "timezone", tz: "America/New_York" });
    await practise(core, "2026-03-07T17:00:00Z"); // 12:00 EST on the 7th
    await practise(core, "2026-03-08T05:05:00Z"); // 00:05 EST on the 8th
    await practise(core, "2026-03-09T03:55:00Z"); // 23:55 EDT on the 8th: the same (23-hour) day
    expect(await streakOf(core)).toMatchObject({ current: 2, lastDate: "2026-03-08" });
    await practise(core, "2026-03-09T04:05:00Z"); // 00:05 EDT on the 9th, ten minutes later
    expect(await streakOf(core)).toMatchObject({ current: 3, lastDate: "2026-03-09" });

    const fall = createTestCore();
    await send(fall, "me", { action: "timezone", tz: "America/New_York" });
    await practise(fall, "2026-10-31T16:00:00Z"); // 12:00 EDT on the 31st
    await practise(fall, "2026-11-01T04:05:00Z"); // 00:05 EDT on 1 November
    await practise(fall, "2026-11-02T04:55:00Z"); // 23:55 EST: 24 h 50 min later, still 1 November
    expect(await streakOf(fall)).toMatchObject({ current: 2, lastDate: "2026-11-01" });
    await practise(fall, "2026-11-02T05:05:00Z"); // 00:05 EST on the 2nd
    expect(await streakOf(fall)).toMatchObject({ current: 3, lastDate: "2026-11-02" });
  });

  it("moving west (Asia/Kolkata → America/Los_Angeles) neither counts a day twice nor loses one", async () => {
    const core = createTestCore();
    await send(core, "me", { action: "timezone", tz: "Asia/Kolkata" });
    await practise(core, "2026-11-23T14:30:00Z"); // 20:00 IST, Mon 23
    await practise(core, "2026-11-24T02:30:00Z"); // 08:00 IST, Tue 24 (= 18:30 Mon in Los Angeles)
    expect(await streakOf(core)).toMatchObject({ current: 2, lastDate: "2026-11-24" });
    core.clock.current = new Date("2026-11-24T03:30:00Z"); // 19:30 Mon in Los Angeles
    await send(core, "me", { action: "timezone", tz: "America/Los_Angeles" });
    const again = await practise(core, "2026-11-24T04:00:00Z"); // 20:00 Mon PST: that Monday already counted
    expect(textOf(again)).not.toContain("streak");
    expect((await streakOf(core))?.current).toBe(2);
    expect(textOf(await practise(core, "2026-11-25T04:00:00Z"))).toContain("🔥 3-day streak"); // Tue 24 PST
    await practise(core, "2026-11-26T04:00:00Z"); // Wed 25 PST
    expect(await streakOf(core)).toMatchObject({ current: 4, lastDate: "2026-11-25" });
  });

  it("moving east (America/Los_Angeles → Asia/Kolkata) keeps a streak kept daily", async () => {
    const core = createTestCore();
    await send(core, "me", { action: "timezone", tz: "America/Los_Angeles" });
    await practise(core, "2026-11-23T05:00:00Z"); // 21:00 PST, Sun 22
    await practise(core, "2026-11-24T05:00:00Z"); // 21:00 PST, Mon 23 (= 10:30 Tue in Kolkata)
    core.clock.current = new Date("2026-11-24T06:00:00Z"); // 22:00 Mon PST, 11:30 Tue IST
    await send(core, "me", { action: "timezone", tz: "Asia/Kolkata" });
    const status = await send(core, "streak");
    expect(textOf(status)).toContain("Today already counts"); // Tuesday in Kolkata held Monday night's answer
    await practise(core, "2026-11-25T03:30:00Z"); // 09:00 Wed IST: no Kolkata day was missed
    expect(await streakOf(core)).toMatchObject({ current: 3, lastDate: "2026-11-25" });
  });

  it("moving east does not count the day of the move twice", async () => {
    const core = createTestCore();
    await send(core, "me", { action: "timezone", tz: "America/Los_Angeles" });
    await practise(core, "2026-11-23T05:00:00Z");
    await practise(core, "2026-11-24T05:00:00Z");
    core.clock.current = new Date("2026-11-24T06:00:00Z");
    await send(core, "me", { action: "timezone", tz: "Asia/Kolkata" });
    expect(textOf(await practise(core, "2026-11-24T14:30:00Z"))).not.toContain("streak"); // 20:00 Tue IST
    await practise(core, "2026-11-25T14:30:00Z");
    expect(await streakOf(core)).toMatchObject({ current: 3, lastDate: "2026-11-25" });
  });
});

describe("the streak command", () => {
  it("shows current, best, freezes, whether today counts and the reminder state", async () => {
    const core = createTestCore();
    const empty = await send(core, "streak");
    expect(empty?.visibility).toBe("private");
    expect(textOf(empty)).toContain("Current streak: 0 days");
    expect(textOf(empty)).toContain("to start a streak today");
    for (let i = 0; i < 8; i++) await practise(core, dayAt("2026-11-01", i));
    for (const i of [10, 11, 12]) await practise(core, dayAt("2026-11-01", i)); // two missed days: one freeze can't cover them
    const shown = await send(core, "streak", { action: "show" });
    expect(textOf(shown)).toContain("Current streak: 3 days");
    expect(textOf(shown)).toContain("Best: 8 days");
    expect(textOf(shown)).toContain("Freezes held: 1 of 2");
    expect(textOf(shown)).toContain("Evening reminder: on");
    expect(textOf(shown)).toContain("Today already counts");
    core.clock.current = new Date(dayAt("2026-11-01", 13));
    expect(textOf(await send(core, "streak"))).toContain("Today doesn't count yet");
  });

  it("turns reminders off and on with a confirmation, and says what is wrong with a bad value", async () => {
    const core = createTestCore();
    expect(textOf(await send(core, "streak", { action: "reminders" }))).toContain("Evening reminders are on");
    expect(textOf(await send(core, "streak", { action: "reminders", state: "off" }))).toContain("Evening reminders are now off");
    expect((await streakOf(core))?.remindersOn).toBe(false);
    expect(textOf(await send(core, "streak"))).toContain("Evening reminder: off");
    expect(textOf(await send(core, "streak", { action: "reminders", state: "on" }))).toContain("Evening reminders are now on");
    expect((await streakOf(core))?.remindersOn).toBe(true);
    expect(textOf(await send(core, "streak", { action: "reminders", state: "maybe" }))).toContain("reminders must be on or off");
    expect(textOf(await send(core, "streak", { action: "freeze" }))).toContain("action must be show or reminders");
  });

  it("shows on the progress card too", async () => {
    const core = createTestCore();
    await practise(core, "2026-11-23T09:00:00Z");
    await practise(core, "2026-11-24T09:00:00Z");
    expect(textOf(await send(core, "progress"))).toContain("Streak: 2 days ✅");
  });

  it("is listed by help", async () => {
    const core = createTestCore();
    expect(textOf(await send(core, "help"))).toContain("• `/streak` — ");
    expect(textOf(await send(core, "help", { command: "streak" }))).toContain("• `/streak show`\n• `/streak reminders on|off`");
  });
});

describe("the evening reminder sweep", () => {
  /** A sweep, then its queued reminder jobs run, as the timer worker would (one job per member and day). */
  async function sweep(core: TestCore, at: Date) {
    const result = await streakReminderSweep(core.deps, at);
    for (const [id, t] of [...core.timers]) {
      if (t.kind !== "streak-reminder") continue;
      core.timers.delete(id);
      await sendStreakReminder(core.deps, t.payload as StreakReminderPayload, at);
    }
    return result;
  }

  /** Asha in Kolkata practised on Mon 23; the sweep runs on Tue 24. */
  async function atRisk() {
    const core = createTestCore();
    await send(core, "me", { action: "timezone", tz: "Asia/Kolkata" });
    await practise(core, "2026-11-23T10:00:00Z");
    return core;
  }

  it("sends one DM at 20:00 local, says how to turn it off, and a second run that day sends none", async () => {
    const core = await atRisk();
    expect(await sweep(core, new Date("2026-11-24T14:00:00Z"))).toMatchObject({ queued: 0 }); // 19:30 IST
    expect(await sweep(core, new Date("2026-11-24T15:00:00Z"))).toMatchObject({ queued: 1 }); // 20:30 IST
    expect(core.outbox.posts).toHaveLength(1);
    const [post] = core.outbox.posts;
    expect(post!.target).toEqual({ spaceId: "console:s1", channelId: "", userId: "u1" });
    expect(post!.key).toBe("streak-remind-1-2026-11-24");
    expect(textOf(post!.reply)).toContain("1 day streak is at risk");
    expect(expandRefs(post!.reply.fallback, consoleSpeller, "plain")).toContain("/streak reminders off");
    await sweep(core, new Date("2026-11-24T15:00:00Z"));
    await sweep(core, new Date("2026-11-24T15:20:00Z"));
    expect(core.outbox.posts).toHaveLength(1);
    expect((await streakOf(core))?.remindedOn).toBe("2026-11-24");
  });

  it("a queued reminder looks again when it runs: nothing once the member has practised, or once the day is over", async () => {
    const core = await atRisk();
    expect(await streakReminderSweep(core.deps, new Date("2026-11-24T15:00:00Z"))).toMatchObject({ queued: 1 });
    const [job] = [...core.timers.values()].filter((t) => t.kind === "streak-reminder");
    expect(job).toMatchObject({ key: "1-2026-11-24", payload: { memberId: 1, userId: "u1", localDate: "2026-11-24" } });
    const payload = job!.payload as StreakReminderPayload;
    expect(await sendStreakReminder(core.deps, payload, new Date("2026-11-24T18:31:00Z"))).toBe(false); // 00:01 the next day in Kolkata
    await practise(core, "2026-11-24T15:10:00Z");
    expect(await sendStreakReminder(core.deps, payload, new Date("2026-11-24T15:20:00Z"))).toBe(false);
    expect(core.outbox.posts).toHaveLength(0);
  });

  it("sends nothing with reminders off, or when today already counts", async () => {
    const off = await atRisk();
    await send(off, "streak", { action: "reminders", state: "off" });
    await sweep(off, new Date("2026-11-24T15:00:00Z"));
    expect(off.outbox.posts).toHaveLength(0);

    const done = await atRisk();
    await practise(done, "2026-11-24T09:00:00Z");
    await sweep(done, new Date("2026-11-24T15:00:00Z"));
    expect(done.outbox.posts).toHaveLength(0);
  });

  it("uses each member's own zone hour", async () => {
    const core = await atRisk(); // Asha: Kolkata
    await practise(core, "2026-11-23T10:00:00Z", RAVI); // Ravi: the space's zone (UTC)
    await sweep(core, new Date("2026-11-24T15:00:00Z"));
    expect(core.outbox.posts.map((p) => p.target.userId)).toEqual(["u1"]);
    await sweep(core, new Date("2026-11-24T20:00:00Z"));
    expect(core.outbox.posts.map((p) => p.target.userId)).toEqual(["u1", "u2"]);
  });

  it("reminds when freezes would cover the gap, and ends a streak they cannot save", async () => {
    const core = createTestCore();
    for (let i = 0; i < 7; i++) await practise(core, dayAt("2026-11-01", i));
    await practise(core, dayAt("2026-11-01", 0), RAVI);
    await sweep(core, new Date(dayAt("2026-11-01", 8, "20:00"))); // day 8 missed, one freeze
    expect(core.outbox.posts.map((p) => p.target.userId)).toEqual(["u1"]);
    expect(textOf(core.outbox.posts[0]!.reply)).toContain("a freeze covers the missed day");
    expect((await core.repos.streaks.longest("console:s1", 5)).map((r) => r.name)).toEqual(["Asha"]); // Ravi's ended
    await sweep(core, new Date(dayAt("2026-11-01", 9, "20:00"))); // now two missed
    expect(core.outbox.posts).toHaveLength(1);
    expect(await core.repos.streaks.longest("console:s1", 5)).toEqual([]);
    expect(await streakOf(core)).toMatchObject({ current: 0, best: 7 });
  });
});
