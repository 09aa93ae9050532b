/**
 * A mock interview on Discord end to end, in both intent set-ups: `/mock start` opens a thread,
 * the candidate's messages in it reach the core, the interviewer's answer to a clarifying
 * question is posted in the thread, and `/mock end` there returns the scorecard.
 * - Without the privileged Message Content intent (the default), Discord delivers the content of
 *   thread messages only when they mention the bot: a mention works, a plain message is unread.
 * - With it (DISCORD_MESSAGE_CONTENT=true), plain messages are read.
 * The fake gateway withholds content exactly as Discord does, by the session's intents.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDiscordAdapter } from "../../src/adapters/discord/index.js";
import { commands } from "../../src/bot/commands/index.js";
import { loadCurriculum } from "../../src/curriculum/loader.js";
import type { Problem } from "../../src/curriculum/schema.js";
import { INTENTS } from "./discord-fake/gateway.js";
import { ROOT, startDiscordHarness, type DiscordHarness } from "./discord-fake/harness.js";
import { ASHA, click, command, str, submitModal } from "./discord-fake/payloads.js";
import { FAKE, FakeDiscord, type StoredMessage } from "./discord-fake/server.js";
import { DISCORD_SPEC_FILE, DiscordSpec } from "./discord-fake/spec.js";

const EPHEMERAL = 64;
const QUESTION = "how many daily users?";

interface Transcript { who: string; text: string }

/** A problem whose interviewer knows its daily users, so the answer to QUESTION is that fact's. */
function chatProblem(h: DiscordHarness): { problem: Problem; answer: string } {
  const problem = h.curriculum.problems.find((p) => p.facts.some((f) => f.asks.includes("daily users")))!;
  return { problem, answer: problem.facts.find((f) => f.asks.includes("daily users"))!.answer };
}

type Button = { custom_id: string; label?: string; disabled?: boolean };
const buttonsOf = (m: StoredMessage): Button[] => (m.components as Array<{ components: Button[] }>).flatMap((r) => r.components);
const titleOf = (m: StoredMessage) => (m.embeds[0] as { title?: string } | undefined)?.title ?? "";
const botPostsIn = (h: DiscordHarness, channelId: string) => h.fake.messages.filter((m) => m.channel_id === channelId);
/** The transcript of the latest mock interview. */
const transcriptOf = (h: DiscordHarness): Transcript[] => JSON.parse(String(h.sql("select transcript from mock_sessions order by started_at desc limit 1")[0]!.transcript)) as Transcript[];

/** `/mock start` by Asha in #general: the private confirmation, the thread and its opening message. */
async function startMock(h: DiscordHarness, problemId: string) {
  // Real time, so the phase timers lie minutes ahead and stay quiet during the test.
  h.clock.current = new Date();
  const threadsBefore = h.fake.threads.length;
  const p = command(h.fake, ASHA, "mock", [str("problem", problemId)], { sub: "start" });
  h.fake.interact(p);
  const confirmation = await h.fake.waitFor(() => h.fake.messages.find((m) => m.interactionId === p.id && m.embeds.length > 0));
  const thread = await h.fake.waitFor(() => h.fake.threads.slice(threadsBefore).find((t) => t.parentId === FAKE.general));
  const opening = h.fake.messages.find((m) => m.id === thread.messageId)!;
  // The client learns of the thread from THREAD_CREATE, as with Discord; messages in it need that.
  await h.fake.waitFor(() => h.adapter.client.channels.cache.has(thread.id));
  return { confirmation, thread, opening };
}

/** `/mock end` typed inside the thread: the scorecard is the interaction's reply there. */
async function endMockIn(h: DiscordHarness, threadId: string): Promise<StoredMessage> {
  const p = command(h.fake, ASHA, "mock", [], { sub: "end", channelId: threadId, parentId: FAKE.general });
  h.fake.interact(p);
  return h.fake.waitFor(() => h.fake.messages.find((m) => m.interactionId === p.id && m.embeds.length > 0));
}

