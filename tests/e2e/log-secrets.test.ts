/**
 * What a failed request leaves in the log: never the interaction or webhook token of its URL,
 * never its body (a member's `/me export` file included). 500s are injected on the routes a reply
 * takes (Discord: the interaction callback, the follow-up webhook; Slack: the response_url), and
 * the real pino logger (src/logger.ts) writes to a buffer that is then searched.
 */
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { startDiscordHarness, type DiscordHarness } from "./discord-fake/harness.js";
import { command, str } from "./discord-fake/payloads.js";
import { formBody, postSigned, slashCommand } from "./slack-fake/requests.js";
import { SIGNING_SECRET, startSlackSetup, type SlackSetup } from "./slack-fake/setup.js";

/** Distinctive enough that finding it in the log means the export's content got there. */
const NAME = "Quokka Zanzibar 7781";

function capture() {
  let text = "";
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { text += chunk.toString(); done(); } });
  return { logger: createLogger("info", sink), text: () => text };
}

let discord: DiscordHarness | undefined;
let slack: SlackSetup | undefined;
afterEach(async () => {
  await discord?.close(); discord = undefined;
  await slack?.close(); slack = undefined;
});

describe("failed requests in the log", () => {
  it("Discord: a /me export whose callback fails, then one whose follow-up fails: no token, no body, no export bytes", async () => {
    const log = capture();
    discord = await startDiscordHarness({ logger: log.logger });
    const { fake } = discord;
    const who = { id: "700000000000009001", name: NAME };
    // A quiz first, so the member has a profile whose export carries their name.
    const quiz = command(fake, who, "quiz", [str("topic", "caching")]);
    fake.interact(quiz);
    await fake.waitFor(() => fake.callbacks.find((c) => c.interactionId === quiz.id));

    // discord.js retries a 5xx three times: every try fails.
    for (let i = 0; i < 4; i++) fake.inject("POST", "/interactions/{interaction_id}/{interaction_token}/callback", { status: 500, body: { message: "500: Internal Server Error", code: 0 } });
    const exported = command(fake, who, "me", [], { sub: "export" });
    fake.interact(exported);
    await fake.waitFor(() => (log.text().includes("interaction failed") ? true : undefined), 30_000);

    const slow = command(fake, who, "me", [], { sub: "export" });
    discord.slow.add(slow.id);
    for (let i = 0; i < 4; i++) fake.inject("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original", { status: 500, body: { message: "500: Internal Server Error", code: 0 } });
    fake.interact(slow);
    await fake.waitFor(() => (log.text().split("interaction failed").length > 2 ? true : undefined), 30_000);

    const text = log.text();
    for (const token of [exported.token, slow.token]) expect(text).not.toContain(token);
    expect(text).not.toContain(NAME);
    expect(text).not.toContain(Buffer.from(NAME).toString("base64").slice(0, 12));
    expect(text).not.toContain([...Buffer.from(NAME)].join(",")); // the file as a byte array
    expect(text).not.toMatch(/requestBody|"files"/);
    expect(text).toContain("/interactions/"); // the route is still there, to find the failure by
  });

  it("Slack: a response_url that fails: its path token and the body are not logged", async () => {
    const log = capture();
    slack = await startSlackSetup({ logger: log.logger });
    slack.fake.failResponses(5);
    const responseUrl = slack.fake.responseUrl("secret-hook-token-123");
    const body = formBody(slashCommand({ userId: "U9", userName: NAME, command: "/coach", text: "me export", responseUrl }));
    await postSigned(slack.eventsUrl, SIGNING_SECRET, body, "application/x-www-form-urlencoded");
    await slack.fake.waitFor(() => (log.text().includes("failed") ? true : undefined), 30_000);
    const text = log.text();
    expect(text).not.toContain("secret-hook-token-123");
    expect(text).not.toContain(NAME);
  });
});
