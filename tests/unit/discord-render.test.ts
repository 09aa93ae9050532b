/** The Discord adapter's pure parts: rendering per Block kind within Discord's limits, ids, command shapes. */
import { ApplicationCommandOptionType, ButtonStyle, GatewayIntentBits, type APIEmbed } from "discord.js";
import { describe, expect, it } from "vitest";
import { intentsFor } from "../../src/adapters/discord/client.js";
import { argsOf, slashCommands } from "../../src/adapters/discord/commands.js";
import { formActionOf, formButtonId, FormMemory } from "../../src/adapters/discord/forms.js";
import { LIMITS, nonceFor, splitText } from "../../src/adapters/discord/limits.js";
import { withoutMention } from "../../src/adapters/discord/events.js";
import { attachmentsOf, lockClicked, renderReply } from "../../src/adapters/discord/render.js";
import { choiceMarks } from "../../src/bot/views/quiz.js";
import type { ActionId } from "../../src/bot/action-ids.js";
import { actionName } from "../../src/bot/action-ids.js";
import { commands } from "../../src/bot/commands/index.js";
import { whiteboardLine } from "../../src/bot/whiteboard.js";
import { channelReply, divider, fields, privateReply, text, userText, type Block } from "../../src/bot/reply.js";

const id = (s: string) => s as ActionId;
const size = (e: APIEmbed) => (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
const one = (blocks: Block[], title?: string) => renderReply(privateReply(title, blocks)).messages;

describe("rendering a reply for Discord", () => {
  it("text: the description of an embed titled by the reply", () => {
    const [m] = one([text("**What is a cache?**"), text("_Think about it._")], "caching · level 1");
    expect(m!.embeds).toEqual([{ color: expect.any(Number), title: "caching · level 1", description: "**What is a cache?**\n\n_Think about it._" }]);
    expect(m!.components).toEqual([]);
  });

  it("fields: embed fields, short ones inline, long ones trimmed to Discord's limits", () => {
    const [m] = one([fields(["Score", "80%"], ["Notes", "x".repeat(2_000)], ["L".repeat(300), "v"])]);
    const [score, notes, long] = m!.embeds[0]!.fields!;
    expect(score).toEqual({ name: "Score", value: "80%", inline: true });
    expect(notes!.value).toHaveLength(LIMITS.fieldValue);
    expect(notes!.value.endsWith("…")).toBe(true);
    expect(notes!.inline).toBe(false);
    expect(long!.name).toHaveLength(LIMITS.fieldName);
  });

  it("fields: more than 25 continue in the next embed; text after fields starts a new one", () => {
    const many = Array.from({ length: 30 }, (_, i): [string, string] => [`f${i}`, `${i}`]);
    const [m] = one([fields(...many), text("after")]);
    expect(m!.embeds.map((e) => e.fields?.length ?? 0)).toEqual([25, 5, 0]);
    expect(m!.embeds[2]!.description).toBe("after");
  });

  it("divider: what follows goes in a new embed", () => {
    const [m] = one([text("grade"), divider, text("next")]);
    expect(m!.embeds.map((e) => e.description)).toEqual(["grade", "next"]);
  });

  it("choices: buttons, five to a row, the core's style kept", () => {
    const options = Array.from({ length: 7 }, (_, i) => ({ action: id(`quiz.answer:s1:${i}`), label: `Option ${i}` }));
    const [m] = one([text("Q"), { kind: "choices", options }, { kind: "choices", options: [{ action: id("quiz.next:caching:1"), label: "Next", style: "primary" }] }]);
    expect(m!.components.map((r) => r.components.length)).toEqual([5, 2, 1]);
    expect(m!.components[0]!.components[0]).toEqual({ type: 2, custom_id: "quiz.answer:s1:0", label: "Option 0", style: ButtonStyle.Secondary });
    expect(m!.components[2]!.components[0]!.style).toBe(ButtonStyle.Primary);
  });

  it("choices: never more than 5 rows; what does not fit is reported, not silently lost", () => {
    const options = Array.from({ length: 27 }, (_, i) => ({ action: id(`a:${i}`), label: `${i}` }));
    const { messages, dropped } = renderReply(channelReply(undefined, [text("Q"), { kind: "choices", options }]));
    expect(messages[0]!.components).toHaveLength(LIMITS.rowsPerMessage);
    expect(dropped).toEqual(["a:25", "a:26"]);
  });

  it("choices: labels over 80 characters are numbered and cut, with the full options listed above", () => {
    const long = "A write-through cache updates the cache and the database in the same request, so reads never see stale data";
    const [m] = one([text("Q"), { kind: "choices", options: [{ action: id("a:0"), label: long }, { action: id("a:1"), label: "Short" }] }]);
    const [b0, b1] = m!.components[0]!.components;
    expect(b0!.label!.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
    expect(b0!.label!.startsWith("1. A write-through")).toBe(true);
    expect(b1!.label).toBe("2. Short");
    expect(m!.embeds[0]!.description).toContain(`**1.** ${long}`);
  });

  it("form: a button that opens a modal with the form's title, label and length", () => {
    const forms = new FormMemory();
    const form: Block = { kind: "form", action: id("quiz.free:s9"), buttonLabel: "Answer", title: "Your answer", inputLabel: "Explain write-back caching", maxLength: 2_000 };
    const [m] = renderReply(privateReply("Q", [text("Explain."), form]), forms).messages;
    const button = m!.components[0]!.components[0]!;
    expect(button).toMatchObject({ custom_id: "form>quiz.free:s9", label: "Answer", style: ButtonStyle.Primary });
    expect(formActionOf(button.custom_id)).toBe("quiz.free:s9");
    expect(formActionOf("quiz.answer:s9:1")).toBeUndefined();
    expect(forms.modalFor("quiz.free:s9")).toEqual({
      custom_id: "quiz.free:s9", title: "Your answer",
      components: [{ type: 18, label: "Explain write-back caching", component: { type: 4, custom_id: "answer", style: 2, required: true, min_length: 1, max_length: 2_000 } }],
    });
    // After a restart nothing is remembered: still a modal, with a generic label.
    expect(new FormMemory().modalFor("quiz.free:s9")).toMatchObject({ custom_id: "quiz.free:s9", title: "Your answer", components: [{ label: "Your answer" }] });
    expect(() => formButtonId("x".repeat(99))).toThrow(RangeError);
  });

  it("form: a question longer than a label's 45 characters is shown whole in a Text Display above an input labelled \"Your answer\"", () => {
    const forms = new FormMemory();
    const question = "Explain how a write-back cache can lose data when a node crashes, and one way to bound that loss.";
    renderReply(privateReply("Q", [{ kind: "form", action: id("quiz.free:s8"), buttonLabel: "Answer", title: "Your answer", inputLabel: question, maxLength: 2_000 }]), forms);
    const modal = forms.modalFor("quiz.free:s8");
    expect(modal.components).toEqual([
      { type: 10, content: question },
      { type: 18, label: "Your answer", component: { type: 4, custom_id: "answer", style: 2, required: true, min_length: 1, max_length: 2_000 } },
    ]);
  });

  it("a thread-fallback form (a mock's Answer) is a reusable button without Message Content, and left out with it", () => {
    const answer: Block = { kind: "form", action: id("mock.say:m1"), buttonLabel: "Answer", title: "Say it", inputLabel: "Line", maxLength: 2_000, threadFallback: true };
    const [without] = renderReply(privateReply("Phase 1", [text("Go."), answer]), new FormMemory()).messages;
    const button = without!.components[0]!.components[0]!;
    expect(button.custom_id).toBe("form*>mock.say:m1");
    expect(formActionOf(button.custom_id)).toBe("mock.say:m1");
    const [withContent] = renderReply(privateReply("Phase 1", [text("Go."), answer]), new FormMemory(), { readsThreads: true }).messages;
    expect(withContent!.components).toEqual([]);
  });

  it("a long reply is split: descriptions ≤ 4,096, ≤ 10 embeds and ≤ 6,000 characters per message, buttons on the last", () => {
    const paragraph = `${"word ".repeat(199)}end.`; // 1,000 characters
    const blocks: Block[] = [text(Array.from({ length: 20 }, () => paragraph).join("\n\n")), { kind: "choices", options: [{ action: id("n"), label: "Next" }] }];
    const { messages } = renderReply(channelReply("A long explanation", blocks));
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
      expect(m.embeds.reduce((n, e) => n + size(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
      for (const e of m.embeds) expect(e.description!.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    }
    expect(messages.slice(0, -1).every((m) => m.components.length === 0)).toBe(true);
    expect(messages.at(-1)!.components).toHaveLength(1);
    expect(messages[0]!.embeds[0]!.title).toBe("A long explanation");
    const all = messages.flatMap((m) => m.embeds.map((e) => e.description)).join("\n\n");
    expect(all.replace(/\s+/g, " ")).toBe(Array.from({ length: 20 }, () => paragraph).join(" ").replace(/\s+/g, " "));
  });

  it("nothing for a card: the fallback text as content, so a message is never empty", () => {
    expect(renderReply({ visibility: "private", blocks: [], fallback: "Done." }).messages).toEqual([{ content: "Done.", embeds: [], components: [] }]);
  });

  it("files: decoded from base64 onto the first message, with their attachments entries; past 10, in messages of their own", () => {
    const file = (i: number) => ({ name: `f${i}.json`, contentType: "application/json" as const, data: Buffer.from(`{"n":${i}}`).toString("base64") });
    const reply = { ...privateReply("Export", [text("Your data."), { kind: "choices" as const, options: [{ action: id("me.delete:1"), label: "Erase" }] }]), files: [{ ...file(0), description: "all rows" }] };
    const [m] = renderReply(reply).messages;
    expect(m!.files).toEqual([{ name: "f0.json", contentType: "application/json", data: Buffer.from('{"n":0}'), description: "all rows" }]);
    expect(m!.components).toHaveLength(1);
    expect(attachmentsOf(m!.files!)).toEqual([{ id: "0", filename: "f0.json", description: "all rows" }]);

    const many = renderReply({ ...privateReply("Export", [text("Your data.")]), files: Array.from({ length: 12 }, (_, i) => file(i)) }).messages;
    expect(many.map((x) => x.files?.length ?? 0)).toEqual([10, 2]);
    expect(many[1]!.embeds).toEqual([]);
    expect(renderReply(privateReply("No files", [text("x")])).messages[0]).not.toHaveProperty("files");
  });

  it("a click locks the buttons of its kind, marks the one clicked as chosen (blue), and leaves the others usable", () => {
    const rows = [
      { type: 1, components: ["good", "hard"].map((r) => ({ type: 2, custom_id: `review.rate:s1:${r}`, label: r, style: 2 })) },
      { type: 1, components: [{ type: 2, custom_id: "quiz.next:caching:1", label: "Next", style: 1 }] },
    ];
    const out = lockClicked(rows, "review.rate:s1:good", actionName) as typeof rows;
    expect(out[0]!.components).toEqual([
      { type: 2, custom_id: "review.rate:s1:good", label: "good", style: ButtonStyle.Primary, disabled: true },
      { type: 2, custom_id: "review.rate:s1:hard", label: "hard", style: ButtonStyle.Secondary, disabled: true },
    ]);
    expect(out[1]).toEqual(rows[1]);
  });

  it("a graded question's buttons: a wrong pick red, the right answer green, the rest grey", () => {
    const rows = [{ type: 1, components: [0, 1, 2].map((c) => ({ type: 2, custom_id: `quiz.answer:s1:${c}`, label: `o${c}`, style: 2 })) }];
    const marks = choiceMarks("s1", { chosen: 2, correctIndex: 0 });
    const out = lockClicked(rows, "quiz.answer:s1:2", actionName, marks) as Array<{ components: Array<{ custom_id: string; style: number; disabled?: boolean }> }>;
    expect(out[0]!.components.map((b) => [b.custom_id, b.style, b.disabled])).toEqual([
      ["quiz.answer:s1:0", ButtonStyle.Success, true], ["quiz.answer:s1:1", ButtonStyle.Secondary, true], ["quiz.answer:s1:2", ButtonStyle.Danger, true],
    ]);
    const right = lockClicked(rows, "quiz.answer:s1:0", actionName, choiceMarks("s1", { chosen: 0, correctIndex: 0 })) as typeof rows;
    expect(right[0]!.components.map((b) => b.style)).toEqual([ButtonStyle.Success, ButtonStyle.Secondary, ButtonStyle.Secondary]);
  });
});

describe("Discord ids and limits", () => {
  it("nonces: the key itself when it fits 25 characters, else a stable hash of it", () => {
    expect(nonceFor("daily-12-2026-11-23")).toBe("daily-12-2026-11-23");
    const long = "mock-abcdef123456-warn5--1-extra";
    expect(nonceFor(long)).toHaveLength(25);
    expect(nonceFor(long)).toBe(nonceFor(long));
    expect(nonceFor(long)).not.toBe(nonceFor(`${long}#2`));
  });

  it("splits text at paragraph or word boundaries", () => {
    expect(splitText("aaaa bbbb cccc", 10)).toEqual(["aaaa bbbb", "cccc"]);
    expect(splitText("x".repeat(25), 10)).toEqual(["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
  });

  it("intents: Guilds and GuildMessages (not privileged), plus Message Content when switched on", () => {
    expect(intentsFor(false)).toEqual([GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);
    expect(intentsFor(true)).toEqual([GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent]);
  });

  it("a mention of the bot (either form) is taken out of what the member said", () => {
    expect(withoutMention("<@42> how many daily users?", "42")).toBe("how many daily users?");
    expect(withoutMention("so <@!42>, what   about latency <@42>", "42")).toBe("so , what about latency");
    expect(withoutMention("<@7> ask <@42>", "42")).toBe("<@7> ask");
    expect(withoutMention("<@42>", "42")).toBe("");
  });
});

describe("slash commands from the core's commands", () => {
  const body = slashCommands(commands);
  const byName = (n: string) => body.find((c) => c.name === n)!;

  it("every command, with valid names and descriptions, required options first", () => {
    expect(body.map((c) => c.name)).toEqual(commands.map((c) => c.name));
    for (const c of body) {
      expect(c.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(c.description!.length).toBeLessThanOrEqual(100);
      const flat = (c.options ?? []).flatMap((o) => ("options" in o && o.options ? o.options : [o]));
      for (const o of flat) {
        expect(o.description.length).toBeGreaterThan(0);
        expect(o.description.length).toBeLessThanOrEqual(100);
      }
    }
  });

  it("enums → choices, whole numbers → integers with bounds, ids → autocomplete, help's command → the command names", () => {
    const mockStart = byName("mock").options!.find((o) => o.name === "start") as { options: unknown[] };
    expect(mockStart.options).toEqual([
      expect.objectContaining({ name: "problem", type: ApplicationCommandOptionType.String, autocomplete: true }),
      expect.objectContaining({ name: "minutes", type: ApplicationCommandOptionType.Integer, min_value: 20, max_value: 90 }),
      expect.objectContaining({ name: "framework", choices: [{ name: "radio", value: "radio" }, { name: "redsco", value: "redsco" }] }),
    ]);
    const help = byName("help").options![0] as { choices: Array<{ value: string }> };
    expect(help.choices.map((c) => c.value)).toEqual(commands.map((c) => c.name));
    expect(byName("leaderboard").options![0]).toMatchObject({ name: "period", required: false });
  });

  it("a subcommand's options come back as core args, the subcommand as `action`", () => {
    const options = [{ name: "set", type: ApplicationCommandOptionType.Subcommand, options: [
      { name: "time", type: ApplicationCommandOptionType.String, value: "09:00" },
      { name: "channel", type: ApplicationCommandOptionType.Channel, value: "123" },
    ] }];
    expect(argsOf(options)).toEqual({ action: "set", time: "09:00", channel: "123" });
    expect(argsOf([{ name: "level", type: ApplicationCommandOptionType.Integer, value: 2 }])).toEqual({ level: 2 });
  });
});

describe("member-written text on Discord (userText)", () => {
  const EVIL = "[win a prize](https://evil.example/x) ```js\nboom``` @everyone <@123> <#9>\n# Heading";
  it("is escaped wherever a reply carries it: no masked link, fence, heading or mention survives", () => {
    const r = channelReply(`Group ${userText("[x](https://e.example)")}`, [
      text(`**${userText(EVIL)}** started a group`), fields(["Leader", userText("@here *bold*")]),
    ], `By ${userText("@everyone")}`);
    const [m] = renderReply(r).messages;
    const [e] = m!.embeds;
    expect(e!.description).toBe("**\\[win a prize\\](https://evil.example/x) \\`\\`\\`js\nboom\\`\\`\\` \\@everyone \\<\\@123\\> \\<\\#9\\>\n\\# Heading** started a group");
    expect(e!.title).toBe("Group \\[x\\](https://e.example)");
    expect(e!.fields?.[0]?.value).toBe("\\@here \\*bold\\*");
    // No private-use marks reach Discord, and core markdown around the member's text still renders.
    expect(JSON.stringify(m)).not.toMatch(/[\uE000\uE001]/);
    expect(e!.description?.startsWith("**")).toBe(true);
    // Only the fallback to show: it is escaped too.
    expect(renderReply({ visibility: "channel", blocks: [], fallback: `Hi ${userText("@everyone")}` }).messages[0]!.content).toBe("Hi \\@everyone");
  });
  it("button labels are plain text: the marks go, nothing is escaped", () => {
    const [m] = renderReply(privateReply(undefined, [{ kind: "choices", options: [{ action: id("a"), label: `Join ${userText("Night_Owls")}` }] }])).messages;
    expect(m!.components[0]!.components[0]!.label).toBe("Join Night_Owls");
  });
});

describe("a mock's whiteboard link on Discord (issue 22)", () => {
  it("reaches the embed whole: the room id, the comma and a key with _ and - are not escaped or cut", () => {
    const link = "https://excalidraw.com/#room=0123456789abcdef0123,Ab_d-fGh_jKl-nOp_rSt-v";
    const [m] = one([text(whiteboardLine(link, true))]);
    const shown = JSON.stringify(m);
    expect(shown).toContain(`${link} — a fresh Excalidraw room`);
  });
});
