/**
 * A space's own question bank on Discord (issue 22), end to end: the real discord.js client in
 * the adapter, the real core on SQLite, against the fake Discord. The bank file is an ATTACHMENT
 * option: Discord gives the bot its size and a signed CDN link (discord-fake/cdn.ts), which the
 * adapter downloads (never when too big) and hands to the core. Import → quiz → export; a bad
 * file named item by item; the second server the bot is in never sees the items.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT, SPACE, startDiscordHarness, type DiscordHarness } from "./discord-fake/harness.js";
import { ADMIN, ASHA, OTHER_ADMIN, click, command, file, int, str, type Who } from "./discord-fake/payloads.js";
import type { ResolvedAttachment } from "./discord-fake/cdn.js";
import { FAKE, type FakeDiscord, type StoredMessage } from "./discord-fake/server.js";

const EPHEMERAL = 64;
const GOOD = readFileSync(join(ROOT, "tests/fixtures/banks/team.yaml"));
const BAD = readFileSync(join(ROOT, "tests/fixtures/banks/bad.yaml"));

let h: DiscordHarness;
let fake: FakeDiscord;

beforeAll(async () => {
  // The bot is in a second server too: what one guild imports must not show in the other.
  h = await startDiscordHarness({ secondGuild: true });
  fake = h.fake;
});
afterAll(async () => {
  await h?.close();
});

type Button = { custom_id: string; label: string };
const buttonsOf = (m: StoredMessage): Button[] => (m.components as Array<{ components: Button[] }>).flatMap((r) => r.components);
const messagesOf = (interactionId: string) => fake.messages.filter((m) => m.interactionId === interactionId);
const shownIn = (m: StoredMessage) => [m.content, ...(m.embeds as Array<{ title?: string; description?: string; fields?: Array<{ name: string; value: string }> }>)
  .flatMap((e) => [e.title ?? "", e.description ?? "", ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])].filter(Boolean).join("\n");

async function replyTo(p: { id: string }): Promise<StoredMessage> {
  await fake.waitFor(() => fake.callbacks.find((c) => c.interactionId === p.id && (c.type === 4 || c.type === 5)));
  return fake.waitFor(() => messagesOf(p.id).find((m) => m.embeds.length > 0 || m.content));
}

/** `/bank import file:<attachment>` by `who`, as Discord sends it: the option's id, the attachment in `resolved`. */
async function importFile(who: Who, a: ResolvedAttachment, o: { otherGuild?: boolean } = {}): Promise<StoredMessage> {
  const p = command(fake, who, "bank", [file("file", a)], { sub: "import", attachments: [a], ...o });
  fake.interact(p);
  return replyTo(p);
}

async function run(who: Who, name: string, options: Parameters<typeof command>[3] = [], o: Parameters<typeof command>[4] = {}): Promise<StoredMessage> {
  const p = command(fake, who, name, options, o);
  fake.interact(p);
  return replyTo(p);
}

const downloadsOf = (a: ResolvedAttachment) => fake.cdn.fetches.filter((f) => f.path.includes(`/${a.id}/`));

