/**
 * A space's own question bank on Slack (issue 22), through the real Slack adapter (a real bolt
 * App) against the fake Slack. Slash commands carry no files, so a file comes in two ways:
 * pasted in the modal `/coach bank import` opens, or shared in the DM with the bot (files.info,
 * then the private URL with the bot token: the fake refuses it without, as Slack does).
 * Import → quiz → export; a bad file refused item by item; another workspace sees nothing.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { blockAction, modalSubmission } from "./slack-fake/requests.js";
import { blocksOf, buttonsOf, click, headerOf, response, sendEvent, slash, textOf, type Blk } from "./slack-fake/helpers.js";
import { BOT_TOKEN, type ApiCall } from "./slack-fake/server.js";
import { startSlackSetup, type SlackSetup } from "./slack-fake/setup.js";

const ROOT = join(import.meta.dirname, "../..");
const GOOD = readFileSync(join(ROOT, "tests/fixtures/banks/team.yaml"), "utf8");
const BAD = readFileSync(join(ROOT, "tests/fixtures/banks/bad.yaml"));
const CSV = readFileSync(join(ROOT, "docs/examples/question-bank.csv"));
const BAD_LINES = ["line 2 (topic caching)", "line 6 (question ok-one)", "line 12 (question no-points)", "line 18 (question two-right)", "line 28 (drill Bad_Id)"];

let s: SlackSetup | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const setup = async () => (s = await startSlackSetup({ adminUserIds: ["UADMIN"] }));
const dmPosts = (setup: SlackSetup, channel: string) => setup.fake.ok("chat.postMessage").filter((c) => c.args.channel === channel);
/** What a member reads: Slack mrkdwn puts a zero-width space in `Bad_Id` so it is not italics. */
const read = (t: string) => t.replace(/\u200b/g, "");
const shown = (c: ApiCall) => read(`${String(c.args.text)}\n${textOf(c.args.blocks as Blk[])}`);

/** `/coach bank import` by an admin: the paste modal Slack was asked to open. */
async function openPasteModal(setup: SlackSetup, responseId: string) {
  await slash(setup, { userId: "UADMIN", command: "/coach", text: "bank import", responseId });
  const opened = await setup.fake.waitFor(() => setup.fake.ok("views.open").at(-1));
  return opened.args.view as { callback_id: string; private_metadata: string; blocks: Array<{ block_id: string; element: { max_length?: number; multiline?: boolean } }> };
}

const paste = (setup: SlackSetup, view: { callback_id: string; private_metadata: string }, name: string, text: string) =>
  click(setup, modalSubmission({ userId: "UADMIN", callbackId: view.callback_id, privateMetadata: view.private_metadata, values: { file_name: { value: name }, file_text: { value: text } } }));

