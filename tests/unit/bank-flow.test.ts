import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/bot/reply.js";
import { createTestCore, makeEvent } from "../fakes/core.js";

const team = readFileSync(new URL("../fixtures/banks/team.yaml", import.meta.url), "utf8");
const textOf = (r: Reply | undefined) => r?.blocks.map((b) => (b.kind === "text" ? b.markdown : b.kind === "fields" ? b.fields.map((f) => `${f.label}: ${f.value}`).join("\n") : "")).join("\n") ?? "";
const admin = (space = "s1") => ({ space: { id: space }, user: { id: "boss", name: "Boss", isAdmin: true } });
const bank = (args: Record<string, string>, file?: { name: string; text: string }, space = "s1") =>
  makeEvent({ kind: "command", name: "bank", args, ...admin(space), ...(file ? { file } : {}) });

describe("a space's own question bank through the core", () => {
  it("imported items show in that space's /topics and /quiz only; export gives the file back", async () => {
    const core = createTestCore();
    const imported = await core.dispatcher.handle(bank({ action: "import", file: "team.yaml" }, { name: "team.yaml", text: team }));
    expect(imported?.title).toBe("Question bank imported");
    expect(textOf(imported)).toContain("Questions: 2");

    const topics = await core.dispatcher.handle(makeEvent({ kind: "command", name: "topics" }));
    expect(textOf(topics)).toContain("**our-platform** — Our platform");
    const quiz = await core.dispatcher.handle(makeEvent({ kind: "command", name: "quiz", args: { topic: "our-platform", format: "free" } }));
    expect(textOf(quiz)).toContain("Why do we write events through an outbox table?");
    // The file gives no model answer or explanation: the key points make the model answer, shown once.
    const form = quiz?.blocks.find((x) => x.kind === "form");
    const graded = await core.dispatcher.handle(makeEvent({ kind: "submit", name: form?.kind === "form" ? form.action : "", args: { text: "no idea" } }));
    const modelAnswer = graded?.blocks.find((x) => x.kind === "text" && x.markdown.startsWith("**Model answer:**"));
    expect(modelAnswer?.kind === "text" && modelAnswer.markdown.length).toBeGreaterThan("**Model answer:** ".length);
    const answerText = modelAnswer?.kind === "text" ? modelAnswer.markdown.replace("**Model answer:** ", "") : "";
    expect(textOf(graded).split(answerText).length - 1).toBe(1);

    const elsewhere = await core.dispatcher.handle(makeEvent({ kind: "command", name: "topics", space: { id: "s2" } }));
    expect(textOf(elsewhere)).not.toContain("our-platform");
    const refused = await core.dispatcher.handle(makeEvent({ kind: "command", name: "quiz", args: { topic: "our-platform" }, space: { id: "s2" } }));
    expect(textOf(refused)).toContain("There is no topic `our-platform`");

    const exported = await core.dispatcher.handle(bank({ action: "export" }));
    const file = exported?.files?.[0];
    expect(file?.name).toBe("team.yaml");
    const again = await core.dispatcher.handle(bank({ action: "import" }, { name: "team.yaml", text: Buffer.from(file!.data, "base64").toString() }, "s3"));
    expect(textOf(again)).toContain("4 items");
  });

  it("a bad file is refused with every bad item named, and nothing is stored", async () => {
    const core = createTestCore();
    const bad = readFileSync(new URL("../fixtures/banks/bad.yaml", import.meta.url), "utf8");
    const r = await core.dispatcher.handle(bank({ action: "import" }, { name: "bad.yaml", text: bad }));
    expect(r?.title).toBe("Question bank not imported");
    for (const line of ["line 2 (topic caching)", "line 6 (question ok-one)", "line 12 (question no-points)", "line 18 (question two-right)", "line 28 (drill Bad_Id)"]) {
      expect(textOf(r)).toContain(line);
    }
    expect(await core.repos.banks.get("console:s1")).toBeUndefined();
    const noFile = await core.dispatcher.handle(bank({ action: "import" }));
    expect(textOf(noFile)).toContain("Send the bank file");
    const notAdmin = await core.dispatcher.handle(makeEvent({ kind: "command", name: "bank", args: { action: "export" } }));
    expect(textOf(notAdmin)).toContain("Only");
  });

  it("an admin switches a built-in topic off for the space, and back on; remove takes items out", async () => {
    const core = createTestCore();
    await core.dispatcher.handle(bank({ action: "topics", topic: "caching", state: "off" }));
    const topics = await core.dispatcher.handle(makeEvent({ kind: "command", name: "topics" }));
    expect(textOf(topics)).not.toContain("**caching**");
    const other = await core.dispatcher.handle(makeEvent({ kind: "command", name: "topics", space: { id: "s2" } }));
    expect(textOf(other)).toContain("**caching**");
    await core.dispatcher.handle(bank({ action: "topics", topic: "caching", state: "on" }));
    expect(textOf(await core.dispatcher.handle(makeEvent({ kind: "command", name: "topics" })))).toContain("**caching**");

    await core.dispatcher.handle(bank({ action: "import" }, { name: "team.yaml", text: team }));
    const removed = await core.dispatcher.handle(bank({ action: "remove", item: "outbox-why" }));
    expect(textOf(removed)).toContain("Removed the item");
    const quiz = await core.dispatcher.handle(makeEvent({ kind: "command", name: "quiz", args: { topic: "our-platform", format: "free" } }));
    expect(textOf(quiz)).not.toContain("outbox");
    await core.dispatcher.handle(bank({ action: "remove" }));
    expect(textOf(await core.dispatcher.handle(makeEvent({ kind: "command", name: "topics" })))).not.toContain("our-platform");
  });
});
