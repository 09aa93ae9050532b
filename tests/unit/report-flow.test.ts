/**
 * Reporting a question or drill (issue 18) through the core: the Report button under every
 * question, drill and round question; its kinds beside the clicked message; one report per
 * member, item and kind; the optional note; the admins' `config reports` list.
 */
import { describe, expect, it } from "vitest";
import { formButtonId } from "../../src/adapters/discord/forms.js";
import { decodeAction, encodeAction, MAX_ACTION_ID_LENGTH } from "../../src/bot/action-ids.js";
import { refsIn } from "../../src/bot/command-ref.js";
import type { BotEvent } from "../../src/bot/event.js";
import { formatUserMessage } from "../../src/bot/messages.js";
import { REPORT_KINDS } from "../../src/bot/ports.js";
import { mayChangeClicked, type Reply, withoutUserMarks } from "../../src/bot/reply.js";
import { groupReports } from "../../src/bot/services/reports.js";
import { loadCurriculum } from "../../src/curriculum/loader.js";
import { createTestCore, makeEvent, type TestCore } from "../fakes/core.js";

const options = (r: Reply | undefined) => r?.blocks.flatMap((b) => (b.kind === "choices" ? b.options : [])) ?? [];
const reportOf = (r: Reply | undefined) => options(r).find((o) => o.action.startsWith("report.open:"));
const formOf = (r: Reply | undefined) => r?.blocks.find((b) => b.kind === "form");
// Members' notes carry userText marks in the core's data; the text reads without them.
const textOf = (r: Reply | undefined) => withoutUserMarks(r?.blocks.map((b) => (b.kind === "text" ? b.markdown : "")).join("\n") ?? "");

const ASHA = { id: "u1", name: "Asha", isAdmin: false };
const RAVI = { id: "u2", name: "Ravi", isAdmin: false };
const ADMIN = { id: "u9", name: "Admin", isAdmin: true };

const run = (core: TestCore, kind: BotEvent["kind"], name: string, extra: Partial<BotEvent> = {}) =>
  core.dispatcher.handle(makeEvent({ kind, name, ...extra }));
const pick = (core: TestCore, itemId: string, kind: (typeof REPORT_KINDS)[number], user = ASHA) =>
  run(core, "action", encodeAction({ type: "report.kind", itemId, kind }), { user, message: { visibility: "private" } });
const note = (core: TestCore, itemId: string, kind: (typeof REPORT_KINDS)[number], text: string, user = ASHA) =>
  run(core, "submit", encodeAction({ type: "report.note", itemId, kind }), { user, args: { text }, message: { visibility: "private" } });

