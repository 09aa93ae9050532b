/**
 * The Slack adapter end to end: a real bolt App inside the adapter, the real dispatcher on a
 * SQLite file and the real curriculum, against a fake Slack on 127.0.0.1 (tests/e2e/slack-fake).
 * Signed requests go to /slack/events as Slack sends them; the assertions are on what the fake
 * received (Web API calls, response_url posts, Socket Mode acks) and on what the database holds.
 */
import { afterEach, describe, expect, it } from "vitest";
import { plainText } from "../../src/adapters/slack/mrkdwn.js";
import { channelReply, text } from "../../src/bot/reply.js";
import { roundClose } from "../../src/bot/services/round.js";
import { dailyTaskReply } from "../../src/bot/views/daily.js";
import { blocksOf, buttonsOf, click, headerOf, response, sendEvent, slash, textOf, type Blk } from "./slack-fake/helpers.js";
import { blockAction, eventCallback, formBody, postSigned, slashCommand, viewSubmission } from "./slack-fake/requests.js";
import { realCurriculum, SIGNING_SECRET, startSlackSetup, type SlackSetup } from "./slack-fake/setup.js";
import { gradingCase, type GradingCase } from "./grading-case.js";

const FORM = "application/x-www-form-urlencoded";

let s: SlackSetup | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const curriculum = realCurriculum();
// A topic with multiple choice at level 1 and free text at level 2.
const topic = curriculum.topics.find((t) => t.questions.some((q) => q.level === 1 && q.format === "mcq")
  && t.questions.some((q) => q.level === 2 && q.format === "free"))!;

function questionOfSession(setup: SlackSetup, sessionId: string) {
  const row = setup.db.$client.prepare("select question_id from quiz_sessions where id = ?").get(sessionId) as { question_id: string };
  return curriculum.questionsById.get(row.question_id)!;
}

