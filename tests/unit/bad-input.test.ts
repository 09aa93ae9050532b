import { consoleSpeller } from "../../src/adapters/console/spell.js";
import { discordSpeller } from "../../src/adapters/discord/spell.js";
import { slackSpeller } from "../../src/adapters/slack/spell.js";
import { expandRefs } from "../../src/bot/command-ref.js";
import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/bot/reply.js";
import { MAX_ANSWER_LENGTH } from "../../src/bot/services/quiz.js";
import { createTestCore, makeEvent } from "../fakes/core.js";

/** The reply's text as the console spells its command references. */
const textOf = (r: Reply | undefined) => expandRefs(r?.blocks.map((b) => (b.kind === "text" ? b.markdown : "")).join("\n") ?? "", consoleSpeller);
const admin = { id: "boss", name: "Admin", isAdmin: true };

async function freeQuestion(core: ReturnType<typeof createTestCore>) {
  const q = await core.dispatcher.handle(makeEvent({ kind: "command", name: "quiz", args: { topic: "caching", level: 2, format: "free" } }));
  const form = q?.blocks.find((b) => b.kind === "form");
  return form?.kind === "form" ? form.action : "";
}

describe("bad input gets a clear message and stores nothing", () => {
  it.each([
    ["an unknown command", { name: "quizz", args: {} }, "I don't know the command `/quizz`"],
    ["an unknown topic", { name: "quiz", args: { topic: "blockchain" } }, "There is no topic `blockchain`. Topics: caching, sharding."],
    ["level 4", { name: "quiz", args: { topic: "caching", level: "4" } }, "level must be 1, 2 or 3"],
    ["level not a number", { name: "quiz", args: { level: "two" } }, "level must be 1, 2 or 3"],
    ["a bad format", { name: "quiz", args: { format: "essay" } }, "format must be mcq or free"],
  ])("%s", async (_, e, message) => {
    const core = createTestCore();
    const reply = await core.dispatcher.handle(makeEvent({ kind: "command", ...e }));
    expect(reply?.visibility).toBe("private");
    expect(textOf(reply)).toContain(message);
    expect(core.repos.sessions.size).toBe(0);
    expect(core.logger.errors).toHaveLength(0);
  });

  it("an empty answer is refused and the question stays open", async () => {
    const core = createTestCore();
    const action = await freeQuestion(core);
    const reply = await core.dispatcher.handle(makeEvent({ kind: "submit", name: action, args: { text: "   " } }));
    expect(textOf(reply)).toContain("Your answer is empty");
    expect(core.repos.attempts).toHaveLength(0);
    const retry = await core.dispatcher.handle(makeEvent({ kind: "submit", name: action, args: { text: "use a ttl" } }));
    expect(retry?.title).toMatch(/^You covered/);
    expect(core.repos.attempts).toHaveLength(1);
  });

  it("an over-long answer is refused with the limit", async () => {
    const core = createTestCore();
    const action = await freeQuestion(core);
    const reply = await core.dispatcher.handle(makeEvent({ kind: "submit", name: action, args: { text: "x".repeat(MAX_ANSWER_LENGTH + 1) } }));
    expect(textOf(reply)).toContain(`the limit is ${MAX_ANSWER_LENGTH}`);
    expect(core.repos.attempts).toHaveLength(0);
  });

  it("a forged or stale button is refused", async () => {
    const core = createTestCore();
    const reply = await core.dispatcher.handle(makeEvent({ kind: "action", name: "quiz.answer:nope:1" }));
    expect(textOf(reply)).toContain("can't find that question");
    const junk = await core.dispatcher.handle(makeEvent({ kind: "action", name: "something-else" }));
    expect(textOf(junk)).toContain("no longer valid");
  });

  it("config by a non-admin is refused", async () => {
    const core = createTestCore();
    const reply = await core.dispatcher.handle(makeEvent({ kind: "command", name: "config", args: { time: "09:00" } }));
    const markdown = reply!.blocks.map((b) => (b.kind === "text" ? b.markdown : "")).join("\n");
    expect(expandRefs(markdown, discordSpeller)).toBe("Only members with the **Manage Server** permission can use `/config`.");
    expect(expandRefs(markdown, slackSpeller)).toBe("Only workspace admins and owners (and members listed in the bot's SLACK_ADMIN_USER_IDS) can use `/coach config`.");
    expect(core.repos.subscriptionRows.size).toBe(0);
    expect(core.scheduled).toHaveLength(0);
  });

  it.each([
    [{ tz: "Mars/Olympus" }, "tz must be an IANA time zone"],
    [{ time: "25:00" }, "time must be HH:MM"],
    [{ time: "9am" }, "time must be HH:MM"],
    [{ days: "someday" }, "days must look like mon-fri"],
    [{ plan: "ten-year" }, "There is no plan `ten-year`. Plans: tiny."],
  ])("config %o is refused", async (args, message) => {
    const core = createTestCore();
    const reply = await core.dispatcher.handle(makeEvent({ kind: "command", name: "config", args, user: admin }));
    expect(textOf(reply)).toContain(message);
    expect(core.repos.subscriptionRows.size).toBe(0);
  });

  it("an internal failure shows a reference, logs the cause, and stores nothing", async () => {
    const core = createTestCore();
    core.deps.quizzes.open = async () => { throw new Error("disk on fire"); };
    const reply = await core.dispatcher.handle(makeEvent({ kind: "command", name: "quiz" }));
    expect(textOf(reply)).toMatch(/Something went wrong on my side \(ref \w{6}\)/);
    expect(textOf(reply)).not.toContain("disk on fire");
    expect(core.logger.errors).toHaveLength(1);
  });
});

