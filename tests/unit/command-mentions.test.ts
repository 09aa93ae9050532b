/**
 * Every text names the commands of the platform it is on (issue 15). Every reply the core can
 * produce (tests/fakes/every-reply.ts) is rendered by the Discord, Slack and console renderers,
 * and every slash command in the rendered text must exist on that platform with that syntax.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { renderConsole } from "../../src/adapters/console/render.js";
import { renderReply } from "../../src/adapters/discord/render.js";
import { renderMessages } from "../../src/adapters/slack/render.js";
import { cmd, expandRefs, refsIn } from "../../src/bot/command-ref.js";
import { consoleSpeller } from "../../src/adapters/console/spell.js";
import { discordSpeller } from "../../src/adapters/discord/spell.js";
import { slackSpeller } from "../../src/adapters/slack/spell.js";
import { checkConsole, checkDiscord, checkSlack, COMMAND_WORDS, type Platform } from "../fakes/command-syntax.js";
import { everyReply, type TableRow } from "../fakes/every-reply.js";
import { commands } from "../../src/bot/commands/index.js";

const manifest = parse(readFileSync(join(import.meta.dirname, "../../slack-manifest.yaml"), "utf8")) as { features: { slash_commands: Array<{ command: string }> } };
const SLACK_COMMANDS = manifest.features.slash_commands.map((c) => c.command);

/** Every string a platform shows for a reply (Slack's entities unescaped). */
function shown(platform: Platform, row: TableRow): string[] {
  if (platform === "console") return [renderConsole(row.reply).text];
  if (platform === "discord") {
    return renderReply(row.reply).messages.flatMap((m) => [
      m.content ?? "", ...m.embeds.flatMap((e) => [e.title ?? "", e.description ?? "", ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]),
      ...m.components.flatMap((r) => r.components.map((c) => c.label ?? "")),
    ]);
  }
  const texts: string[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === "object") for (const [k, v] of Object.entries(x)) (k === "text" && typeof v === "string" ? texts.push(v) : walk(v));
  };
  for (const m of renderMessages(row.reply)) walk(m);
  return texts.map((t) => t.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"));
}

interface Mention { text: string; isWhole: boolean; after: string }

/**
 * Commands in a text: a code span that starts with a command is the whole command; outside code
 * (titles, buttons, plain fallbacks) only its name is certain. `/api`-like paths in curriculum
 * content name no command anywhere and are left alone.
 */
function mentions(s: string): Mention[] {
  const out: Mention[] = [];
  for (const m of s.matchAll(/`([^`\n]+)`/g)) {
    const word = /^\/([a-z-]+)/.exec(m[1]!)?.[1];
    if (word && COMMAND_WORDS.has(word)) out.push({ text: m[1]!, isWhole: true, after: s.slice(m.index + m[0].length) });
  }
  const bare = s.replace(/`[^`\n]+`/g, " ");
  for (const m of bare.matchAll(/(?<![\w/.:<>&;-])\/([a-z][a-z-]*)(\s+[a-z-]+)?/g)) {
    if (COMMAND_WORDS.has(m[1]!)) out.push({ text: m[0], isWhole: false, after: "" });
  }
  return out;
}

const CHECK: Record<Platform, (m: string) => string | undefined> = {
  discord: checkDiscord, console: checkConsole, slack: (m) => checkSlack(m, SLACK_COMMANDS),
};

/** A bare mention: the name (and for Slack's /coach, the command after it) must exist there. */
function checkName(platform: Platform, text: string): string | undefined {
  const [slash = "", next = ""] = text.trim().split(/\s+/);
  if (platform === "slack") {
    if (!SLACK_COMMANDS.includes(slash)) return `Slack has no ${slash}`;
    return slash === "/coach" && !COMMAND_WORDS.has(next) ? `/coach has no ${next}` : undefined;
  }
  return COMMAND_WORDS.has(slash.slice(1)) && slash !== "/coach" ? undefined : `${platform} has no ${slash}`;
}

/** Words that belong to one platform only. */
const FOREIGN: Record<Platform, RegExp> = {
  discord: /\/coach\b|workspace admin|SLACK_ADMIN/,
  slack: /Manage Server|\b[a-z]+:<|\b(plan|topic|name|state|tz|group|time):[\w<]/,
  console: /\/coach\b|Manage Server|SLACK_ADMIN/,
};

let table: TableRow[] = [];
beforeAll(async () => {
  table = await everyReply();
}, 60_000);

