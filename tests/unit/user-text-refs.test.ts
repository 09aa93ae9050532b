/**
 * Member-written text beside command references (bot/command-ref.ts): every renderer spells the
 * references first and escapes member text after, and a member cannot forge a reference.
 */
import { describe, expect, it } from "vitest";
import { renderConsole } from "../../src/adapters/console/render.js";
import { renderReply } from "../../src/adapters/discord/render.js";
import { renderMessages } from "../../src/adapters/slack/render.js";
import { cmd } from "../../src/bot/command-ref.js";
import { channelReply, text, userText } from "../../src/bot/reply.js";

// What a member could type as a group name to have a command spelled inside it.
const FORGED = `\u0002${JSON.stringify({ cmd: { command: "config", sub: "reset" } })}\u0003`;
const reply = () => channelReply(undefined, [
  text(`${userText(`Night_Owls ${FORGED}`)} joined. Try ${cmd("quiz")} or ${cmd("group join", { name: userText("Night_Owls") })}.`),
], `${userText(FORGED)} joined: ${cmd("daily")}`);

const RENDERED: Record<string, () => string> = {
  discord: () => JSON.stringify(renderReply(reply()).messages),
  slack: () => JSON.stringify(renderMessages(reply())),
  console: () => JSON.stringify(renderConsole(reply()).text),
};

describe("member text and command references in every renderer", () => {
  for (const [platform, render] of Object.entries(RENDERED)) {
    it(`${platform}: the core's references are spelled, a forged one in member text is not`, () => {
      const out = render();
      expect(out).toMatch(/\/(coach )?quiz/);
      expect(out).toContain("join");
      expect(out).not.toMatch(/\/(coach )?config reset/); // the forged reference spells no command
      expect(out).toContain("command"); // its text shows as typed
      expect(out).not.toMatch(/\\u000[23]|[\u0002\u0003\uE000\uE001]/);
    });
  }

  it("Slack's notification text: the reference spelled, the forged one plain", () => {
    const { text: line } = renderMessages(reply())[0]!;
    expect(line).toContain("/coach daily");
    expect(line).not.toContain("config reset");
    expect(line).not.toMatch(/[\u0002\u0003\uE000\uE001]/);
  });

  it("userText drops the reference delimiters, so the token never forms", () => {
    expect(userText(FORGED)).not.toMatch(/[\u0002\u0003]/);
  });

  it("a member's name inside a reference is escaped there (Discord)", () => {
    const out = renderReply(reply()).messages[0]!.embeds[0]!.description!;
    expect(out).toContain("`/group join name:Night\\_Owls`");
    expect(out).toContain("`/quiz`");
  });
});