describe("the Report button", () => {
  it("sits under a quiz question, a drill, a round question and the grades; its click names the item", async () => {
    const core = createTestCore();
    const quiz = await run(core, "command", "quiz", { args: { topic: "caching", level: 1, format: "mcq" } });
    const session = [...core.repos.sessions.values()].at(-1)!;
    expect(reportOf(quiz)).toEqual({ action: `report.open:${session.questionId}`, label: "Report" });
    // In a row of its own, after the answers: never mistaken for one of them.
    expect(quiz!.blocks.at(-1)).toEqual({ kind: "choices", options: [reportOf(quiz)] });
    const graded = await run(core, "action", options(quiz)[0]!.action);
    expect(options(graded).map((o) => o.label)).toEqual(["Next question", "Report"]);
    expect(reportOf(graded)!.action).toBe(`report.open:${session.questionId}`);

    const free = await run(core, "command", "quiz", { args: { topic: "caching", level: 2, format: "free" } });
    expect(reportOf(free)!.action).toBe(`report.open:${[...core.repos.sessions.values()].at(-1)!.questionId}`);

    const drill = await run(core, "command", "drill");
    const drillId = [...core.repos.sessions.values()].at(-1)!.questionId;
    expect(drillId).toMatch(/^d-/);
    expect(reportOf(drill)!.action).toBe(`report.open:${drillId}`);

    const round = await run(core, "command", "round", { args: { action: "start", topic: "caching" }, user: ADMIN });
    expect(round?.visibility).toBe("channel");
    expect(reportOf(round)!.action).toMatch(/^report\.open:q-caching-/);
  });

  it("opens the kinds privately beside the question, which stays as it was (not locked, not replaced)", async () => {
    const core = createTestCore();
    const quiz = await run(core, "command", "quiz", { args: { topic: "caching", level: 1, format: "mcq" } });
    const picker = await run(core, "action", reportOf(quiz)!.action, { message: { visibility: "private" } });
    const itemId = reportOf(quiz)!.action.split(":")[1]!;
    expect(picker?.visibility).toBe("private");
    expect(picker?.clickedFrom).toBe("private");
    expect(mayChangeClicked(picker)).toBe(false);
    expect(options(picker).map((o) => [o.label, o.action])).toEqual([
      ["Wrong", `report.kind:${itemId}:wrong`], ["Unclear", `report.kind:${itemId}:unclear`], ["Too easy", `report.kind:${itemId}:too-easy`],
      ["Too hard", `report.kind:${itemId}:too-hard`], ["Typo", `report.kind:${itemId}:typo`],
    ]);
    expect(textOf(picker)).toContain(core.deps.curriculum.questionsById.get(itemId)!.prompt.slice(0, 40));
    // The question can still be answered after reporting it.
    const graded = await run(core, "action", options(quiz)[0]!.action, { message: { visibility: "private" } });
    expect(graded?.title).toMatch(/Correct|Not quite/);
  });

  it("records a kind once per member (a double click or a redelivery records once) and thanks privately with the command for admins", async () => {
    const core = createTestCore();
    const first = await pick(core, "q-caching-1-01", "unclear");
    expect(first?.visibility).toBe("private");
    expect(first?.fallback).toMatch(/^Thanks — reported as unclear\. Admins see reports with \u0002.*\u0003, and the authors read them to fix the question\.$/);
    expect(refsIn(textOf(first))).toEqual([{ cmd: { command: "config", sub: "reports" } }]);
    expect(formOf(first)).toMatchObject({ action: "report.note:q-caching-1-01:unclear", buttonLabel: "Add a note (optional)", maxLength: 500 });
    const again = await pick(core, "q-caching-1-01", "unclear");
    expect(again?.fallback).toBe("You already reported this question as unclear; it counts once.");
    const redelivered = makeEvent({ kind: "action", name: encodeAction({ type: "report.kind", itemId: "q-caching-1-01", kind: "wrong" }), user: ASHA });
    await core.dispatcher.handle(redelivered);
    await core.dispatcher.handle(redelivered);
    // Another kind, and another member, are reports of their own.
    await pick(core, "q-caching-1-01", "unclear", RAVI);
    const rows = await core.repos.reports.inSpace("console:s1", 10);
    expect(rows.map((r) => [r.memberId, r.itemId, r.kind]).sort()).toEqual([
      [1, "q-caching-1-01", "unclear"], [1, "q-caching-1-01", "wrong"], [2, "q-caching-1-01", "unclear"],
    ]);
  });

  it("a note is optional: sent, it is stored on the report; empty, nothing changes; too long, it is refused", async () => {
    const core = createTestCore();
    await pick(core, "d-01", "too-hard");
    const noted = await note(core, "d-01", "too-hard", "  The inputs leave out the replication factor.  ");
    expect(noted?.fallback).toBe("Note added to your report of d-01 (too hard). Thank you.");
    const empty = await note(core, "d-01", "too-hard", "   ");
    expect(empty?.fallback).toContain("The note was empty");
    const long = await note(core, "d-01", "too-hard", "x".repeat(501));
    expect(long?.fallback).toBe("Your note is 501 characters; the limit is 500. Shorten it and send it again.");
    expect(await core.repos.reports.inSpace("console:s1", 10)).toEqual([
      { spaceId: "console:s1", memberId: 1, itemId: "d-01", kind: "too-hard", note: "The inputs leave out the replication factor.", at: core.clock.now() },
    ]);
    // A note for a kind not picked yet (its form outlived an erase) records the report with it.
    await note(core, "d-01", "typo", "“seconds” is misspelt");
    expect((await core.repos.reports.inSpace("console:s1", 10)).map((r) => [r.kind, r.note])).toContainEqual(["typo", "“seconds” is misspelt"]);
  });

  it("refuses an item the bank no longer has (or a forged button), storing nothing", async () => {
    const core = createTestCore();
    for (const name of ["report.open:q-gone-1-01", "report.kind:q-gone-1-01:wrong", "report.kind:q-caching-1-01:boring"]) {
      const r = await run(core, "action", name);
      expect(r?.fallback).toMatch(/no longer in the bank|no longer valid/);
    }
    expect(await core.repos.reports.all()).toEqual([]);
  });
});