function checkedAfterEach(get: () => DiscordHarness) {
  afterEach(() => {
    const h = get();
    const violations = h.fake.violations.splice(0);
    const errors = h.logged.errors.splice(0);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });
}

describe("Discord mock interview without the Message Content intent", () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscordHarness();
  });
  afterAll(async () => h?.close());
  checkedAfterEach(() => h);

  it("a mention in the thread reaches the core and the interviewer answers there; a plain message is unread; /mock end in the thread gives the scorecard", async () => {
    expect(h.fake.gateway.intents).toBe(1 | 512); // Guilds + GuildMessages: nothing privileged
    const { problem, answer } = chatProblem(h);
    const { confirmation, thread, opening } = await startMock(h, problem.id);
    expect(titleOf(confirmation)).toBe("Mock interview started");
    expect(confirmation.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(opening.channel_id).toBe(FAKE.general);
    expect(titleOf(opening)).toBe(`Mock interview: ${problem.title}`);
    expect(JSON.stringify(opening.embeds)).toContain(`Mention <@${FAKE.botId}> at the start of each message`);
    expect(h.sql("select thread_id from mock_sessions")).toEqual([{ thread_id: thread.id }]);

    // A plain message: Discord withholds its content, so the core never sees it…
    const plain = h.fake.say(ASHA, thread.id, "I would start with the requirements.");
    expect(plain).toMatchObject({ dispatched: true, deliveredContent: "" });
    // …while one that mentions the bot arrives with its content, and the question is answered.
    const asked = h.fake.say(ASHA, thread.id, `<@${FAKE.botId}> ${QUESTION}`);
    expect(asked.deliveredContent).toContain(QUESTION);
    const answered = await h.fake.waitFor(() => botPostsIn(h, thread.id)[0]);
    expect(JSON.stringify(answered.embeds)).toContain("**Interviewer:**");
    expect(JSON.stringify(answered.embeds)).toContain(answer.trim().slice(0, 40));
    expect(answered.nonce).toBeDefined();
    // Gateway events are handled in order, so the plain message was passed over before the mention.
    expect(transcriptOf(h).map((l) => [l.who, l.text])).toEqual([["candidate", QUESTION], ["interviewer", answer]]);

    const scorecard = await endMockIn(h, thread.id);
    expect(scorecard.channel_id).toBe(thread.id);
    expect(titleOf(scorecard)).toBe(`Scorecard: ${problem.title}`);
    expect(scorecard.flags & EPHEMERAL).toBe(0);
    expect(h.sql("select ended_at is not null as ended from mock_sessions")).toEqual([{ ended: 1 }]);
    expect(transcriptOf(h)).toHaveLength(2);
    expect(botPostsIn(h, thread.id).filter((m) => !m.interactionId)).toHaveLength(1);
  });

  it("the Answer button opens a modal; what is submitted is said in the thread, recorded and answered; the button stays usable", async () => {
    const { problem, answer } = chatProblem(h);
    const { thread, opening } = await startMock(h, problem.id);
    const answerButton = buttonsOf(opening).find((b) => b.label === "Answer")!;
    expect(answerButton.custom_id).toMatch(/^form\*>mock\.say:/);
    const action = answerButton.custom_id.slice("form*>".length);

    for (const [n, said] of [[1, QUESTION], [2, "I would keep the redirect path read-only."]] as const) {
      const open = click(h.fake, ASHA, opening, answerButton.custom_id);
      h.fake.interact(open);
      const modal = await h.fake.waitFor(() => h.fake.callbacks.find((c) => c.interactionId === open.id && c.type === 9));
      expect(modal.data).toMatchObject({ custom_id: action, title: "Say it in the interview" });
      const submit = submitModal(h.fake, ASHA, opening, action, "answer", said);
      h.fake.interact(submit);
      // The opening is public: answered with a new (private) message, never by updating the opening (7).
      const answered = await h.fake.waitFor(() => h.fake.callbacks.find((c) => c.interactionId === submit.id));
      expect([4, 5]).toContain(answered.type);
      expect(buttonsOf(opening).find((b) => b.custom_id === answerButton.custom_id)!.disabled).toBeFalsy();
      // The member gets a private note; the line itself is posted in the thread for everyone there.
      const note = await h.fake.waitFor(() => h.fake.messages.filter((m) => m.interactionId === submit.id)[0]);
      expect(note.flags & EPHEMERAL).toBe(EPHEMERAL);
      const inThread = await h.fake.waitFor(() => botPostsIn(h, thread.id).filter((m) => !m.interactionId)[n - 1]);
      expect(JSON.stringify(inThread.embeds)).toContain(`**Candidate (`);
      expect(JSON.stringify(inThread.embeds)).toContain(said.slice(0, 30));
      if (n === 1) expect(JSON.stringify(inThread.embeds)).toContain(answer.trim().slice(0, 40));
    }
    expect(transcriptOf(h).map((l) => l.who)).toEqual(["candidate", "interviewer", "candidate"]);
    expect(transcriptOf(h)[2]!.text).toBe("I would keep the redirect path read-only.");
    await endMockIn(h, thread.id);
  });
});

