/** Slack rendering: each Block kind → Block Kit within Slack's limits; slash text → command args. */
import { describe, expect, it } from "vitest";
import type { ActionId } from "../../src/bot/action-ids.js";
import { commands } from "../../src/bot/commands/index.js";
import { whiteboardLine } from "../../src/bot/whiteboard.js";
import { userText, type Block, type Reply } from "../../src/bot/reply.js";
import { parseSlash, unescapeSlackText } from "../../src/adapters/slack/commands.js";
import { splitMrkdwn, toMrkdwn } from "../../src/adapters/slack/mrkdwn.js";
import { LIMITS, parseFormSpec, renderBlock, renderBlocks, renderMessages } from "../../src/adapters/slack/render.js";
import { formModal, homeView, parseFormOrigin } from "../../src/adapters/slack/views.js";

const id = (s: string) => s as ActionId;
const reply = (blocks: Block[], title?: string): Reply => ({ visibility: "private", blocks, fallback: "fallback <b>", ...(title ? { title } : {}) });
type Json = Record<string, unknown> & { type: string };
const json = (b: unknown) => b as Json;

describe("core markdown → Slack mrkdwn", () => {
  it("turns **bold** into *bold*, keeps _italics_ and `code`, escapes &, < and >", () => {
    expect(toMrkdwn("**Correct:** use _a cache_ & `GET /x?a=1&b=2` <now>")).toBe("*Correct:* use _a cache_ &amp; `GET /x?a=1&amp;b=2` &lt;now&gt;");
    expect(toMrkdwn("a `**not bold**` b")).toBe("a `**not bold**` b");
    expect(toMrkdwn("see [docs](https://example.com/a)")).toBe("see <https://example.com/a|docs>");
  });

  it("splits long text at line breaks, never over the limit, and closes and reopens a bold span cut in two", () => {
    const lines = Array.from({ length: 200 }, (_, i) => `• line ${i} with some words to fill the section`).join("\n");
    const chunks = splitMrkdwn(lines, 3_000);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.length <= 3_000)).toBe(true);
    expect(chunks.join("\n")).toBe(lines);
    const bold = `*${"word ".repeat(1_000)}*`;
    const parts = splitMrkdwn(bold, 3_000);
    expect(parts.length).toBe(2);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(3_000);
      expect(p.startsWith("*") && p.endsWith("*")).toBe(true);
    }
  });
});

