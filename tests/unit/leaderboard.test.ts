import { describe, expect, it } from "vitest";
import { slashCommands } from "../../src/adapters/discord/commands.js";
import { renderReply } from "../../src/adapters/discord/render.js";
import { parseForCommand } from "../../src/adapters/console/parse.js";
import { renderConsole } from "../../src/adapters/console/render.js";
import { parseSlash } from "../../src/adapters/slack/commands.js";
import { renderBlocks } from "../../src/adapters/slack/render.js";
import { commands } from "../../src/bot/commands/index.js";
import type { BotEvent } from "../../src/bot/event.js";
import { periodsOf } from "../../src/bot/services/points.js";
import { type Reply, withoutUserMarks } from "../../src/bot/reply.js";
import { createTestCore, makeEvent } from "../fakes/core.js";

// Member names carry userText marks in the core's data; the text reads without them.
const textOf = (r: Reply | undefined) => withoutUserMarks(r?.blocks.map((b) => (b.kind === "text" ? b.markdown : "")).join("\n") ?? "");
const user = (id: string, name: string): BotEvent["user"] => ({ id, name, isAdmin: false });
const [ASHA, BO, CY] = [user("u1", "Asha"), user("u2", "Bo"), user("u3", "Cy")];

async function seeded() {
  const core = createTestCore();
  const run = (u: BotEvent["user"], args: BotEvent["args"] = {}) => core.dispatcher.handle(makeEvent({ kind: "command", name: "leaderboard", user: u, args }));
  const periods = Object.values(periodsOf(core.clock.now(), "UTC"));
  for (const [u, points] of [[ASHA, 30], [BO, 30], [CY, 20]] as const) {
    const m = await core.repos.members.ensure("console:s1", u);
    await core.repos.points.award("console:s1", m.id, { ref: `seed-${u.id}`, points, reason: "test", periods }, core.clock.now());
  }
  return { core, run };
}

describe("leaderboards", () => {
  it("show ties as ties, in lines no markdown list renumbers", async () => {
    const { run } = await seeded();
    const board = await run(CY);
    expect(textOf(board)).toContain("#1 Asha — 30 pts (tied)\n#1 Bo — 30 pts (tied)\n#3 **Cy** — 20 pts");
    // Not "1. …" at a line start: Discord and Slack would draw 1, 2, 3.
    expect(textOf(board)).not.toMatch(/^\d+\. /m);
    expect(board?.blocks.find((b) => b.kind === "fields")).toMatchObject({ fields: [{ label: "Your rank", value: "3" }, { label: "Your score", value: "20 pts" }] });
    expect((await run(BO))?.blocks.flatMap((b) => (b.kind === "fields" ? b.fields : []))[0]).toEqual({ label: "Your rank", value: "1 (tied)" });
  });

  it("stay private by default; `public` posts the board in the channel, singling nobody out", async () => {
    const { run } = await seeded();
    expect((await run(ASHA))?.visibility).toBe("private");
    const shared = await run(ASHA, { public: true });
    expect(shared?.visibility).toBe("channel");
    expect(textOf(shared)).toContain("#1 Asha — 30 pts (tied)\n#1 Bo — 30 pts (tied)\n#3 Cy — 20 pts");
    expect(textOf(shared)).toContain("Shared by Asha");
    expect(shared?.blocks.some((b) => b.kind === "fields")).toBe(false);
  });

  it("an empty retention board says how a question gets on it", async () => {
    const core = createTestCore();
    const empty = await core.dispatcher.handle(makeEvent({ kind: "command", name: "leaderboard", args: { period: "retention" } }));
    expect(textOf(empty)).toMatch(/still recall it 21 or more days later/);
    expect(renderConsole(empty!).text).toContain("/review");
  });

  it("`public` is a word on the console and Slack, a yes/no option on Discord", () => {
    const board = commands.find((c) => c.name === "leaderboard")!;
    expect(parseForCommand("/leaderboard week public", board).args).toEqual({ period: "week", public: true });
    expect(parseForCommand("/leaderboard public group Night Owls", board).args).toEqual({ public: true, group: "Night Owls" });
    expect(parseSlash("/coach", "leaderboard month public", commands)).toEqual({ name: "leaderboard", args: { period: "month", public: true } });
    expect(board.args.safeParse({ period: "week", public: true }).success).toBe(true);
    const option = slashCommands(commands).find((c) => c.name === "leaderboard")!.options!.find((o) => o.name === "public");
    expect(option).toMatchObject({ type: 5, required: false }); // 5: BOOLEAN
  });
});

describe("a channel in a reply is data each platform spells as a link", () => {
  it("/config show names the channel as <#id> on Discord and Slack and #id on the console", async () => {
    const core = createTestCore();
    const admin = { id: "a", name: "Admin", isAdmin: true };
    const shown = await core.dispatcher.handle(makeEvent({ kind: "command", name: "config", user: admin, channel: { id: "C0123" }, args: { action: "set", time: "09:00" } }));
    const field = shown!.blocks.flatMap((b) => (b.kind === "fields" ? b.fields : [])).find((f) => f.label === "Channel");
    expect(field).toMatchObject({ channel: "C0123" });
    expect(renderReply(shown!).messages[0]!.embeds[0]!.fields!.find((f) => f.name === "Channel")!.value).toBe("<#C0123>");
    expect(JSON.stringify(renderBlocks(shown!))).toContain("*Channel*\\n<#C0123>");
    expect(renderConsole(shown!).text).toContain("Channel: #C0123");
  });
});