describe("config", () => {
  it("stores a validated schedule, tells the scheduler, and shows the next post", async () => {
    const core = createTestCore();
    const reply = await core.dispatcher.handle(makeEvent({
      kind: "command", name: "config", user: admin, args: { time: "09:00", tz: "Asia/Kolkata", days: "mon-fri", plan: "tiny" },
    }));
    expect(reply?.title).toBe("Daily schedule created");
    const sub = [...core.repos.subscriptionRows.values()][0];
    expect(sub).toMatchObject({ time: "09:00", timezone: "Asia/Kolkata", days: ["mon", "tue", "wed", "thu", "fri"], planId: "tiny", channelId: "c1" });
    expect(core.scheduled).toHaveLength(1);
    // 2026-11-23T09:00Z is 14:30 in Kolkata on a Monday, so the next post is Tuesday 09:00 IST.
    const fieldsBlock = reply?.blocks.find((b) => b.kind === "fields");
    expect(fieldsBlock?.kind === "fields" && fieldsBlock.fields.find((f) => f.label === "Next post")?.value).toBe("Tue 24 Nov, 09:00 Asia/Kolkata"); // local time, with its zone
  });

  it("/config tz sets the space's zone: the times the bot shows after it are local there", async () => {
    const core = createTestCore();
    expect((await core.repos.spaces.ensure({ id: "console:s1", platform: "console" }, "UTC")).timezone).toBe("UTC");
    // Only a zone and no schedule here: the space's zone is set and no daily posts start.
    const set = await core.dispatcher.handle(makeEvent({ kind: "command", name: "config", user: admin, args: { tz: "Asia/Kolkata" } }));
    expect(set?.title).toBe("Time zone set");
    expect(set?.blocks.find((b) => b.kind === "fields")).toMatchObject({ fields: [{ label: "Time zone", value: "Asia/Kolkata" }, { label: "Local time now", value: "Mon 23 Nov, 14:30 Asia/Kolkata" }] });
    expect(core.repos.subscriptionRows.size).toBe(0);
    expect((await core.repos.spaces.get("console:s1"))?.timezone).toBe("Asia/Kolkata");
    // A round started afterwards closes at a Kolkata time (the space's zone), shown with the zone.
    const round = await core.dispatcher.handle(makeEvent({ kind: "command", name: "round", args: { action: "start", minutes: 5 } }));
    expect(round?.fallback).toContain("closes at Mon 23 Nov, 14:35 Asia/Kolkata");
  });

  it("pauses, resumes and shows", async () => {
    const core = createTestCore();
    await core.dispatcher.handle(makeEvent({ kind: "command", name: "config", user: admin, args: { time: "07:30" } }));
    const paused = await core.dispatcher.handle(makeEvent({ kind: "command", name: "config", user: admin, args: { action: "pause" } }));
    expect(paused?.title).toBe("Daily posts paused");
    const shown = await core.dispatcher.handle(makeEvent({ kind: "command", name: "config", user: admin, args: { action: "show" } }));
    expect(JSON.stringify(shown)).toContain("paused by an admin");
    await core.dispatcher.handle(makeEvent({ kind: "command", name: "config", user: admin, args: { action: "resume" } }));
    expect([...core.repos.subscriptionRows.values()][0]?.isPaused).toBe(false);
    expect(core.scheduled).toHaveLength(3);
  });
});