describe("Discord mock interview with DISCORD_MESSAGE_CONTENT=true", () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscordHarness({ messageContent: true, privilegedIntents: INTENTS.messageContent });
  });
  afterAll(async () => h?.close());
  checkedAfterEach(() => h);

  it("identifies with the privileged intent; a plain message in the thread is read and answered; /mock end gives the scorecard", async () => {
    expect(h.fake.gateway.intents).toBe(1 | 512 | 32_768);
    const { problem, answer } = chatProblem(h);
    const { thread, opening } = await startMock(h, problem.id);
    expect(JSON.stringify(opening.embeds)).not.toContain("Mention <@");
    expect(buttonsOf(opening).map((b) => b.label)).not.toContain("Answer"); // plain messages are read: no form needed

    const said = h.fake.say(ASHA, thread.id, QUESTION);
    expect(said.deliveredContent).toBe(QUESTION);
    const answered = await h.fake.waitFor(() => botPostsIn(h, thread.id)[0]);
    expect(JSON.stringify(answered.embeds)).toContain(answer.trim().slice(0, 40));
    expect(transcriptOf(h).map((l) => l.who)).toEqual(["candidate", "interviewer"]);

    const scorecard = await endMockIn(h, thread.id);
    expect(titleOf(scorecard)).toBe(`Scorecard: ${problem.title}`);
    expect(scorecard.channel_id).toBe(thread.id);
  });
});

describe("DISCORD_MESSAGE_CONTENT=true on an application without the portal switch", () => {
  it("the fake gateway closes the session with 4014, as Discord does, and start() fails with one line saying what to change", async () => {
    const fake = await FakeDiscord.start(new DiscordSpec(DISCORD_SPEC_FILE), { heartbeatMs: 300 });
    const logged: unknown[] = [];
    const adapter = createDiscordAdapter({
      token: FAKE.token, appId: FAKE.appId, guildId: FAKE.guildId, apiUrl: fake.apiUrl, messageContent: true,
      // The core is not reached: the session ends before any interaction.
      dispatcher: { commands, handle: async () => undefined }, commands, curriculum: loadCurriculum(),
      logger: { info() {}, warn: (x: object) => void logged.push(x), error: (x: object) => void logged.push(x) },
    });
    try {
      const started = adapter.start();
      await expect(started).rejects.toMatchObject({ name: "DiscordGatewayError", closeCode: 4014 });
      const message = await started.catch((err: Error) => err.message);
      expect(message).toMatch(/^Discord refused the connection \(4014 disallowed intents\): switch on Message Content Intent .* or unset DISCORD_MESSAGE_CONTENT\.$/);
      expect(message).not.toContain("\n");
      expect(fake.gateway.identifies.map((i) => i.intents)).toEqual([1 | 512 | INTENTS.messageContent]);
      expect(fake.gateway.closes).toEqual([4014]);
      expect(logged).toEqual([]);
    } finally {
      await adapter.stop();
      await fake.close();
    }
  });
});
