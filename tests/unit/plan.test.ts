/** `/plan`: a member follows a study plan on their own, a day at a time in their zone. */
import { consoleSpeller } from "../../src/adapters/console/spell.js";
import { expandRefs } from "../../src/bot/command-ref.js";
import { describe, expect, it } from "vitest";
import type { BotEvent } from "../../src/bot/event.js";
import type { Reply } from "../../src/bot/reply.js";
import { loadCurriculum } from "../../src/curriculum/loader.js";
import { createTestCore, makeEvent } from "../fakes/core.js";

const curriculum = loadCurriculum();
const SEVEN = curriculum.plans.find((p) => p.id === "seven-week")!;
const SPRINT = curriculum.plans.find((p) => p.id === "final-sprint")!;
const THIRTY = curriculum.plans.find((p) => p.id === "thirty-day")!;
const DAY_MS = 86_400_000;
const SPACE = "console:s1";
const ADMIN = { id: "boss", name: "Admin", isAdmin: true };

/** The reply's text as the console spells its command references. */
const textOf = (r: Reply | undefined) => expandRefs(r?.blocks.map((b) => (b.kind === "text" ? b.markdown : "")).join("\n") ?? "", consoleSpeller);
const fieldsOf = (r: Reply | undefined) =>
  Object.fromEntries(r?.blocks.flatMap((b) => (b.kind === "fields" ? b.fields.map((f) => [f.label, f.value]) : [])) ?? []);

function setup() {
  const core = createTestCore({ curriculum });
  const run = (name: string, args: BotEvent["args"] = {}, user?: BotEvent["user"]) =>
    core.dispatcher.handle(makeEvent({ kind: "command", name, args, ...(user ? { user } : {}) }));
  const plan = (args: BotEvent["args"] = {}) => run("plan", args);
  const days = (n: number) => core.clock.advance(n * DAY_MS);
  return { core, run, plan, days };
}