describe("a question bank on Slack", () => {
  it("pasted in the modal: imported, quizzed from, and exported back as a file in the admin's DM", async () => {
    const t = await setup();
    const view = await openPasteModal(t, "import");
    expect(view.blocks.map((b) => b.block_id)).toEqual(["file_name", "file_text"]);
    expect(view.blocks[1]!.element).toMatchObject({ multiline: true, max_length: 3_000 });
    // A name that says no format: Slack shows the error under the input, and the modal stays open.
    const wrong = await paste(t, view, "team.txt", GOOD);
    expect(JSON.parse(wrong.body)).toEqual({ response_action: "errors", errors: { file_name: "The name must end in .yaml, .yml or .csv." } });
    expect(await paste(t, view, "team.yaml", GOOD)).toMatchObject({ status: 200 });
    const imported = await response(t.fake, "import");
    expect(imported.body).toMatchObject({ response_type: "ephemeral" });
    expect(headerOf(blocksOf(imported.body))).toBe("Question bank imported");
    expect(textOf(blocksOf(imported.body))).toContain("Imported team.yaml: 4 items");

    // The bank's topic is the only choice: the question is the imported one.
    await slash(t, { userId: "U1", text: "our-platform 1 mcq", responseId: "quiz" });
    const asked = await response(t.fake, "quiz");
    expect(textOf(blocksOf(asked.body))).toContain("How long may a member see a stale price with a 5 minute TTL?");
    const right = buttonsOf(blocksOf(asked.body)).find((b) => b.text.text.includes("About 5 minutes"))!;
    await click(t, blockAction({ userId: "U1", actionId: right.action_id, responseUrl: t.fake.responseUrl("graded") }));
    expect(headerOf(blocksOf((await response(t.fake, "graded")).body))).toBe("Correct");
    expect(t.db.$client.prepare("select question_id, is_correct from attempts").all())
      .toEqual([{ question_id: expect.stringMatching(/^q-b[0-9a-f]{6}-ttl-mcq$/), is_correct: 1 }]);

    // Ephemeral messages carry no files: the export goes to the admin's DM by files.uploadV2.
    await slash(t, { userId: "UADMIN", command: "/coach", text: "bank export", responseId: "export" });
    const exported = await response(t.fake, "export");
    expect(textOf(blocksOf(exported.body))).toContain("I sent *team.yaml* to your direct messages with me");
    const file = t.fake.files.find((f) => f.filename === "team.yaml" && f.shared)!;
    expect(file.shared).toMatchObject({ channel_id: "DUADMIN" });
    expect(parse(file.data!.toString("utf8"))).toEqual(parse(GOOD));
    expect(t.errors).toEqual([]);
  });

  it("a bad pasted file is refused with every bad item named by its line; nothing is stored", async () => {
    const t = await setup();
    const view = await openPasteModal(t, "bad");
    await paste(t, view, "bad.yaml", BAD.toString("utf8"));
    const refused = await response(t.fake, "bad");
    expect(headerOf(blocksOf(refused.body))).toBe("Question bank not imported");
    for (const line of BAD_LINES) expect(read(textOf(blocksOf(refused.body)))).toContain(line);
    expect(t.count("bank_items")).toBe(0);
  });

  it("a member who is not an admin gets no modal, only the refusal", async () => {
    const t = await setup();
    t.fake.users.set("U2", { id: "U2", name: "bob", is_admin: false });
    await slash(t, { userId: "U2", command: "/coach", text: "bank import", responseId: "member" });
    const refused = await response(t.fake, "member");
    expect(textOf(blocksOf(refused.body))).toContain("Only workspace admins and owners");
    expect(t.fake.ok("views.open")).toEqual([]);
  });

  it("shared in the DM with the bot: read with files.info, downloaded with the bot token, imported, answered in the DM", async () => {
    const t = await setup();
    await sendEvent(t, t.fake.shared.share({ user: "UADMIN", channel: "DUADMIN", name: "bad.yaml", data: BAD }));
    const refused = await t.fake.waitFor(() => dmPosts(t, "DUADMIN")[0]);
    for (const line of BAD_LINES) expect(shown(refused)).toContain(line);
    expect(t.count("bank_items")).toBe(0);

    await sendEvent(t, t.fake.shared.share({ user: "UADMIN", channel: "DUADMIN", name: "question-bank.csv", data: CSV, mimetype: "text/csv" }));
    const imported = await t.fake.waitFor(() => dmPosts(t, "DUADMIN")[1]);
    expect(shown(imported)).toContain("Imported question-bank.csv: 4 items");
    expect(t.fake.ok("files.info").map((c) => c.token)).toEqual([BOT_TOKEN, BOT_TOKEN]);
    expect(t.fake.shared.downloads.map((d) => [d.authorization, d.status])).toEqual([[`Bearer ${BOT_TOKEN}`, 200], [`Bearer ${BOT_TOKEN}`, 200]]);

    // The fake is as strict as Slack: the private URL without the token is the sign-in page.
    const info = t.fake.shared.info({ file: t.fake.shared.files[1]!.id }) as { file: { url_private_download: string } };
    const anonymous = await fetch(info.file.url_private_download);
    expect(anonymous.url).toContain("/signin");
    expect(anonymous.headers.get("content-type")).toContain("text/html");

    // Members quiz from it at once.
    await slash(t, { userId: "U1", text: "our-platform 1 free", responseId: "quiz" });
    expect(textOf(blocksOf((await response(t.fake, "quiz")).body))).toContain("outbox table");
  });

  it("shared files that are not for importing: the bot's own upload is ignored; a big or foreign file is answered without a download", async () => {
    const t = await setup();
    // The export the bot uploads to a DM raises file_shared too, with the bot as its user.
    await sendEvent(t, t.fake.shared.share({ user: "UBOT", channel: "DUADMIN", name: "team.yaml", data: Buffer.from(GOOD) }));
    // A file shared in a channel is not a bank import either.
    await sendEvent(t, t.fake.shared.share({ user: "UADMIN", channel: "C1", name: "team.yaml", data: Buffer.from(GOOD) }));
    await sendEvent(t, t.fake.shared.share({ user: "UADMIN", channel: "DUADMIN", name: "huge.yaml", data: Buffer.from(GOOD), size: 300 * 1024 }));
    const big = await t.fake.waitFor(() => dmPosts(t, "DUADMIN")[0]);
    expect(shown(big)).toContain("huge.yaml is 300 KB; a file may be at most 256 KB.");
    await sendEvent(t, t.fake.shared.share({ user: "UADMIN", channel: "DUADMIN", name: "diagram.png", data: Buffer.from("png"), mimetype: "image/png" }));
    const foreign = await t.fake.waitFor(() => dmPosts(t, "DUADMIN")[1]);
    expect(shown(foreign)).toContain("diagram.png is not one (a bank file ends in .yaml, .yml or .csv");
    expect(t.fake.ok("files.info")).toHaveLength(2); // huge.yaml and diagram.png only
    expect(t.fake.shared.downloads).toEqual([]);
    expect(dmPosts(t, "DUADMIN")).toHaveLength(2);
    expect(t.count("bank_items")).toBe(0);
  });

  it("another workspace never sees the imported items", async () => {
    const t = await setup();
    await paste(t, await openPasteModal(t, "import"), "team.yaml", GOOD);
    expect(headerOf(blocksOf((await response(t.fake, "import")).body))).toBe("Question bank imported");
    await slash(t, { userId: "U9", command: "/coach", text: "topics", responseId: "topics", team: { id: "T2", domain: "t2" } });
    expect(textOf(blocksOf((await response(t.fake, "topics")).body))).not.toContain("our-platform");
    await slash(t, { userId: "U9", text: "our-platform 1 mcq", responseId: "quiz", team: { id: "T2", domain: "t2" } });
    expect(textOf(blocksOf((await response(t.fake, "quiz")).body))).not.toContain("stale price");
    await slash(t, { userId: "UADMIN", command: "/coach", text: "bank export", responseId: "export", team: { id: "T2", domain: "t2" } });
    expect(textOf(blocksOf((await response(t.fake, "export")).body))).toContain("This space has no imported items.");
  });
});