describe("a question bank on Discord (an attachment)", () => {
  it("a member without Manage Server is refused, and nothing is stored", async () => {
    const reply = await importFile(ASHA, fake.attach("team.yaml", GOOD, { contentType: "application/yaml" }));
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(shownIn(reply)).toMatch(/Only members with the \*\*Manage Server\*\* permission can use `\/bank`/);
    expect(h.sql("select count(*) as n from bank_items")[0]!.n).toBe(0);
  });

  it("a bad file is refused with every bad item named by its line, and nothing is stored", async () => {
    const reply = await importFile(ADMIN, fake.attach("bad.yaml", BAD, { contentType: "application/yaml" }));
    const shown = shownIn(reply);
    expect(shown).toContain("Question bank not imported");
    // Discord markdown escapes the underscore of Bad_Id, so it shows as typed.
    for (const line of ["line 2 (topic caching)", "line 6 (question ok-one)", "line 12 (question no-points)", "line 18 (question two-right)", "line 28 (drill Bad\\_Id)"]) {
      expect(shown).toContain(line);
    }
    expect(h.sql("select count(*) as n from bank_items")[0]!.n).toBe(0);
  });

  it("a file over 256 KB is refused from its size, without downloading it", async () => {
    const big = fake.attach("huge.yaml", GOOD, { contentType: "application/yaml", size: 300 * 1024 });
    const reply = await importFile(ADMIN, big);
    expect(shownIn(reply)).toBe("huge.yaml is 300 KB; a file may be at most 256 KB.");
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(downloadsOf(big)).toEqual([]);
  });

  it("a link the CDN no longer serves: the admin is asked to attach the file again", async () => {
    const gone = fake.attach("team.yaml", GOOD, { contentType: "application/yaml" });
    fake.cdn.expire(gone.id);
    const reply = await importFile(ADMIN, gone);
    expect(shownIn(reply)).toBe("I could not download team.yaml from Discord. Please attach it again.");
    expect(downloadsOf(gone)).toEqual([expect.objectContaining({ status: 404 })]);
    expect(h.sql("select count(*) as n from bank_items")[0]!.n).toBe(0);
  });

  it("imports a good file, quizzes from it, and exports the same items back as an attachment", async () => {
    const good = fake.attach("team.yaml", GOOD, { contentType: "application/yaml" });
    const imported = await importFile(ADMIN, good);
    expect(downloadsOf(good)).toEqual([expect.objectContaining({ status: 200 })]);
    expect(shownIn(imported)).toContain("Question bank imported");
    expect(shownIn(imported)).toContain("Imported team.yaml: 4 items");

    // The bank's topic is the only choice: the question can only be the imported one.
    const question = await run(ASHA, "quiz", [str("topic", "our-platform"), int("level", 1), str("format", "mcq")]);
    expect(shownIn(question)).toContain("How long may a member see a stale price with a 5 minute TTL?");
    const right = buttonsOf(question).find((b) => b.label.includes("About 5 minutes"))!;
    const c = click(fake, ASHA, question, right.custom_id);
    fake.interact(c);
    await fake.waitFor(() => messagesOf(c.id).length > 0);
    const attempts = await fake.waitFor(() => {
      const rows = h.sql("select question_id, topic, is_correct from attempts where space_id = ?", SPACE);
      return rows.length ? rows : undefined;
    });
    expect(attempts).toEqual([{ question_id: expect.stringMatching(/^q-b[0-9a-f]{6}-ttl-mcq$/), topic: "our-platform", is_correct: 1 }]);

    const p = command(fake, ADMIN, "bank", [], { sub: "export" });
    fake.interact(p);
    const exported = await replyTo(p);
    expect(shownIn(exported)).toContain("4 items, as team.yaml (YAML)");
    expect(exported.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(exported.attachments?.map((a) => a.filename)).toEqual(["team.yaml"]);
    // What went up in the multipart body is the file's items, as they were imported.
    const upload = fake.requestsFor(p.token).flatMap((r) => r.files);
    expect(upload.map((f) => f.filename)).toEqual(["team.yaml"]);
    expect(parse(upload[0]!.data.toString("utf8"))).toEqual(parse(GOOD.toString("utf8")));
  });

  it("the other server the bot is in never sees the imported items", async () => {
    const topics = await run(OTHER_ADMIN, "topics", [], { otherGuild: true });
    expect(shownIn(topics)).not.toContain("our-platform");
    const quiz = await run(OTHER_ADMIN, "quiz", [str("topic", "our-platform")], { otherGuild: true });
    expect(shownIn(quiz)).not.toContain("stale price");
    const exported = await run(OTHER_ADMIN, "bank", [], { sub: "export", otherGuild: true });
    expect(shownIn(exported)).toContain("This space has no imported items.");
    expect(exported.attachments ?? []).toEqual([]);
    // Its own import is its own: the first server's bank is untouched.
    await importFile(OTHER_ADMIN, fake.attach("team.yaml", GOOD), { otherGuild: true });
    expect(h.sql("select space_id, count(*) as n from bank_items group by space_id order by space_id")).toEqual([
      { space_id: SPACE, n: 4 }, { space_id: `discord:${FAKE.otherGuildId}`, n: 4 },
    ]);
    expect(fake.violations).toEqual([]);
    expect(h.logged.errors).toEqual([]);
  });
});