describe("/plan", () => {
  it("start: day 1 is today, with its task, stored for the member", async () => {
    const { core, plan } = setup();
    const started = await plan({ action: "start", plan: "Seven-Week" });
    expect(started).toMatchObject({ visibility: "private", title: "You're following Seven-week plan" });
    expect(fieldsOf(started)).toMatchObject({ Day: "1 of 49", Progress: "░░░░░░░░░░ 0%", Started: "Mon 23 Nov" });
    expect(textOf(started)).toContain("Day 1 is today (Mon 23 Nov)");
    expect(textOf(started)).toContain(`**${SEVEN.days[0]!.title}**`);
    const member = await core.repos.members.ensure(SPACE, { id: "u1", name: "Asha" });
    expect(await core.repos.memberPlans.get(member.id)).toEqual({
      memberId: member.id, spaceId: SPACE, planId: "seven-week", startDate: "2026-11-23", skipped: 0, pausedOn: null, pausedDays: 0,
    });
  });

  it("status: day 1, then day 3 two days later, with that day's task and a progress bar", async () => {
    const { plan, days } = setup();
    await plan({ action: "start", plan: "thirty-day" });
    const first = await plan();
    expect(first?.title).toBe("Thirty-day plan — day 1 of 30");
    expect(fieldsOf(first)).toMatchObject({ Day: "1 of 30", Progress: "░░░░░░░░░░ 0%" });
    days(2);
    const third = await plan({ action: "status" });
    expect(third?.title).toBe("Thirty-day plan — day 3 of 30");
    expect(fieldsOf(third)).toMatchObject({ Day: "3 of 30", Progress: "█░░░░░░░░░ 7%", Started: "Mon 23 Nov" });
    expect(textOf(third)).toContain(`**${THIRTY.days[2]!.title}**`);
    expect(textOf(third)).toContain("`/plan skip` moves on a day");
  });

  it("skip: moves on one day at once, confirming the new day; the days after follow on", async () => {
    const { plan, days } = setup();
    await plan({ action: "start", plan: "seven-week" });
    const skipped = await plan({ action: "skip" });
    expect(skipped?.title).toBe("Skipped to day 2 of 49");
    expect(textOf(skipped)).toContain("Skipped day 1: day 2 is today's task.");
    expect(textOf(skipped)).toContain(`**${SEVEN.days[1]!.title}**`);
    expect(fieldsOf(await plan())).toMatchObject({ Day: "2 of 49" });
    days(1);
    expect(fieldsOf(await plan())).toMatchObject({ Day: "3 of 49" });
  });

  it("pause for two days, then resume: the day number holds while paused and carries on after", async () => {
    const { plan, days } = setup();
    await plan({ action: "start", plan: "seven-week" });
    days(1);
    const paused = await plan({ action: "pause" });
    expect(paused?.title).toBe("Paused at day 2");
    expect(textOf(paused)).toContain("Your plan holds at day 2 until you `/plan resume`.");
    expect(textOf(await plan({ action: "pause" }))).toContain("Your plan is already paused (since 2026-11-24)");
    days(2);
    const held = await plan();
    expect(fieldsOf(held)).toMatchObject({ Day: "2 of 49", "Paused since": "Tue 24 Nov" });
    expect(textOf(held)).toContain("Paused: `/plan resume` carries on from this day.");
    const resumed = await plan({ action: "resume" });
    expect(resumed?.title).toBe("Resumed at day 2");
    expect(textOf(resumed)).toContain("Paused for 2 days; you carry on from day 2.");
    expect(fieldsOf(resumed)["Paused since"]).toBeUndefined();
    expect(textOf(await plan({ action: "resume" }))).toContain("Your plan isn't paused.");
    days(1);
    expect(fieldsOf(await plan())).toMatchObject({ Day: "3 of 49" });
  });

  it("stop: leaves the plan; status then says how to start one and lists the plans", async () => {
    const { plan, days } = setup();
    await plan({ action: "start", plan: "seven-week" });
    days(4);
    const stopped = await plan({ action: "stop" });
    expect(stopped?.title).toBe("You left Seven-week plan");
    expect(textOf(stopped)).toContain("You stopped at day 5 of 49.");
    const none = await plan();
    expect(none?.title).toBe("You follow no plan of your own");
    expect(textOf(none)).toContain("Start one with `/plan start <id>`");
    for (const p of curriculum.plans) expect(textOf(none)).toContain(`\`${p.id}\` — **${p.title}** (${p.days.length} days)`);
    expect(textOf(await plan({ action: "stop" }))).toContain("You don't follow a plan of your own. Start one with `/plan start <id>`. Plans: ");
    expect(textOf(await plan({ action: "skip" }))).toContain("You don't follow a plan of your own.");
  });

  it("explains an unknown plan, a missing plan id and a bad action, and changes nothing", async () => {
    const { core, plan } = setup();
    const ids = curriculum.plans.map((p) => p.id).join(", ");
    expect(textOf(await plan({ action: "start", plan: "nine-week" }))).toBe(`There is no plan \`nine-week\`. Plans: ${ids}.`);
    expect(textOf(await plan({ action: "start" }))).toBe(`Which plan? Use \`/plan start <id>\`. Plans: ${ids}.`);
    expect(textOf(await plan({ action: "dance" }))).toContain("action must be start, status, skip, pause, resume or stop");
    const member = await core.repos.members.ensure(SPACE, { id: "u1", name: "Asha" });
    expect(await core.repos.memberPlans.get(member.id)).toBeUndefined();
  });

  it("starting another plan replaces the one followed, saying so; the same plan starts over", async () => {
    const { plan, days } = setup();
    await plan({ action: "start", plan: "seven-week" });
    days(2);
    const other = await plan({ action: "start", plan: "thirty-day" });
    expect(textOf(other)).toContain("This replaces Seven-week plan, which you were on at day 3 of 49.");
    expect(fieldsOf(other)).toMatchObject({ Day: "1 of 30" });
    days(1);
    expect(textOf(await plan({ action: "start", plan: "thirty-day" }))).toContain("You were on day 2 of it; it starts over from day 1 today.");
  });

  it("a finished plan says so, skips no further, and /daily falls back to the channel's plan", async () => {
    const { plan, days, run } = setup();
    await plan({ action: "start", plan: "final-sprint" });
    days(6);
    expect(fieldsOf(await plan())).toMatchObject({ Day: "7 of 7", Progress: "█████████░ 86%" });
    days(1);
    const done = await plan();
    expect(done?.title).toBe("You finished One-week final sprint");
    expect(fieldsOf(done)).toMatchObject({ Days: "7 of 7", Progress: "██████████ 100%" });
    expect(textOf(await plan({ action: "skip" }))).toContain("You've finished **One-week final sprint**.");
    expect((await run("daily"))?.title).toBe("Thirty-day plan — day 1 of 30"); // no channel plan: the default
    expect(textOf(await plan({ action: "stop" }))).toContain("You had finished it.");
  });

  it("skipping past the last day finishes the plan", async () => {
    const { plan, days } = setup();
    await plan({ action: "start", plan: "final-sprint" });
    days(6);
    const skipped = await plan({ action: "skip" });
    expect(skipped?.title).toBe("You finished One-week final sprint");
    expect(textOf(skipped)).toContain("Skipped day 7, the last one.");
  });

  it("counts days in the member's own zone, not the space's", async () => {
    const { core, plan } = setup();
    const member = await core.repos.members.ensure(SPACE, { id: "u1", name: "Asha" });
    await core.repos.members.setTimezone(member.id, "America/Los_Angeles");
    core.clock.current = new Date("2026-11-23T05:00:00Z"); // 21:00 on the 22nd in Los Angeles, the 23rd in UTC
    expect(textOf(await plan({ action: "start", plan: "seven-week" }))).toContain("Day 1 is today (Sun 22 Nov)");
    core.clock.current = new Date("2026-11-23T09:00:00Z"); // 01:00 on the 23rd there: a new day for her
    expect(fieldsOf(await plan())).toMatchObject({ Day: "2 of 49", Started: "Sun 22 Nov" });
    core.clock.current = new Date("2026-11-24T07:59:00Z"); // 23:59 on the 23rd there: still day 2
    expect(fieldsOf(await plan())).toMatchObject({ Day: "2 of 49" });
  });
});