describe.each(["discord", "slack", "console"] as const)("on %s", (platform) => {
  it("every command a reply mentions exists there with that syntax", () => {
    const problems: string[] = [];
    let checked = 0;
    for (const row of table) {
      for (const s of shown(platform, row)) {
        if (/[\u0002\u0003]/.test(s)) problems.push(`${row.name}: an unspelled reference in "${s.slice(0, 80)}"`);
        if (FOREIGN[platform].test(s)) problems.push(`${row.name}: another platform's words in "${s.slice(0, 120)}"`);
        for (const m of mentions(s)) {
          if (row.echoes?.includes(m.text)) continue;
          checked++;
          const bad = m.isWhole ? CHECK[platform](m.text) : checkName(platform, m.text);
          if (bad) problems.push(`${row.name}: "${m.text}": ${bad}`);
          // Slack runs no slash command in a thread: from a thread, it is one for the channel.
          if (platform === "slack" && row.inThread && m.isWhole && !m.after.startsWith(" in the channel")) {
            problems.push(`${row.name}: "${m.text}" offered inside a Slack thread`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it("a button named instead of a command is one the mock thread's messages carry", () => {
    const labels = new Set(table.filter((r) => r.inThread).flatMap((r) => r.reply.blocks.flatMap((b) => (b.kind === "choices" ? b.options.map((o) => o.label) : []))));
    const named = table.flatMap((r) => shown(platform, r)).flatMap((s) => [...s.matchAll(/the \*{1,2}([^*]+)\*{1,2} button in the thread/g)].map((m) => m[1]!));
    if (platform === "slack") expect(named).toEqual(expect.arrayContaining(["Next phase", "End interview"]));
    else expect(named).toEqual([]);
    for (const label of named) expect(labels).toContain(label);
  });
});

describe("the table", () => {
  it("covers help for every command, every message, and command references from views and services", () => {
    const names = table.map((r) => r.name);
    expect(names.filter((n) => n.startsWith("help {\"command\"")).length).toBe(commands.length);
    expect(names.filter((n) => n.startsWith("message ")).length).toBeGreaterThan(50);
    const refs = table.flatMap((r) => [r.reply.fallback, ...r.reply.blocks.map((b) => (b.kind === "text" ? b.markdown : ""))]).flatMap(refsIn);
    const cmds = new Set(refs.flatMap((r) => ("cmd" in r ? [`${r.cmd.command} ${r.cmd.sub ?? ""}`.trim()] : [])));
    for (const c of ["bank import", "bank topics", "config set", "plan start", "mock next", "mock end", "review", "streak reminders", "group join", "leaderboard", "me timezone"]) {
      expect(cmds).toContain(c);
    }
  });
});

describe("each platform spells one reference its way", () => {
  const ref = `Choose one with ${cmd("config set", { plan: "<id>" })}.`;
  it.each([
    [discordSpeller, "Choose one with `/config set plan:<id>`."],
    [slackSpeller, "Choose one with `/coach config set plan <id>`."],
    [consoleSpeller, "Choose one with `/config set plan <id>`."],
  ])("%#", (speller, expected) => {
    expect(expandRefs(ref, speller)).toBe(expected);
  });

  it("writes options in order alone on the console and Slack, named after a gap; /quiz stays /quiz on Slack", () => {
    const quiz = cmd("quiz", { topic: "caching", level: "2" });
    expect(expandRefs(quiz, consoleSpeller)).toBe("`/quiz caching 2`");
    expect(expandRefs(quiz, slackSpeller)).toBe("`/quiz caching 2`");
    expect(expandRefs(quiz, discordSpeller)).toBe("`/quiz topic:caching level:2`");
    expect(expandRefs(cmd("config set", { time: "09:00" }), consoleSpeller)).toBe("`/config set time 09:00`");
  });

  it("names the thread's button on Slack where the reference is about acting in a mock thread", () => {
    const next = cmd("mock next", {}, { inThread: { button: "Next phase" } });
    expect(expandRefs(next, slackSpeller)).toBe("the **Next phase** button in the thread");
    expect(expandRefs(next, discordSpeller)).toBe("`/mock next`");
    expect(expandRefs(cmd("stats", {}, { inThread: {} }), slackSpeller)).toBe("`/coach stats` in the channel");
    expect(expandRefs(next, slackSpeller, "plain")).toBe("the Next phase button in the thread");
  });
});