describe("Slack adapter over HTTP", () => {
  it("/quiz answers with a question and buttons; a click on the right one replaces it with the graded card", async () => {
    s = await startSlackSetup();
    const ack = await slash(s, { userId: "U1", text: `${topic.id} 1 mcq`, responseId: "quiz" });
    expect(ack.status).toBe(200);
    const asked = await response(s.fake, "quiz");
    expect(asked.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    const blocks = blocksOf(asked.body);
    expect(headerOf(blocks)).toContain(`${topic.id} · level 1`);
    // The answers, then the Report button in its own row.
    const [report, ...answers] = buttonsOf(blocks).reverse();
    expect(report!.action_id).toMatch(/^report\.open:q-/);
    const buttons = answers.reverse();
    expect(buttons.length).toBeGreaterThanOrEqual(2);
    expect(buttons.every((b) => b.action_id.startsWith("quiz.answer:") && b.text.text.length <= 75)).toBe(true);

    const sessionId = buttons[0]!.action_id.split(":")[1]!;
    const question = questionOfSession(s, sessionId);
    if (question.format !== "mcq") throw new Error("expected a multiple-choice question");
    expect(textOf(blocks)).toContain(question.prompt.split("\n")[0]!.slice(0, 30));
    const right = question.options.findIndex((o) => o.correct);
    const button = buttons.find((b) => b.action_id === `quiz.answer:${sessionId}:${right}`)!;
    expect(button).toBeDefined();

    const clicked = await click(s, blockAction({ userId: "U1", actionId: button.action_id, responseUrl: s.fake.responseUrl("graded") }));
    expect(clicked.status).toBe(200);
    const graded = await response(s.fake, "graded");
    expect(graded.body).toMatchObject({ response_type: "ephemeral", replace_original: true });
    expect(headerOf(blocksOf(graded.body))).toBe("Correct");
    expect(buttonsOf(blocksOf(graded.body)).some((b) => b.action_id.startsWith("quiz.next:"))).toBe(true);
    expect(s.db.$client.prepare("select question_id, score, is_correct, format from attempts").all())
      .toEqual([{ question_id: question.id, score: 1, is_correct: 1, format: "mcq" }]);
    // Slack users' data lives in their workspace's space, named by the team.
    expect(s.db.$client.prepare("select id, platform, name from spaces").all()).toEqual([{ id: "slack:T1", platform: "slack", name: "acme" }]);
    expect(s.errors).toEqual([]);
  });

  it("a click on a question's Report answers beside it (the question is not replaced); a kind picked records one report, in place of the kinds", async () => {
    s = await startSlackSetup();
    await slash(s, { userId: "U1", text: `${topic.id} 1 mcq`, responseId: "quiz" });
    const report = buttonsOf(blocksOf((await response(s.fake, "quiz")).body)).find((b) => b.action_id.startsWith("report.open:"))!;
    expect(report.text.text).toBe("Report");
    const itemId = report.action_id.split(":")[1]!;

    await click(s, blockAction({ userId: "U1", actionId: report.action_id, responseUrl: s.fake.responseUrl("kinds") }));
    const kinds = await response(s.fake, "kinds");
    expect(kinds.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(buttonsOf(blocksOf(kinds.body)).map((b) => b.text.text)).toEqual(["Wrong", "Unclear", "Too easy", "Too hard", "Typo"]);

    for (const twice of ["picked", "picked-again"]) {
      await click(s, blockAction({ userId: "U1", actionId: `report.kind:${itemId}:typo`, responseUrl: s.fake.responseUrl(twice) }));
    }
    const picked = await response(s.fake, "picked");
    expect(picked.body).toMatchObject({ response_type: "ephemeral", replace_original: true });
    expect(textOf(blocksOf(picked.body))).toContain("Thanks — reported as a typo. Admins see reports with `/coach config reports`");
    expect(buttonsOf(blocksOf(picked.body)).map((b) => b.action_id)).toEqual([`form/report.note:${itemId}:typo`]);
    expect(textOf(blocksOf((await response(s.fake, "picked-again")).body))).toContain("You already reported this question as a typo");
    expect(s.db.$client.prepare("select item_id, kind from item_reports").all()).toEqual([{ item_id: itemId, kind: "typo" }]);
    expect(s.errors).toEqual([]);
  });

  it("a free-text answer goes through a modal: views.open with the trigger id, then the submission is graded", async () => {
    s = await startSlackSetup();
    await slash(s, { userId: "U1", text: `${topic.id} 2 free`, responseId: "quiz" });
    const asked = await response(s.fake, "quiz");
    const [answerButton] = buttonsOf(blocksOf(asked.body));
    expect(answerButton?.action_id).toMatch(/^form\/quiz\.free:/);

    await click(s, blockAction({
      userId: "U1", actionId: answerButton!.action_id, value: answerButton!.value!, triggerId: "trigger-modal", responseUrl: s.fake.responseUrl("graded"),
    }));
    const opened = await s.fake.waitFor(() => s!.fake.ok("views.open")[0]);
    expect(opened.args.trigger_id).toBe("trigger-modal");
    const view = opened.args.view as { type: string; callback_id: string; private_metadata: string; title: { text: string }; blocks: Array<{ type: string; element: { max_length: number } }> };
    expect(view).toMatchObject({ type: "modal", callback_id: "prepcoach_form" });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.blocks[0]).toMatchObject({ type: "input", element: { type: "plain_text_input", multiline: true } });
    // Nothing is graded by opening the modal.
    expect(s.count("attempts")).toBe(0);

    const sessionId = answerButton!.action_id.split(":")[1]!;
    const question = questionOfSession(s, sessionId);
    if (question.format !== "free") throw new Error("expected a free-text question");
    // The whole question is the input's label (Slack allows 2,000 characters there).
    // (As plain text: markdown markers and runs of spaces go; no word is cut.)
    expect((view.blocks[0] as unknown as { label: { text: string } }).label.text).toBe(plainText(question.prompt, Infinity));
    // The author's model answer paraphrases the key points; the grader reads claims, not phrasings.
    const answer = question.modelAnswer;
    const submitted = await click(s, viewSubmission({ userId: "U1", callbackId: view.callback_id, privateMetadata: view.private_metadata, answer }));
    expect(submitted.status).toBe(200);
    expect(submitted.body).toBe(""); // an empty ack closes the modal

    const graded = await response(s.fake, "graded");
    expect(graded.body).toMatchObject({ response_type: "ephemeral", replace_original: true });
    expect(headerOf(blocksOf(graded.body))).toMatch(/^You covered \d+%$/);
    expect(textOf(blocksOf(graded.body))).toContain("Model answer:");
    const rows = s.db.$client.prepare("select question_id, answer, format, score from attempts").all() as Array<{ question_id: string; answer: string; format: string; score: number }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ question_id: question.id, answer, format: "free" });
    expect(rows[0]!.score).toBeGreaterThan(0.5);
  });

  it("publishes the App Home tab on app_home_opened; its Start button asks a question in the member's DM", async () => {
    s = await startSlackSetup();
    const ack = await sendEvent(s, { type: "app_home_opened", user: "U1", channel: "DU1", tab: "home", event_ts: "1700000000.000001" });
    expect(ack.status).toBe(200);
    const published = await s.fake.waitFor(() => s!.fake.ok("views.publish")[0]);
    expect(published.args.user_id).toBe("U1");
    const view = published.args.view as { type: string; blocks: Blk[] };
    expect(view.type).toBe("home");
    expect(headerOf(view.blocks)).toBe("Your progress");
    expect(JSON.stringify(view.blocks)).toContain("Reviews due");
    expect(JSON.stringify(view.blocks)).toContain("Questions answered");
    const start = buttonsOf(view.blocks).find((b) => b.action_id === "cmd/quiz");
    expect(start?.text.text).toBe("Start a quiz");
    expect(buttonsOf(view.blocks).map((b) => b.action_id)).toContain("cmd/review");

    await click(s, blockAction({ userId: "U1", actionId: "cmd/quiz", fromHome: true }));
    const posted = await s.fake.waitFor(() => s!.fake.ok("chat.postMessage")[0]);
    expect(s.fake.ok("conversations.open")[0]?.args.users).toBe("U1");
    expect(posted.args.channel).toBe("DU1");
    expect(buttonsOf(posted.args.blocks as Blk[]).length).toBeGreaterThan(0);
    expect(s.count("quiz_sessions")).toBe(1);
  });

  it("refuses /coach config to a non-admin and stores nothing; a listed admin id may set the schedule", async () => {
    s = await startSlackSetup({ adminUserIds: ["UADMIN"] });
    s.fake.users.set("U2", { id: "U2", name: "bob", is_admin: false });
    await slash(s, { userId: "U2", command: "/coach", text: "config time 09:00 tz Asia/Kolkata", responseId: "refused" });
    const refused = await response(s.fake, "refused");
    expect(refused.body.response_type).toBe("ephemeral");
    expect(textOf(blocksOf(refused.body))).toContain("Only workspace admins and owners (and members listed in the bot's SLACK_ADMIN_USER_IDS) can use `/coach config`.");
    expect(s.fake.ok("users.info").map((c) => c.args.user)).toContain("U2");
    expect(s.count("subscriptions")).toBe(0);

    await slash(s, { userId: "UADMIN", command: "/coach", text: "config time 09:00 tz Asia/Kolkata days mon-fri", responseId: "set" });
    const set = await response(s.fake, "set");
    expect(headerOf(blocksOf(set.body))).toBe("Daily schedule created");
    expect(s.db.$client.prepare("select space_id, channel_id, time, timezone from subscriptions").all())
      .toEqual([{ space_id: "slack:T1", channel_id: "C1", time: "09:00", timezone: "Asia/Kolkata" }]);
  });

  it("/coach routes every core command by name, and answers an unknown subcommand with help", async () => {
    s = await startSlackSetup();
    await slash(s, { userId: "U1", command: "/coach", text: "topics", responseId: "topics" });
    expect(headerOf(blocksOf((await response(s.fake, "topics")).body))).toBe("Topics");
    await slash(s, { userId: "U1", command: "/coach", text: "frobnicate now", responseId: "unknown" });
    const help = await response(s.fake, "unknown");
    expect(headerOf(blocksOf(help.body))).toBe("prepcoach help");
    // Slack has /quiz and /coach only: every other command is named as a /coach subcommand.
    expect(textOf(blocksOf(help.body))).toContain("• `/quiz` — ");
    expect(textOf(blocksOf(help.body))).toContain("• `/coach review` — ");
    expect(textOf(blocksOf(help.body))).not.toMatch(/`\/(review|mock|daily|config)/);
    await slash(s, { userId: "U1", command: "/coach", text: "", responseId: "empty" });
    expect(headerOf(blocksOf((await response(s.fake, "empty")).body))).toBe("prepcoach help");
  });

  it("runs a mock interview in a thread: the opening is posted; a question and the Next phase button are answered in the thread", async () => {
    s = await startSlackSetup();
    const problem = curriculum.problems[0]!;
    await slash(s, { userId: "U1", command: "/coach", text: `mock start problem ${problem.id}`, responseId: "mock" });
    const started = await response(s.fake, "mock");
    expect(headerOf(blocksOf(started.body))).toBe("Mock interview started");
    // No slash command runs in a Slack thread: the note names the thread's buttons instead.
    expect(textOf(blocksOf(started.body))).toContain("the *Next phase* button in the thread moves to the next phase, the *End interview* button in the thread stops");
    expect(textOf(blocksOf(started.body))).not.toContain("/mock");
    const opening = s.fake.ok("chat.postMessage")[0]!;
    expect(opening.args.channel).toBe("C1");
    expect(opening.args.thread_ts).toBeUndefined();
    expect(buttonsOf(opening.args.blocks as Blk[]).map((b) => b.text.text)).toEqual(["Next phase", "End interview"]);
    const threadTs = (s.db.$client.prepare("select thread_id from mock_sessions").get() as { thread_id: string }).thread_id;
    expect(threadTs).toMatch(/^\d+\.\d+$/);

    const fact = problem.facts[0]!;
    await sendEvent(s, { type: "message", channel: "C1", channel_type: "channel", user: "U1", text: `${fact.asks[0]}?`, ts: "1800000000.000200", thread_ts: threadTs });
    const reply = await s.fake.waitFor(() => s!.fake.ok("chat.postMessage")[1]);
    expect(reply.args).toMatchObject({ channel: "C1", thread_ts: threadTs });
    expect(textOf(reply.args.blocks as Blk[])).toContain("*Interviewer:*");
    // Next phase on the opening (no thread_ts yet in Slack's payload): the phase goes into its thread.
    const next = buttonsOf(opening.args.blocks as Blk[]).find((b) => b.text.text === "Next phase")!;
    await click(s, blockAction({
      userId: "U1", actionId: next.action_id, responseUrl: s.fake.responseUrl("next"),
      container: { type: "message", message_ts: threadTs, channel_id: "C1", is_ephemeral: false }, messageTs: threadTs,
    }));
    const phase = await s.fake.waitFor(() => s!.fake.ok("chat.postMessage")[2]);
    expect(phase.args).toMatchObject({ channel: "C1", thread_ts: threadTs });
    expect(textOf(phase.args.blocks as Blk[])).toContain("Phase 2");
    // The bot's own message coming back as an event is ignored.
    await sendEvent(s, { type: "message", channel: "C1", user: "UBOT", bot_id: "BBOT", text: "Interviewer: …", ts: "1800000000.000300", thread_ts: threadTs });
    // A reply also sent to the channel is still a reply in the thread; it reaches the core.
    await sendEvent(s, {
      type: "message", subtype: "thread_broadcast", channel: "C1", channel_type: "channel", user: "U1", text: "What latency do we need?",
      ts: "1800000000.000400", thread_ts: threadTs, root: { thread_ts: threadTs },
    });
    const broadcastAnswer = await s.fake.waitFor(() => s!.fake.ok("chat.postMessage")[3]);
    expect(broadcastAnswer.args).toMatchObject({ channel: "C1", thread_ts: threadTs });
    expect(textOf(broadcastAnswer.args.blocks as Blk[])).toContain("*Interviewer:*");
    // End interview, clicked on the opening: the scorecard goes into the thread.
    const end = buttonsOf(opening.args.blocks as Blk[]).find((b) => b.text.text === "End interview")!;
    await click(s, blockAction({
      userId: "U1", actionId: end.action_id, responseUrl: s.fake.responseUrl("end"),
      container: { type: "message", message_ts: threadTs, channel_id: "C1", is_ephemeral: false }, messageTs: threadTs,
    }));
    const scorecard = await s.fake.waitFor(() => s!.fake.ok("chat.postMessage")[4]);
    expect(scorecard.args).toMatchObject({ channel: "C1", thread_ts: threadTs });
    expect(headerOf(scorecard.args.blocks as Blk[])).toBe(`Scorecard: ${problem.title}`);
    // Only the candidate's messages are in the transcript (the bot's own event was passed over).
    const row = s.db.$client.prepare("select transcript, ended_at from mock_sessions").get() as { transcript: string; ended_at: number | null };
    const said = (JSON.parse(row.transcript) as Array<{ who: string; text: string }>).filter((l) => l.who === "candidate").map((l) => l.text);
    expect(said).toEqual([`${fact.asks[0]}?`, "What latency do we need?"]);
    expect(row.ended_at).not.toBeNull();
    expect(s.fake.ok("chat.postMessage")).toHaveLength(5);
    // The finished interview's controls are retired: no message of the thread offers Next phase or End.
    const inThread = s.fake.messages.filter((m) => m.channel === "C1" && (m.ts === threadTs || m.thread_ts === threadTs));
    expect(inThread.length).toBeGreaterThanOrEqual(5);
    for (const m of inThread) expect(buttonsOf(m.blocks as Blk[]).map((b) => b.text.text)).not.toEqual(expect.arrayContaining(["Next phase"]));
    for (const m of inThread) expect(buttonsOf(m.blocks as Blk[]).map((b) => b.text.text)).not.toEqual(expect.arrayContaining(["End interview"]));
    expect(() => s!.fake.buttonOn({ channel: "C1", ts: threadTs }, end.action_id)).toThrow(/no button/);
    expect(s.fake.ok("chat.update").map((c) => c.args.ts)).toContain(threadTs);
    expect(s.errors).toEqual([]);
  });

  it("rejects a request with a bad signature with 401 and changes nothing", async () => {
    s = await startSlackSetup();
    const before = { spaces: s.count("spaces"), members: s.count("members"), events: s.count("processed_events"), calls: s.fake.calls.length };
    const body = formBody(slashCommand({ userId: "U1", command: "/quiz", text: "", responseUrl: s.fake.responseUrl("forged") }));
    const forged = await postSigned(s.eventsUrl, "not-the-secret", body, FORM);
    // The receiver answers 401 before any listener runs: no work is left in flight to wait for.
    expect(forged.status).toBe(401);
    expect(s.fake.responses).toEqual([]);
    expect(s.fake.calls.length).toBe(before.calls);
    expect({ spaces: s.count("spaces"), members: s.count("members"), events: s.count("processed_events"), calls: s.fake.calls.length }).toEqual(before);
  });

  it("acks every kind of request within 3 seconds even when the work takes longer", async () => {
    s = await startSlackSetup({ slowMs: 3_500 });
    const started = Date.now();
    const acks = await Promise.all([
      slash(s, { userId: "U1", text: `${topic.id} 1 mcq`, responseId: "slow-quiz" }),
      click(s, blockAction({ userId: "U1", actionId: "quiz.next:any:0", responseUrl: s.fake.responseUrl("slow-click") })),
      click(s, viewSubmission({ userId: "U1", callbackId: "prepcoach_form", privateMetadata: JSON.stringify({ a: "quiz.free:nosuch", c: "C1", r: s.fake.responseUrl("slow-view"), p: true }), answer: "x" })),
      sendEvent(s, { type: "app_home_opened", user: "U1", channel: "DU1", tab: "home", event_ts: "1" }),
    ]);
    for (const a of acks) {
      expect(a.status).toBe(200);
      expect(a.ms).toBeLessThan(3_000);
    }
    // The work still happens, after the ack.
    const answered = await response(s.fake, "slow-quiz");
    expect(answered.at - started).toBeGreaterThanOrEqual(3_400);
    await response(s.fake, "slow-click");
    await response(s.fake, "slow-view");
    await s.fake.waitFor(() => s!.fake.ok("views.publish")[0]);
  });
});

describe("Slack: free-text grading a member can trust (issue 17)", () => {
  /** Everything a message shows: section texts and the "*label*\nvalue" of its fields. */
  const shownIn = (blocks: Blk[]) => blocks.flatMap((b) => [b.text?.text ?? "", ...((b as { fields?: Array<{ text: string }> }).fields ?? []).map((f) => f.text)])
    .filter(Boolean).join("\n");
  const scoreOf = (blocks: Blk[]) => Number(/\*Score\*\n(\d+)%/.exec(shownIn(blocks))?.[1]);

  /**
   * `/quiz <topic> <level> free` by `userId` until it asks the case's question. The pick avoids what
   * the member was asked this week, so a member new to that level meets it within the pool's size.
   */
  async function askUntil(setup: SlackSetup, userId: string, c: GradingCase) {
    for (let i = 0; i < c.poolSize; i++) {
      const responseId = `quiz-${userId}-${i}`;
      await slash(setup, { userId, text: `${c.question.topic} ${c.question.level} free`, responseId });
      const [form] = buttonsOf(blocksOf((await response(setup.fake, responseId)).body));
      expect(form?.action_id).toMatch(/^form\/quiz\.free:/);
      const sessionId = form!.action_id.split(":")[1]!;
      if (questionOfSession(setup, sessionId).id === c.question.id) return { form: form!, sessionId };
    }
    throw new Error(`/quiz did not ask ${c.question.id} within ${c.poolSize} tries`);
  }

  /** Opens the answer modal, submits `answer`, and returns the graded card that replaces the question. */
  async function answerInModal(setup: SlackSetup, userId: string, asked: Awaited<ReturnType<typeof askUntil>>, answer: string): Promise<Blk[]> {
    const opens = setup.fake.ok("views.open").length;
    const gradedId = `graded-${asked.sessionId}`;
    await click(setup, blockAction({ userId, actionId: asked.form.action_id, value: asked.form.value!, triggerId: `trigger-${asked.sessionId}`, responseUrl: setup.fake.responseUrl(gradedId) }));
    const opened = await setup.fake.waitFor(() => setup.fake.ok("views.open")[opens]);
    const view = opened.args.view as { callback_id: string; private_metadata: string };
    const submitted = await click(setup, viewSubmission({ userId, callbackId: view.callback_id, privateMetadata: view.private_metadata, answer }));
    expect(submitted.status).toBe(200);
    const graded = await response(setup.fake, gradedId);
    expect(graded.body).toMatchObject({ response_type: "ephemeral", replace_original: true });
    return blocksOf(graded.body);
  }

  it("a stuffed answer scores at most 20%; \"I covered …\" records one dispute, the reply says points stay, a second click records nothing more", async () => {
    s = await startSlackSetup();
    const c = gradingCase(curriculum);
    const asked = await askUntil(s, "U1", c);
    const graded = await answerInModal(s, "U1", asked, c.stuffed);
    expect(headerOf(graded)).toMatch(/^You covered \d+%$/);
    expect(scoreOf(graded)).toBeLessThanOrEqual(20);
    expect(shownIn(graded)).toContain("A list of terms earns at most 20%");
    const attempt = s.db.$client.prepare("select score from attempts where session_id = ?").get(asked.sessionId) as { score: number };
    expect(attempt.score).toBeLessThanOrEqual(0.2);

    // Each key point the grade did not credit has its "I covered" button, labelled with the point.
    const disputes = buttonsOf(graded).filter((b) => b.action_id.startsWith("quiz.dispute:"));
    expect(disputes.length).toBeGreaterThan(0);
    for (const b of disputes) {
      const i = Number(b.action_id.split(":")[2]);
      expect(b.text.text).toBe(`I covered ${i + 1}: ${c.question.keyPoints[i]!.point}`.slice(0, 70));
    }
    const pointsBefore = s.db.$client.prepare("select coalesce(sum(points), 0) as n from points").get();
    const disputed = disputes[0]!;
    const index = Number(disputed.action_id.split(":")[2]);
    const point = c.question.keyPoints[index]!.point;

    await click(s, blockAction({ userId: "U1", actionId: disputed.action_id, ...(disputed.value ? { value: disputed.value } : {}), responseUrl: s.fake.responseUrl("dispute-1") }));
    const noted = await response(s.fake, "dispute-1");
    // A new private message: the graded card stays, with its buttons, above it.
    expect(noted.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(shownIn(blocksOf(noted.body))).toMatch(/^Noted: you say you covered "(.+)"\. The authors will see it; this question comes back for review on .+\. Points stay as graded\.$/);
    expect(shownIn(blocksOf(noted.body))).toContain(`"${point}"`);

    await click(s, blockAction({ userId: "U1", actionId: disputed.action_id, ...(disputed.value ? { value: disputed.value } : {}), responseUrl: s.fake.responseUrl("dispute-2") }));
    const again = await response(s.fake, "dispute-2");
    expect(shownIn(blocksOf(again.body))).toBe(`You already disputed "${point}" for this answer.`);

    expect(s.db.$client.prepare("select space_id, question_id, key_point, point, answer from grade_disputes").all()).toEqual([
      { space_id: "slack:T1", question_id: c.question.id, key_point: index, point, answer: c.stuffed },
    ]);
    expect(s.db.$client.prepare("select coalesce(sum(points), 0) as n from points").get()).toEqual(pointsBefore);
    expect(s.errors).toEqual([]);
  });

  it("a paraphrased strong answer, written blind for the question, scores at least 75% and the reply quotes the member's words", async () => {
    s = await startSlackSetup();
    const c = gradingCase(curriculum);
    const asked = await askUntil(s, "U2", c);
    const graded = await answerInModal(s, "U2", asked, c.strong);
    const percent = scoreOf(graded);
    expect(percent).toBeGreaterThanOrEqual(75);
    expect(headerOf(graded)).toBe(`You covered ${percent}%`);
    const shown = shownIn(graded);
    expect(shown).toContain(`*You wrote:* “${c.strong}”`);
    // Each credited key point quotes the words of the answer that earned it.
    const quotes = [...shown.matchAll(/_you said:_ “([^”]+)”/g)].map((m) => m[1]!.replace(/…$/, ""));
    expect(quotes.length).toBeGreaterThanOrEqual(Math.ceil(0.75 * c.question.keyPoints.length) - 1);
    for (const q of quotes) expect(c.strong.replace(/\s+/g, " ")).toContain(q);
    expect(shown).not.toContain("A list of terms");
    const attempt = s.db.$client.prepare("select score, answer from attempts where session_id = ?").get(asked.sessionId) as { score: number; answer: string };
    expect(attempt.answer).toBe(c.strong);
    expect(Math.round(attempt.score * 100)).toBe(percent);
    expect(s.errors).toEqual([]);
  });
});

describe("Slack outbox with the jobs layer", () => {
  const MONDAY_0901_UTC = new Date("2026-11-23T09:01:00Z");

  async function subscribe(setup: SlackSetup) {
    await setup.repos.spaces.ensure({ id: "slack:T1", platform: "slack" }, "UTC");
    const plan = curriculum.plans[0]!;
    const sub = await setup.repos.subscriptions.upsert({
      spaceId: "slack:T1", channelId: "C9", time: "09:00", timezone: "UTC", days: ["mon", "tue", "wed", "thu", "fri"],
      planId: plan.id, startDate: "2026-11-23", createdBy: "UADMIN", updatedAt: setup.clock.now(),
    });
    return { sub, plan };
  }

  it("a scheduled daily post lands in the channel through chat.postMessage and its ts is stored", async () => {
    s = await startSlackSetup({ withJobs: true });
    s.clock.current = MONDAY_0901_UTC;
    const { sub, plan } = await subscribe(s);
    expect(await s.jobs!.catchUp()).toBe(1);
    const posted = await s.fake.waitFor(() => s!.fake.ok("chat.postMessage")[0]);
    expect(posted.args.channel).toBe("C9");
    expect(posted.token).toBe("xoxb-test-token");
    expect(headerOf(posted.args.blocks as Blk[])).toBe(`${plan.title} — day 1 of ${plan.days.length}`);
    expect(buttonsOf(posted.args.blocks as Blk[]).every((b) => b.action_id.startsWith("quiz.next:"))).toBe(true);
    await s.fake.waitFor(() => (s!.db.$client.prepare("select status from deliveries").get() as { status: string } | undefined)?.status === "posted");
    const row = s.db.$client.prepare("select subscription_id, status, message_ref from deliveries").get() as { subscription_id: number; status: string; message_ref: string };
    expect(row.subscription_id).toBe(sub.id);
    expect(JSON.parse(row.message_ref)).toEqual({ channelId: "C9", messageId: expect.stringMatching(/^\d+\.\d+$/) });
  });

  it("waits out an injected 429 for its Retry-After and then posts once", async () => {
    s = await startSlackSetup({ withJobs: true });
    s.clock.current = MONDAY_0901_UTC;
    await subscribe(s);
    // The outbox surfaces the 429 with its Retry-After instead of retrying inside the client…
    s.fake.failNext("chat.postMessage", { status: 429, retryAfter: 2 });
    await expect(s.adapter.outbox.post({ spaceId: "slack:T1", channelId: "C8" }, channelReply(undefined, [text("hi")])))
      .rejects.toMatchObject({ name: "RateLimitedError", retryAfterMs: 2_000 });
    expect(s.fake.calls.filter((c) => c.method === "chat.postMessage")).toHaveLength(1);
    // …so the jobs layer is the one that waits before posting again.
    s.fake.failNext("chat.postMessage", { status: 429, retryAfter: 2 });
    await s.jobs!.catchUp();
    const posted = await s.fake.waitFor(() => s!.fake.ok("chat.postMessage")[0], 20_000);
    const attempts = s.fake.calls.filter((c) => c.method === "chat.postMessage" && c.args.channel === "C9");
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(posted.at - attempts[0]!.at).toBeGreaterThanOrEqual(1_950);
    await s.fake.waitFor(() => (s!.db.$client.prepare("select status from deliveries").get() as { status: string } | undefined)?.status === "posted");
    // Nothing could post again: the daily queue has no job left to run.
    const left = async () => Object.values(await s!.jobs!.dailyQueue.getJobCounts("waiting", "active", "delayed", "prioritized")).reduce((a, b) => a + b, 0);
    await s.fake.waitFor(async () => (await left()) === 0);
    expect(s.fake.ok("chat.postMessage")).toHaveLength(1);
  });

  it("a channel that is gone pauses the schedule instead of retrying", async () => {
    s = await startSlackSetup({ withJobs: true });
    s.clock.current = MONDAY_0901_UTC;
    const { sub } = await subscribe(s);
    s.fake.failNext("chat.postMessage", { error: "channel_not_found" });
    await s.jobs!.catchUp();
    await s.fake.waitFor(() => (s!.db.$client.prepare("select status from deliveries").get() as { status: string } | undefined)?.status === "failed");
    expect(await s.repos.subscriptions.byId(sub.id)).toMatchObject({ isPaused: true, pausedReason: "Slack chat.postMessage: channel_not_found" });
    expect(s.fake.calls.filter((c) => c.method === "chat.postMessage")).toHaveLength(1);
  });
});

describe("Slack adapter in Socket Mode", () => {
  it("connects through apps.connections.open, acks each envelope at once, and answers through the response_url", async () => {
    s = await startSlackSetup({ mode: "socket" });
    expect(s.adapter.mode).toBe("socket");
    const open = s.fake.ok("apps.connections.open")[0]!;
    expect(open.token).toBe("xapp-test-token");
    expect(s.fake.socketConnected()).toBe(true);

    const sent = Date.now();
    const ack = await s.fake.sendEnvelope("slash_commands", slashCommand({ userId: "U1", command: "/quiz", text: `${topic.id} 1 mcq`, responseUrl: s.fake.responseUrl("sm-quiz") }));
    expect(ack.at - sent).toBeLessThan(3_000);
    const asked = await response(s.fake, "sm-quiz");
    const buttons = buttonsOf(blocksOf(asked.body));
    const sessionId = buttons[0]!.action_id.split(":")[1]!;
    const question = questionOfSession(s, sessionId);
    if (question.format !== "mcq") throw new Error("expected a multiple-choice question");
    const wrong = question.options.findIndex((o) => !o.correct);

    const clickAck = await s.fake.sendEnvelope("interactive", blockAction({ userId: "U1", actionId: `quiz.answer:${sessionId}:${wrong}`, responseUrl: s.fake.responseUrl("sm-graded") }));
    expect(clickAck.envelope_id).toMatch(/^env-/);
    const graded = await response(s.fake, "sm-graded");
    expect(headerOf(blocksOf(graded.body))).toBe("Not quite");
    expect(s.db.$client.prepare("select is_correct from attempts").all()).toEqual([{ is_correct: 0 }]);

    await s.fake.sendEnvelope("events_api", eventCallback({ type: "app_home_opened", user: "U1", channel: "DU1", tab: "home", event_ts: "1" }));
    const published = await s.fake.waitFor(() => s!.fake.ok("views.publish")[0]);
    expect(JSON.stringify(published.args.view)).toContain("Questions answered");
    expect(s.fake.acks.map((a) => a.envelope_id)).toEqual(["env-1", "env-2", "env-3"]);
  });
});

describe("Slack: several members on one public message", () => {
  const MEMBERS = [{ id: "U1", name: "asha" }, { id: "U2", name: "ravi" }, { id: "U3", name: "meera" }];

  /** A member's click on a public message's button as it is now (the fake refuses a button that is gone). */
  async function clickPublic(setup: SlackSetup, message: { channel: string; ts: string }, actionId: string, who: { id: string }, responseId: string) {
    const button = setup.fake.buttonOn(message, actionId);
    const res = await click(setup, blockAction({
      userId: who.id, actionId: button.action_id, ...(button.value ? { value: button.value } : {}), channelId: message.channel, messageTs: message.ts,
      container: { type: "message", message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
      responseUrl: setup.fake.responseUrl(responseId, { ...message, user: who.id }),
    }));
    expect(res.status).toBe(200);
    return response(setup.fake, responseId);
  }

  it("three members click the same daily post's Quiz me: each gets their own quiz ephemerally; the post is never replaced", async () => {
    s = await startSlackSetup();
    for (const m of MEMBERS) s.fake.users.set(m.id, m);
    const posted = await s.adapter.outbox.post({ spaceId: "slack:T1", channelId: "C9" }, dailyTaskReply(curriculum, curriculum.plans[0]!, 1, "channel"));
    const message = { channel: "C9", ts: posted.messageId };
    const quizMe = buttonsOf(s.fake.messages.find((m) => m.ts === posted.messageId)!.blocks as Blk[]).find((b) => b.action_id.startsWith("quiz.next:"))!;
    const before = JSON.stringify(s.fake.messages.find((m) => m.ts === posted.messageId)!.blocks);

    for (const m of MEMBERS) {
      const answered = await clickPublic(s, message, quizMe.action_id, m, `daily-${m.id}`);
      expect(answered.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
      expect(buttonsOf(blocksOf(answered.body)).some((b) => /^(quiz\.answer:|form\/quiz\.free:)/.test(b.action_id))).toBe(true);
    }
    const post = s.fake.messages.find((m) => m.ts === posted.messageId)!;
    expect(post.replaced).toBeUndefined();
    expect(JSON.stringify(post.blocks)).toBe(before);
    expect(s.db.$client.prepare("select count(distinct member_id) as n from quiz_sessions").get()).toEqual({ n: 3 });
    expect(s.errors).toEqual([]);
  });

  it("three members answer the same round: each answer counts, privately acknowledged; the result lists all three", async () => {
    s = await startSlackSetup({ withJobs: true });
    for (const m of MEMBERS) s.fake.users.set(m.id, m);
    s.clock.current = new Date();
    await slash(s, { userId: "U1", command: "/coach", text: "round start minutes 1", responseId: "round" });
    const question = await s.fake.waitFor(() => s!.fake.ok("chat.postMessage")[0]);
    const message = { channel: "C1", ts: s.fake.messages[0]!.ts };
    const roundId = buttonsOf(question.args.blocks as Blk[])[0]!.action_id.split(":")[1]!;
    const row = s.db.$client.prepare("select question_id from rounds where id = ?").get(roundId) as { question_id: string };
    const q = curriculum.questionsById.get(row.question_id)!;
    if (q.format !== "mcq") throw new Error("a round asks a multiple-choice question");
    const right = `round.answer:${roundId}:${q.options.findIndex((o) => o.correct)}`;

    for (const m of MEMBERS) {
      const ack = await clickPublic(s, message, right, m, `round-${m.id}`);
      expect(ack.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
      expect(textOf(blocksOf(ack.body))).toContain("Your answer is in");
    }
    expect(s.count("round_answers")).toBe(3);
    await roundClose(s.deps, { roundId, spaceId: "slack:T1" });
    const results = await s.fake.waitFor(() => s!.fake.ok("chat.postMessage").find((c) => headerOf(c.args.blocks as Blk[]) === "Round closed"));
    const shown = JSON.stringify(results.args.blocks);
    expect(shown).toMatch(/Answered\*\\n3/);
    for (const m of MEMBERS) expect(shown).toContain(m.name);
  });
});