describe("a member's own plan elsewhere", () => {
  it("/daily shows the member's own plan before their group's and the channel's; naming another plan still works", async () => {
    const { run, plan, days } = setup();
    await run("config", { action: "set", time: "09:00", tz: "UTC", plan: "thirty-day" }, ADMIN);
    await run("group", { action: "create", name: "evening" });
    await run("group", { action: "plan", name: "evening", plan: "final-sprint" });
    expect((await run("daily"))?.title).toBe("One-week final sprint — day 1 of 7"); // the group's, before a plan of her own
    await plan({ action: "start", plan: "seven-week" });
    await plan({ action: "skip" });
    days(1);
    const own = await run("daily");
    expect(own?.title).toBe("Seven-week plan — day 3 of 49");
    expect(textOf(own)).toContain(`**${SEVEN.days[2]!.title}**`);
    expect(textOf(own)).toContain("You follow this plan yourself");
    // Set at 09:00 on Monday, the channel's first post is Tuesday's: its day 1.
    expect((await run("daily", { plan: "thirty-day" }))?.title).toBe("Thirty-day plan — day 1 of 30");
    await plan({ action: "stop" });
    expect((await run("daily"))?.title).toBe(`${SPRINT.title} — day 2 of 7`);
  });

  it("/progress shows the plan's day, paused or finished, and no plan line without one", async () => {
    const { run, plan, days } = setup();
    expect(fieldsOf(await run("progress")).Plan).toBeUndefined();
    await plan({ action: "start", plan: "seven-week" });
    days(2);
    expect(fieldsOf(await run("progress")).Plan).toBe("Seven-week plan, day 3 of 49");
    await plan({ action: "pause" });
    expect(fieldsOf(await run("progress")).Plan).toBe("Seven-week plan, day 3 of 49 (paused)");
    await plan({ action: "start", plan: "final-sprint" });
    days(7);
    expect(fieldsOf(await run("progress")).Plan).toBe("One-week final sprint, finished (7 days)");
  });

  it("help lists /plan with its usage", async () => {
    const { run } = setup();
    expect(textOf(await run("help"))).toContain("• `/plan` — Follow a study plan yourself");
    expect(textOf(await run("help", { command: "plan" }))).toContain("• `/plan start <id>`\n• `/plan status`\n• `/plan skip`");
  });
});
