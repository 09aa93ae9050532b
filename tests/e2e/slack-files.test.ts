/**
 * Files and DMs through the real Slack adapter (a real bolt App) against the fake Slack: a
 * reply's files go up by files.uploadV2 (upload URL, bytes, completion) beside its message; a
 * private reply's files go to the member's DM, since ephemeral messages cannot carry files; and
 * the outbox's DMs open the conversation first (conversations.open).
 */
import { afterEach, describe, expect, it } from "vitest";
import { channelReply, privateReply, text, type Attachment } from "../../src/bot/reply.js";
import { blocksOf, headerOf, response, slash, textOf, type Blk } from "./slack-fake/helpers.js";
import { startSlackSetup, type SlackSetup } from "./slack-fake/setup.js";

let s: SlackSetup | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe("Slack files and DMs", () => {
  const PNG_1X1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
  const CHART: Attachment = { name: "progress.png", contentType: "image/png", data: PNG_1X1, description: "Accuracy per topic" };
  const EXPORT_JSON = JSON.stringify({ attempts: [{ questionId: "caching-1", score: 1 }] });
  const EXPORT: Attachment = { name: "prepcoach-export.json", contentType: "application/json", data: Buffer.from(EXPORT_JSON).toString("base64") };

  it("a channel post with a file: the message, then files.uploadV2 (upload URL, the bytes, completion) into the same thread", async () => {
    s = await startSlackSetup();
    const threadTs = "1700000000.000900";
    await s.adapter.outbox.post({ spaceId: "slack:T1", channelId: "C1", threadId: threadTs }, { ...channelReply("Your progress", [text("Accuracy per topic.")]), files: [CHART] });
    expect(s.fake.ok("chat.postMessage")[0]!.args).toMatchObject({ channel: "C1", thread_ts: threadTs });
    const asked = s.fake.ok("files.getUploadURLExternal")[0]!;
    expect(asked.args).toMatchObject({ filename: "progress.png", length: String(Buffer.from(PNG_1X1, "base64").length), alt_text: "Accuracy per topic" });
    const [file] = s.fake.files;
    expect(file!.data!.equals(Buffer.from(PNG_1X1, "base64"))).toBe(true);
    expect(s.fake.ok("files.completeUploadExternal")[0]!.args).toMatchObject({ channel_id: "C1", thread_ts: threadTs, files: [{ id: file!.id, title: "Accuracy per topic" }] });
    expect(file!.shared).toEqual({ channel_id: "C1", thread_ts: threadTs, title: "Accuracy per topic" });
    expect(s.errors).toEqual([]);
  });

  it("a retried post whose upload failed after the message went out sends only the file: one message, one file", async () => {
    s = await startSlackSetup();
    const target = { spaceId: "slack:T1", channelId: "C1" };
    const reply = { ...channelReply("Your progress", [text("Accuracy per topic.")]), files: [CHART] };
    s.fake.failNext("files.completeUploadExternal", { error: "internal_error" });
    // Slack has no nonce: the job's retry comes with the same idempotency key.
    await expect(s.adapter.outbox.post(target, reply, { idempotencyKey: "daily-7-2026-11-23" })).rejects.toThrow();
    expect(s.fake.ok("chat.postMessage")).toHaveLength(1);
    const ref = await s.adapter.outbox.post(target, reply, { idempotencyKey: "daily-7-2026-11-23" });
    expect(s.fake.ok("chat.postMessage")).toHaveLength(1);
    expect(ref.messageId).toMatch(/^\d+\.\d+$/); // the first post's ts, as the job records it
    const shared = () => s!.fake.files.filter((f) => f.shared);
    expect(shared()).toHaveLength(1);
    // Sent in full now: the same key again sends nothing more.
    await s.adapter.outbox.post(target, reply, { idempotencyKey: "daily-7-2026-11-23" });
    expect(s.fake.ok("chat.postMessage")).toHaveLength(1);
    expect(shared()).toHaveLength(1);
    // Another key is another post.
    await s.adapter.outbox.post(target, reply, { idempotencyKey: "daily-8-2026-11-23" });
    expect(s.fake.ok("chat.postMessage")).toHaveLength(2);
  });

  it("a private reply with a file: the file goes to the member's DM (conversations.open) and the ephemeral answer says so", async () => {
    s = await startSlackSetup();
    s.canned.set("cmd:trig-export", { ...privateReply("Your data export", [text("Everything prepcoach stores about you.")]), files: [EXPORT] });
    await slash(s, { userId: "U1", command: "/coach", text: "me export", responseId: "export", triggerId: "trig-export" });
    const answer = await response(s.fake, "export");
    expect(answer.body).toMatchObject({ response_type: "ephemeral" });
    expect(textOf(blocksOf(answer.body))).toContain("I sent *prepcoach-export.json* to your direct messages with me");
    expect(s.fake.ok("conversations.open")[0]!.args.users).toBe("U1");
    const [file] = s.fake.files;
    expect(file!.data!.toString("utf8")).toBe(EXPORT_JSON);
    expect(file!.shared).toMatchObject({ channel_id: "DU1", initial_comment: "Your data export" });
    // The ephemeral answer came after the upload was complete, so what it says is true.
    expect(answer.at).toBeGreaterThanOrEqual(s.fake.ok("files.completeUploadExternal")[0]!.at);
    expect(s.fake.ok("chat.postMessage")).toEqual([]);
  });

  it("a failed upload is said in the ephemeral answer instead", async () => {
    s = await startSlackSetup();
    s.canned.set("cmd:trig-chart", { ...privateReply("Your stats", [text("Accuracy per topic.")]), files: [CHART] });
    s.fake.failNext("files.getUploadURLExternal", { error: "not_allowed_token_type" });
    await slash(s, { userId: "U1", command: "/coach", text: "stats", responseId: "stats", triggerId: "trig-chart" });
    const answer = await response(s.fake, "stats");
    expect(headerOf(blocksOf(answer.body))).toBe("Your stats");
    expect(textOf(blocksOf(answer.body))).toContain("I couldn't send you *progress.png* by direct message");
    expect(s.fake.files.filter((f) => f.shared)).toEqual([]);
  });

  it("a DM from the outbox (pairing facts, streak reminders): conversations.open, then chat.postMessage to the DM channel", async () => {
    s = await startSlackSetup();
    const ref = await s.adapter.outbox.post({ spaceId: "slack:T1", channelId: "C1", userId: "U7" }, privateReply("You interview U1", [text("Facts only you know.")]));
    expect(s.fake.ok("conversations.open").map((c) => c.args.users)).toEqual(["U7"]);
    const posted = s.fake.ok("chat.postMessage")[0]!;
    expect(posted.args.channel).toBe("DU7");
    expect(headerOf(posted.args.blocks as Blk[])).toBe("You interview U1");
    expect(ref).toEqual({ channelId: "DU7", messageId: expect.stringMatching(/^\d+\.\d+$/) });
    // The DM channel is remembered: a second DM opens nothing new.
    await s.adapter.outbox.post({ spaceId: "slack:T1", channelId: "C1", userId: "U7" }, privateReply("Reminder", [text("Your streak is at risk.")]));
    expect(s.fake.ok("conversations.open")).toHaveLength(1);
    expect(s.fake.ok("chat.postMessage").map((c) => c.args.channel)).toEqual(["DU7", "DU7"]);
  });
});