describe("Block → Block Kit", () => {
  it("text: a mrkdwn section, split into several past 3,000 characters", () => {
    expect(renderBlock({ kind: "text", markdown: "**Hi**" })).toEqual([{ type: "section", text: { type: "mrkdwn", text: "*Hi*" } }]);
    const long = renderBlock({ kind: "text", markdown: "x ".repeat(4_000) });
    expect(long.length).toBe(3);
    expect(long.every((b) => (json(b).text as { text: string }).text.length <= LIMITS.sectionText)).toBe(true);
  });

  it("fields: sections of at most 10 fields, each *label* then the value", () => {
    const blocks = renderBlock({ kind: "fields", fields: Array.from({ length: 12 }, (_, i) => ({ label: `L${i}`, value: `**v${i}**` })) });
    expect(blocks).toHaveLength(2);
    expect((json(blocks[0]).fields as unknown[]).length).toBe(10);
    expect((json(blocks[0]).fields as Array<{ text: string }>)[0]!.text).toBe("*L0*\n*v0*");
  });

  it("choices: buttons with the action ids; primary style kept; 25 per actions block", () => {
    const [actions] = renderBlock({ kind: "choices", options: [{ action: id("a:1"), label: "One", style: "primary" }, { action: id("a:2"), label: "Two", style: "secondary" }] });
    expect(actions).toEqual({
      type: "actions", elements: [
        { type: "button", action_id: "a:1", text: { type: "plain_text", emoji: true, text: "One" }, style: "primary" },
        { type: "button", action_id: "a:2", text: { type: "plain_text", emoji: true, text: "Two" } },
      ],
    });
    const many = renderBlock({ kind: "choices", options: Array.from({ length: 30 }, (_, i) => ({ action: id(`a:${i}`), label: `${i}` })) });
    expect(many.map((b) => (json(b).elements as unknown[]).length)).toEqual([25, 5]);
  });

  it("choices with a label too long for a button: the options listed in full, numbered buttons", () => {
    const long = "A consistent-hashing ring with virtual nodes, so that adding a node moves only about 1/N of the keys";
    const blocks = renderBlock({ kind: "choices", options: [{ action: id("a:0"), label: long }, { action: id("a:1"), label: "Short" }] });
    expect(json(blocks[0]).type).toBe("section");
    expect((json(blocks[0]).text as { text: string }).text).toContain(`*1.* ${long}`);
    const labels = (json(blocks[1]).elements as Array<{ text: { text: string } }>).map((e) => e.text.text);
    expect(labels[0]!.startsWith("1. A consistent")).toBe(true);
    expect(labels.every((l) => l.length <= LIMITS.buttonText)).toBe(true);
    expect(labels[1]).toBe("2. Short");
  });

  it("a thread-fallback form is left out: Slack passes thread replies to the bot", () => {
    expect(renderBlock({ kind: "form", action: id("mock.say:m1"), buttonLabel: "Answer", title: "Say it", inputLabel: "Line", maxLength: 2_000, threadFallback: true })).toEqual([]);
  });

  it("form: a button whose value carries the modal's title, label and length", () => {
    const [block] = renderBlock({ kind: "form", action: id("quiz.free:s1"), buttonLabel: "Answer", title: "Your answer", inputLabel: "What is a cache?", maxLength: 2_000 });
    const button = (json(block).elements as Array<{ action_id: string; value: string }>)[0]!;
    expect(button.action_id).toBe("form/quiz.free:s1");
    expect(parseFormSpec(button.action_id, button.value)).toEqual({ action: "quiz.free:s1", title: "Your answer", label: "What is a cache?", maxLength: 2_000 });
    expect(parseFormSpec("quiz.answer:s1:0", button.value)).toBeUndefined();
  });

  it("form: the whole question is the modal's input label (Slack allows 2,000); a question too long for the button's value still parses", () => {
    const question = "Explain how a write-back cache can lose data when a node crashes, and one way to bound that loss.";
    const [block] = renderBlock({ kind: "form", action: id("quiz.free:s2"), buttonLabel: "Answer", title: "Your answer", inputLabel: question, maxLength: 2_000 });
    const button = (json(block).elements as Array<{ action_id: string; value: string }>)[0]!;
    const spec = parseFormSpec(button.action_id, button.value)!;
    expect(spec.label).toBe(question);
    const view = formModal(spec, { action: spec.action, channelId: "C1", isPrivate: true });
    expect((view.blocks[0] as { label: { text: string } }).label.text).toBe(question);

    const huge = `${"Why? ".repeat(500)}"quoted"\n`;
    const [big] = renderBlock({ kind: "form", action: id("quiz.free:s3"), buttonLabel: "Answer", title: "Your answer", inputLabel: huge, maxLength: 2_000 });
    const bigButton = (json(big).elements as Array<{ action_id: string; value: string }>)[0]!;
    expect(bigButton.value.length).toBeLessThanOrEqual(2_000);
    expect(parseFormSpec(bigButton.action_id, bigButton.value)?.label.startsWith("Why? Why?")).toBe(true);
  });

  it("divider, and a title as a plain-text header of at most 150 characters", () => {
    expect(renderBlock({ kind: "divider" })).toEqual([{ type: "divider" }]);
    const [header] = renderBlocks(reply([], `**${"t".repeat(200)}**`));
    expect(json(header).type).toBe("header");
    expect((json(header).text as { text: string }).text.length).toBe(150);
  });

  it("over 50 blocks becomes several messages, never separating buttons from the block above them", () => {
    const blocks: Block[] = Array.from({ length: 49 }, (_, i) => ({ kind: "text", markdown: `t${i}` }));
    blocks.push({ kind: "text", markdown: "question" }, { kind: "choices", options: [{ action: id("a:1"), label: "x" }] });
    const messages = renderMessages(reply(blocks));
    expect(messages.map((m) => m.blocks.length)).toEqual([49, 2]);
    expect(messages.every((m) => m.text === "fallback &lt;b&gt;")).toBe(true);
  });
});