describe("config reports", () => {
  it("lists the space's reports to an admin: item, kind, count and latest notes, the most reported first", async () => {
    const core = createTestCore();
    await pick(core, "q-caching-1-01", "wrong");
    await note(core, "q-caching-1-01", "wrong", "The right option is wrong: write-through also writes the cache.");
    core.clock.advance(86_400_000);
    await pick(core, "q-caching-1-01", "wrong", RAVI);
    await note(core, "q-caching-1-01", "wrong", "Agree with the above.", RAVI);
    await pick(core, "d-01", "typo");
    // Another space's reports stay there.
    await run(core, "action", encodeAction({ type: "report.kind", itemId: "d-01", kind: "unclear" }), { space: { id: "s2" } });

    const list = await run(core, "command", "config", { args: { action: "reports" }, user: ADMIN });
    expect(list?.visibility).toBe("private");
    expect(list?.title).toBe("Reported questions");
    const shown = textOf(list);
    expect(shown.indexOf("**q-caching-1-01** · wrong · 2 reports · latest 2026-11-24")).toBeGreaterThanOrEqual(0);
    expect(shown.indexOf("**d-01** · a typo · 1 report")).toBeGreaterThan(shown.indexOf("q-caching-1-01"));
    expect(shown).toContain("“Agree with the above.” · “The right option is wrong: write-through also writes the cache.”");
    expect(shown).not.toContain("unclear");
  });

  it("shows the 15 most reported and counts the rest", async () => {
    const core = createTestCore();
    const items = [...core.deps.curriculum.questionsById.keys(), ...core.deps.curriculum.drills.map((d) => d.id)];
    const kinds = ["wrong", "unclear", "too-easy", "too-hard", "typo"] as const;
    for (let i = 0; i < 16; i++) await pick(core, items[i % items.length]!, kinds[Math.floor(i / items.length)]!);
    await pick(core, items[3]!, "wrong", RAVI);
    const shown = textOf(await run(core, "command", "config", { args: { action: "reports" }, user: ADMIN }));
    expect(shown.match(/ · \d+ reports? · /g)).toHaveLength(15);
    expect(shown.startsWith(`**${items[3]}** · wrong · 2 reports`)).toBe(true);
    expect(shown).toContain("…and 1 more, reported less often.");
  });

  it("explains the empty list, and refuses a member who is not an admin", async () => {
    const core = createTestCore();
    const empty = await run(core, "command", "config", { args: { action: "reports" }, user: ADMIN });
    expect(textOf(empty)).toContain("No reports here yet");
    expect(textOf(empty)).toContain("**Report** button");
    await pick(core, "d-01", "typo");
    const refused = await run(core, "command", "config", { args: { action: "reports" }, user: ASHA });
    expect(refused?.fallback).toBe(formatUserMessage("admin.only", { command: "config" }));
    expect(textOf(refused)).not.toContain("d-01");
  });

  it("groups by item and kind, counts every report, keeps the three latest notes newest first, in the space's zone", () => {
    const at = (h: number) => new Date(Date.UTC(2026, 10, 23, h));
    const r = (memberId: number, itemId: string, kind: "wrong" | "typo", h: number, note: string | null = null) =>
      ({ spaceId: "s", memberId, itemId, kind, note, at: at(h) });
    const groups = groupReports([
      r(1, "q-a", "typo", 1), r(1, "q-b", "wrong", 2, "n1"), r(2, "q-b", "wrong", 3, "n2"), r(3, "q-b", "wrong", 4),
      r(4, "q-b", "wrong", 20, "n4"), r(5, "q-b", "wrong", 5, "n3"), r(2, "q-c", "typo", 22),
    ], "Asia/Kolkata");
    expect(groups).toEqual([
      { itemId: "q-b", kind: "wrong", count: 5, latest: "2026-11-24", notes: ["n4", "n3", "n2"] },
      { itemId: "q-c", kind: "typo", count: 1, latest: "2026-11-24", notes: [] },
      { itemId: "q-a", kind: "typo", count: 1, latest: "2026-11-23", notes: [] },
    ]);
  });
});

describe("report action ids", () => {
  it("round-trip, and stay under Discord's 100-character custom_id with the longest item id of the real bank, as a form button too", () => {
    const curriculum = loadCurriculum();
    const ids = [...curriculum.questionsById.keys(), ...curriculum.drills.map((d) => d.id)];
    const longest = ids.reduce((a, b) => (b.length > a.length ? b : a));
    for (const kind of REPORT_KINDS) {
      const id = encodeAction({ type: "report.note", itemId: longest, kind });
      expect(decodeAction(id)).toEqual({ type: "report.note", itemId: longest, kind });
      expect(formButtonId(id).length).toBeLessThanOrEqual(MAX_ACTION_ID_LENGTH);
    }
    expect(decodeAction(`report.open:${longest}`)).toEqual({ type: "report.open", itemId: longest });
    expect(decodeAction("report.kind:q-caching-1-01:boring")).toBeUndefined();
    expect(decodeAction("report.open:")).toBeUndefined();
  });
});
