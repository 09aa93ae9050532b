import { describe, expect, it } from "vitest";
import type { ActionId } from "../../src/bot/action-ids.js";
import { parseCommandLine } from "../../src/adapters/console/parse.js";
import { renderConsole } from "../../src/adapters/console/render.js";
import { MAX_LINE, readLine } from "../../src/adapters/console/sanitize.js";
import { userText } from "../../src/bot/reply.js";

const a = (s: string) => s as ActionId;

describe("console rendering, one case per block kind", () => {
  it("text strips markdown markers", () => {
    expect(renderConsole({ visibility: "private", blocks: [{ kind: "text", markdown: "**Bold** and _soft_ words" }], fallback: "" }).text)
      .toBe("Bold and soft words\n");
  });
  it("fields become label: value lines under the title", () => {
    const r = renderConsole({ visibility: "private", title: "Stats", blocks: [{ kind: "fields", fields: [{ label: "Score", value: "80%" }] }], fallback: "" });
    expect(r.text).toBe("━━ Stats ━━\nScore: 80%\n");
  });
  it("choices are numbered across blocks in order", () => {
    const r = renderConsole({
      visibility: "private",
      blocks: [{ kind: "choices", options: [{ action: a("x:1"), label: "One" }] }, { kind: "divider" }, { kind: "choices", options: [{ action: a("x:2"), label: "Two" }] }],
      fallback: "",
    });
    expect(r.choices).toEqual(["x:1", "x:2"]);
    expect(r.text).toBe("  1) One\n──────────\n  2) Two\n(Type a number to choose.)\n");
  });
  it("a thread-fallback form is left out: every typed line in a mock reaches the bot", () => {
    const r = renderConsole({
      visibility: "channel", blocks: [{ kind: "text", markdown: "Phase 1" }, { kind: "form", action: a("mock.say:m1"), buttonLabel: "Answer", title: "Say it", inputLabel: "Line", maxLength: 2000, threadFallback: true }], fallback: "",
    });
    expect(r.form).toBeUndefined();
    expect(r.text).toBe("Phase 1\n");
  });

  it("a form asks for the next line", () => {
    const r = renderConsole({
      visibility: "private", blocks: [{ kind: "form", action: a("quiz.free:s"), buttonLabel: "Answer", title: "Your answer", inputLabel: "Q", maxLength: 2000 }], fallback: "",
    });
    expect(r.form).toEqual({ action: "quiz.free:s", title: "Your answer" });
    expect(r.text).toContain("Type your answer");
  });
});

describe("console command lines", () => {
  it("fills positional arguments in schema order", () => {
    expect(parseCommandLine("/quiz caching 2", ["topic", "level", "format"])).toEqual({ name: "quiz", args: { topic: "caching", level: "2" } });
  });
  it("takes key value and key=value pairs", () => {
    expect(parseCommandLine("/config time 09:00 tz=Asia/Kolkata days mon-fri", ["action", "channel", "time", "tz", "days", "plan"]))
      .toEqual({ name: "config", args: { time: "09:00", tz: "Asia/Kolkata", days: "mon-fri" } });
    expect(parseCommandLine("/config show", ["action", "channel", "time"])).toEqual({ name: "config", args: { action: "show" } });
  });
  it("lets the schema's last argument, given by name, hold spaces (a group name)", () => {
    expect(parseCommandLine("/leaderboard week group Night Owls", ["period", "group"]))
      .toEqual({ name: "leaderboard", args: { period: "week", group: "Night Owls" } });
    expect(parseCommandLine("/leaderboard group Night Owls", ["period", "group"]))
      .toEqual({ name: "leaderboard", args: { group: "Night Owls" } });
    expect(parseCommandLine("/quiz level 2 caching", ["topic", "level", "format"]))
      .toEqual({ name: "quiz", args: { level: "2", topic: "caching" } });
  });
});

describe("member-written text and terminal control on the console", () => {
  it("prints a member's text as typed, without its escape sequences or control characters", () => {
    const name = "Eve\u001b[2J\u001b]0;pwned\u0007\u0008\u0000 [x](https://e.example)";
    const out = renderConsole({ visibility: "channel", title: userText("T\u001b[31m"), blocks: [{ kind: "text", markdown: `**${userText(name)}** joined` }], fallback: "" }).text;
    expect(out).toBe("━━ T ━━\nEve [x](https://e.example) joined\n");
  });
  it("a typed line: control stripped; a 1 MB line refused whole with a clear message", () => {
    expect(readLine("/quiz \u001b[31mcaching\u0007")).toEqual({ ok: true, line: "/quiz caching" });
    const huge = readLine("x".repeat(1_000_000));
    expect(huge).toEqual({ ok: false, message: `That line is too long (1,000,000 characters; the most I read is ${MAX_LINE.toLocaleString("en-US")}). Nothing was sent.` });
  });
});
