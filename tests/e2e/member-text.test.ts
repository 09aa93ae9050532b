/**
 * A display name written as markup is posted as text, not as a live masked link or a mention:
 * `/round start` announces "Started by <name>" in the channel. The real discord.js client and bolt
 * app, their renderers, and what the fake platforms received. (Group names allow no brackets.)
 */
import { afterEach, describe, expect, it } from "vitest";
import { startDiscordHarness, type DiscordHarness } from "./discord-fake/harness.js";
import { command, str } from "./discord-fake/payloads.js";
import { formBody, postSigned, slashCommand } from "./slack-fake/requests.js";
import { SIGNING_SECRET, startSlackSetup, type SlackSetup } from "./slack-fake/setup.js";

const EVIL = "[win a prize](https://evil.example/x) @everyone";

let discord: DiscordHarness | undefined;
let slack: SlackSetup | undefined;
afterEach(async () => {
  await discord?.close(); discord = undefined;
  await slack?.close(); slack = undefined;
});

describe("a member whose name is a link", () => {
  it("Discord: the round's channel post shows the name escaped, and pings nobody", async () => {
    discord = await startDiscordHarness();
    const { fake } = discord;
    const start = command(fake, { id: "700000000000000077", name: EVIL }, "round", [str("topic", "caching")], { sub: "start" });
    fake.interact(start);
    const posted = await fake.waitFor(() => fake.messages.find((m) => m.interactionId === start.id));
    const shown = JSON.stringify(posted.embeds);
    expect(shown).toContain("Started by \\\\[win a prize\\\\](https://evil.example/x) \\\\@everyone");
    expect(shown).not.toMatch(/[^\\]\[win a prize\]\(/);
    expect(fake.violations).toEqual([]);
    const callback = fake.callbacks.find((c) => c.interactionId === start.id);
    expect(JSON.stringify(callback?.data)).toContain('"allowed_mentions":{"parse":[]}');
  });

  it("Slack: the round's channel post has no <url|text> link and no mention", async () => {
    slack = await startSlackSetup({ withJobs: true });
    slack.fake.users.set("U7", { id: "U7", name: EVIL });
    const body = formBody(slashCommand({ userId: "U7", command: "/coach", text: "round start caching", responseUrl: slack.fake.responseUrl("round") }));
    expect((await postSigned(slack.eventsUrl, SIGNING_SECRET, body, "application/x-www-form-urlencoded")).status).toBe(200);
    const sent = await slack.fake.waitFor(() => {
      const all = [...slack!.fake.calls.filter((c) => c.method === "chat.postMessage").map((c) => c.args), ...slack!.fake.responses.map((r) => r.body)];
      return all.find((a) => JSON.stringify(a).includes("Started by"));
    });
    const shown = JSON.stringify(sent);
    expect(shown).toContain("[win a prize](https://evil.example/x)");
    expect(shown).not.toContain("<https://evil.example/x|");
    expect(shown).not.toMatch(/<!(everyone|channel|here)>/);
  });
});
