import { consoleSpeller } from "../../src/adapters/console/spell.js";
import { expandRefs } from "../../src/bot/command-ref.js";
import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../../src/adapters/console/parse.js";
import { parseSlash } from "../../src/adapters/slack/commands.js";
import { commands } from "../../src/bot/commands/index.js";
import type { BotEvent } from "../../src/bot/event.js";
import { type Reply, withoutUserMarks, userText } from "../../src/bot/reply.js";
import { periodsOf } from "../../src/bot/services/points.js";
import { createTestCore, makeEvent } from "../fakes/core.js";

// Member-written pieces carry userText marks in the core's data; the text reads without them,
// its command references spelled as the console spells them.
const textOf = (r: Reply | undefined) => withoutUserMarks(expandRefs(r?.blocks.map((b) => (b.kind === "text" ? b.markdown : "")).join("\n") ?? "", consoleSpeller));
const choices = (r: Reply | undefined) => r?.blocks.flatMap((b) => (b.kind === "choices" ? b.options : [])) ?? [];
const ASHA = { id: "u1", name: "Asha", isAdmin: false };
const BO = { id: "u2", name: "Bo", isAdmin: false };
const CY = { id: "u3", name: "Cy", isAdmin: false };
const ADMIN = { id: "boss", name: "Admin", isAdmin: true };
const SPACE = "console:s1";

function setup() {
  const core = createTestCore();
  const run = (user: BotEvent["user"], name: string, args: BotEvent["args"] = {}) =>
    core.dispatcher.handle(makeEvent({ kind: "command", name, args, user }));
  const group = (user: BotEvent["user"], args: BotEvent["args"]) => run(user, "group", args);
  const memberId = async (user: BotEvent["user"]) => (await core.repos.members.ensure(SPACE, user)).id;
  const award = async (user: BotEvent["user"], ref: string, points: number) =>
    core.repos.points.award(SPACE, await memberId(user), { ref, points, reason: "t", periods: Object.values(periodsOf(core.clock.now(), "UTC")) }, core.clock.now());
  return { core, run, group, award, memberId };
}