describe("modals and the Home tab", () => {
  it("the answer modal fits Slack's limits and its metadata round-trips", () => {
    const view = formModal({ action: "quiz.free:s1", title: "An answer with a very long title", label: "Explain", maxLength: 5_000 },
      { action: "quiz.free:s1", channelId: "C1", threadId: "1.2", responseUrl: "https://hooks.slack.com/x", isPrivate: true });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(json(view.blocks[0]).element).toMatchObject({ max_length: 3_000, multiline: true });
    expect(parseFormOrigin(view.private_metadata)).toEqual({ action: "quiz.free:s1", channelId: "C1", threadId: "1.2", responseUrl: "https://hooks.slack.com/x", isPrivate: true });
    expect(parseFormOrigin("not json")).toBeUndefined();
  });

  it("the Home tab shows the progress card and buttons only for commands that exist", () => {
    const view = homeView(reply([{ kind: "text", markdown: "hello" }], "Your progress"), new Set(["quiz", "review"]));
    const ids = view.blocks.filter((b) => b.type === "actions").flatMap((b) => (json(b).elements as Array<{ action_id: string }>).map((e) => e.action_id));
    expect(ids).toEqual(["cmd/quiz", "cmd/review"]);
    expect(json(view.blocks[0]).type).toBe("header");
  });
});

describe("slash command text → command and args", () => {
  it("/quiz fills the quiz's arguments in order; /coach picks the command by its first word", () => {
    expect(parseSlash("/quiz", "caching 2 free", commands)).toEqual({ name: "quiz", args: { topic: "caching", level: "2", format: "free" } });
    expect(parseSlash("/quiz", "", commands)).toEqual({ name: "quiz", args: {} });
    expect(parseSlash("/coach", "config time 09:00 tz Asia/Kolkata", commands)).toEqual({ name: "config", args: { time: "09:00", tz: "Asia/Kolkata" } });
    expect(parseSlash("/coach", "Stats", commands)).toEqual({ name: "stats", args: {} });
  });

  it("an unknown or missing subcommand is help; Slack's escaped channel and user references become ids", () => {
    expect(parseSlash("/coach", "dance", commands)).toEqual({ name: "help", args: {} });
    expect(parseSlash("/coach", "", commands)).toEqual({ name: "help", args: {} });
    expect(parseSlash("/coach", "config show channel <#C123|general>", commands)).toEqual({ name: "config", args: { action: "show", channel: "C123" } });
    expect(unescapeSlackText("<@U1|asha> &lt;3 <https://x.io|x>")).toBe("U1 <3 https://x.io");
  });
});

describe("member-written text on Slack (userText)", () => {
  it("is escaped and never converted: no link, mention, fence or bold from a member's text", () => {
    const md = `**${userText("[win a prize](https://evil.example/x) <!channel> <@U1> ```x``` *b*")}** joined; [docs](https://ok.example)`;
    expect(toMrkdwn(md)).toBe("*[win a prize](https://evil.example/x) &lt;!channel&gt; &lt;@U1&gt; `\u200b`\u200b`\u200bx`\u200b`\u200b`\u200b *\u200bb*\u200b* joined; <https://ok.example|docs>");
    const [m] = renderMessages({ visibility: "channel", title: `Group ${userText("*x*")}`, blocks: [{ kind: "fields", fields: [{ label: userText("<!here>"), value: userText("[a](https://b.example)") }] }], fallback: `By ${userText("<!everyone>")}` });
    expect(m!.text).toBe("By &lt;!everyone&gt;");
    expect(JSON.stringify(m)).not.toMatch(/[\uE000\uE001]|<!|<https:\/\/b\.example/);
    expect(JSON.stringify(m!.blocks[0])).toContain('"text":"Group *x*"'); // a header is plain text: marks gone, nothing to escape
  });
});

describe("a mock's whiteboard link and a booking on Slack (issue 22)", () => {
  it("the link reaches mrkdwn whole (no italics from its _ and no cut at the comma)", () => {
    const link = "https://excalidraw.com/#room=0123456789abcdef0123,Ab_d-fGh_jKl-nOp_rSt-v";
    const [block] = renderBlock({ kind: "text", markdown: whiteboardLine(link, false) });
    expect(JSON.stringify(block)).toContain(`${link} — a fresh Excalidraw room`);
  });

  it("`/coach mock pair tomorrow 19:00` is a booking's time, and `cancel` cancels", () => {
    expect(parseSlash("/coach", "mock pair tomorrow 19:00", commands)).toEqual({ name: "mock", args: { action: "pair", when: "tomorrow 19:00" } });
    expect(parseSlash("/coach", "mock pair cancel", commands)).toEqual({ name: "mock", args: { action: "pair", when: "cancel" } });
    expect(parseSlash("/coach", "mock start url shortener", commands)).toEqual({ name: "mock", args: { action: "start", problem: "url shortener" } });
  });
});