describe("/group", () => {
  it("create announces in the channel and joins the creator; join, list and leave answer privately", async () => {
    const { group } = setup();
    // Text platforms split "Evening Crew" into name + plan by position; the command joins them back.
    const created = await group(ASHA, { action: "create", name: "Evening", plan: "Crew" });
    expect(created).toMatchObject({ visibility: "channel", title: `New study group: ${userText("Evening Crew")}` });
    expect(textOf(created)).toContain("Join with `/group join Evening Crew`");

    const joined = await group(BO, { action: "join", name: "evening crew" });
    expect(joined?.visibility).toBe("private");
    expect(textOf(joined)).toContain("You're in **Evening Crew** (2 members)");

    await group(CY, { action: "create", name: "Night_Owls-2" });
    const list = await group(BO, { action: "list" });
    expect(list?.visibility).toBe("private");
    expect(textOf(list)).toContain("• **Evening Crew** — 2 members · no plan · _you_");
    expect(textOf(list)).toContain("• **Night_Owls-2** — 1 member · no plan\n");

    const left = await group(BO, { action: "leave", name: "Evening Crew" });
    expect(left).toMatchObject({ visibility: "private", title: `You left ${userText("Evening Crew")}` });
    expect(textOf(await group(BO, {}))).toContain("• **Evening Crew** — 1 member · no plan\n");
  });

  it("refuses a duplicate name whatever its case, and bad names", async () => {
    const { group, core } = setup();
    await group(ASHA, { action: "create", name: "Evening Crew" });
    expect(textOf(await group(BO, { action: "create", name: "EVENING", plan: "crew" })))
      .toBe("There is already a group called **Evening Crew**. Join it with `/group join Evening Crew`, or pick another name.");
    expect(textOf(await group(BO, { action: "create", name: "x" }))).toContain("A group name has 2 to 32 characters");
    expect(textOf(await group(BO, { action: "create", name: "drop;table" }))).toContain("`drop;table` doesn't fit");
    expect(textOf(await group(BO, { action: "create", name: "a".repeat(33) }))).toContain("2 to 32 characters");
    expect(textOf(await group(BO, { action: "create" }))).toBe("Which group? Use `/group create <name>`; `/group list` shows them.");
    expect(await core.repos.groups.list(SPACE)).toHaveLength(1);
  });

  it("says clearly when a group is unknown, you are already in it, or not in it", async () => {
    const { group } = setup();
    await group(ASHA, { action: "create", name: "evening" });
    expect(textOf(await group(BO, { action: "join", name: "morning" }))).toContain("There is no group called `morning`");
    expect(textOf(await group(ASHA, { action: "join", name: "Evening" }))).toBe("You're already in **evening**.");
    expect(textOf(await group(BO, { action: "leave", name: "evening" }))).toBe("You're not in **evening**. Join it with `/group join evening`.");
    expect(textOf(await group(BO, { action: "dance" }))).toContain("action must be create, join, leave, list or plan");
  });

  it("the group board ranks only members, and only points earned while a member", async () => {
    const { group, run, award, core } = setup();
    await group(ASHA, { action: "create", name: "evening" });
    await award(BO, "bo-before", 100); // before joining: space board only
    await award(CY, "cy-never", 40); // never joins
    await group(BO, { action: "join", name: "evening" });
    await award(BO, "bo-after", 20);
    // Asha earns through a real quiz answer, which credits her group board too.
    const q = await run(ASHA, "quiz", { topic: "sharding" });
    await core.dispatcher.handle(makeEvent({ kind: "action", name: choices(q).find((o) => o.label === "The data, across machines by a key")!.action, user: ASHA }));

    const board = await run(BO, "leaderboard", { group: "Evening" });
    expect(board?.title).toBe(`This week — ${userText("evening")}`);
    expect(textOf(board)).toContain("#1 **Bo** — 20 pts\n#2 Asha — 10 pts");
    expect(textOf(board)).not.toContain("Cy");
    expect(textOf(board)).toContain("points from before someone joined stay on the server board only");
    expect(textOf(await run(BO, "leaderboard", {}))).toContain("#1 **Bo** — 120 pts\n#2 Cy — 40 pts\n#3 Asha — 10 pts");
    expect(textOf(await run(CY, "leaderboard", { group: "evening" }))).toContain("_You are not on this board yet._");
  });

  it("members answering the same question on the same day each earn (a group follows one plan)", async () => {
    const { run, core } = setup();
    for (const user of [ASHA, BO]) {
      const q = await run(user, "quiz", { topic: "sharding" });
      await core.dispatcher.handle(makeEvent({ kind: "action", name: choices(q).find((o) => o.label === "The data, across machines by a key")!.action, user }));
    }
    expect(core.repos.ledger.map((l) => [l.memberId, l.points])).toEqual([[1, 10], [2, 10]]);
  });

  it("an unknown group board and a retention group board are refused", async () => {
    const { group, run } = setup();
    await group(ASHA, { action: "create", name: "evening" });
    expect(textOf(await run(ASHA, "leaderboard", { group: "nope" }))).toContain("There is no group called `nope`");
    expect(textOf(await run(ASHA, "leaderboard", { period: "retention", group: "evening" }))).toContain("Group boards rank points");
  });

  it("only the creator or an admin sets the plan; /daily shows the group's plan day", async () => {
    const { group, run, core } = setup();
    await group(ASHA, { action: "create", name: "evening" });
    await group(BO, { action: "join", name: "evening" });
    expect(textOf(await group(BO, { action: "plan", name: "evening", plan: "tiny" }))).toBe("Only the person who created **evening**, or an admin, can choose its plan.");
    expect(textOf(await group(ASHA, { action: "plan", name: "evening", plan: "forty-day" }))).toBe("There is no plan `forty-day`. Plans: tiny, or `none` to stop following one.");
    expect(textOf(await group(ASHA, { action: "plan", name: "evening" }))).toContain("Which plan?");

    const set = await group(ASHA, { action: "plan", name: "evening", plan: "tiny" });
    expect(set).toMatchObject({ visibility: "private", title: `${userText("evening")}: plan set` });
    expect((await core.repos.groups.byName(SPACE, "evening"))?.planStartDate).toBe("2026-11-23");

    core.clock.advance(86_400_000); // day 2 of the group's plan
    const daily = await run(BO, "daily");
    expect(daily?.title).toBe("Tiny plan — day 2 of 2");
    expect(textOf(daily)).toContain("Your study group evening follows this plan.");
    expect((await run(CY, "daily"))?.title).toBe("Tiny plan — day 1 of 2"); // not in the group: the channel's (default) plan

    expect(textOf(await group(ADMIN, { action: "plan", name: "evening", plan: "none" }))).toContain("follows no plan now");
    expect(textOf(await run(BO, "daily"))).not.toContain("Your study group");
  });

  it("typed on the console or Slack, multi-word names and `group plan <name> <id>` reach the command whole", async () => {
    const { group, core } = setup();
    const cmd = commands.find((c) => c.name === "group")!;
    const typed = (line: string) => parseCommandLine(line, Object.keys(cmd.args.shape), Object.keys(cmd.actionArgs ?? {})).args;
    await group(ASHA, typed("/group create Evening Crew"));
    expect(typed("/group plan evening crew tiny")).toEqual({ action: "plan", name: "evening", plan: "crew tiny" });
    expect(textOf(await group(ASHA, typed("/group plan evening crew tiny")))).toContain("**Evening Crew** now follows Tiny plan, day 1");
    expect((await core.repos.groups.byName(SPACE, "evening crew"))?.planId).toBe("tiny");
    expect(parseSlash("/coach", "group plan Evening Crew none", commands)).toEqual({ name: "group", args: { action: "plan", name: "Evening", plan: "Crew none" } });
  });

  it("/daily with an unknown plan lists the plans", async () => {
    const { run } = setup();
    expect(textOf(await run(ASHA, "daily", { plan: "nope" }))).toBe("There is no plan `nope`. Plans: tiny.");
  });
});
