import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/bot/reply.js";
import { createTestCore, makeEvent, type TestCore } from "../fakes/core.js";

const SPACE = "console:s1";
const ASHA = { id: "u1", name: "Asha", isAdmin: false };
const RAVI = { id: "u2", name: "Ravi", isAdmin: false };
const textOf = (r: Reply | undefined) =>
  r?.blocks.map((b) => (b.kind === "text" ? b.markdown : b.kind === "fields" ? b.fields.map((f) => `${f.label}: ${f.value}`).join("\n") : "")).join("\n") ?? "";
const buttons = (r: Reply | undefined) => r?.blocks.flatMap((b) => (b.kind === "choices" ? b.options : [])) ?? [];
const me = (core: TestCore, args: Record<string, string>, user = ASHA) => core.dispatcher.handle(makeEvent({ kind: "command", name: "me", args, user }));
const click = (core: TestCore, action: string, user = ASHA) => core.dispatcher.handle(makeEvent({ kind: "action", name: action, user }));

/** Two members with an answer and points each. */
async function seeded() {
  const core = createTestCore();
  const at = core.clock.now();
  const ids: number[] = [];
  for (const [i, u] of [ASHA, RAVI].entries()) {
    const m = await core.repos.members.ensure(SPACE, u);
    ids.push(m.id);
    await core.repos.quizzes.open({ id: `s${i}`, spaceId: SPACE, memberId: m.id, questionId: "q-caching-1-01", channelId: "c1", kind: "quiz", cardBefore: null, createdAt: at });
    await core.repos.quizzes.recordAnswer({
      spaceId: SPACE, memberId: m.id, sessionId: `s${i}`, questionId: "q-caching-1-01", topic: "caching", level: 1, format: "mcq", answer: "A",
      score: 1, isCorrect: true, at, award: { ref: `quiz-${u.id}`, points: 10 + i, reason: "quiz", periods: ["all"] },
    });
  }
  return { core, asha: ids[0]!, ravi: ids[1]! };
}
const board = async (core: TestCore) => (await core.repos.points.top(SPACE, "all", 10)).map((r) => r.name);

describe("/me export", () => {
  it("sends the member's rows by table as a private JSON file, none of anyone else's", async () => {
    const { core, asha, ravi } = await seeded();
    const reply = await me(core, { action: "export" });
    expect(reply?.visibility).toBe("private");
    const file = reply!.files![0]!;
    expect(file).toMatchObject({ name: `prepcoach-${asha}.json`, contentType: "application/json" });
    const json = JSON.parse(Buffer.from(file.data, "base64").toString("utf8"));
    expect(json.member).toEqual({ id: asha, space: SPACE, user: "u1" });
    expect(json.tables.attempts).toHaveLength(1);
    expect(json.tables.members[0]).toMatchObject({ id: asha, displayName: "Asha" });
    expect(Object.keys(json.tables)).toEqual(expect.arrayContaining(["members", "quiz_sessions", "attempts", "points", "point_totals"]));
    const text = JSON.stringify(json);
    expect(text).not.toContain("Ravi");
    expect(json.tables.attempts.every((a: { memberId: number }) => a.memberId !== ravi)).toBe(true);
    expect(textOf(reply)).toContain("answers 1");
  });
});

describe("/me delete", () => {
  it("asks first, then erases everything of the member and confirms counts; boards drop them at once", async () => {
    const { core, asha } = await seeded();
    const ask = await me(core, { action: "delete" });
    expect(ask?.visibility).toBe("private");
    expect(buttons(ask).map((b) => b.label)).toEqual(["Erase my data", "Cancel"]);
    expect(await board(core)).toEqual(["Ravi", "Asha"]);
    const done = await click(core, buttons(ask)[0]!.action);
    expect(done?.title).toBe("Your data is erased");
    expect(textOf(done)).toContain("answers: 1");
    expect(textOf(done)).toContain("profile: 1");
    expect(await board(core)).toEqual(["Ravi"]);
    expect(await core.repos.members.get(asha)).toBeUndefined();
    expect(core.repos.attempts.map((a) => a.memberId)).not.toContain(asha);
    expect(core.repos.attempts).toHaveLength(1); // Ravi's
  });

  it("Cancel erases nothing", async () => {
    const { core, asha } = await seeded();
    const ask = await me(core, { action: "delete" });
    const cancelled = await click(core, buttons(ask)[1]!.action);
    expect(cancelled?.title).toBe("Nothing erased");
    expect(await core.repos.members.get(asha)).toBeDefined();
    expect(await board(core)).toEqual(["Ravi", "Asha"]);
  });

  it("a confirm button pressed by another member (forged or forwarded) erases nothing", async () => {
    const { core, asha, ravi } = await seeded();
    const ask = await me(core, { action: "delete" });
    const forged = await click(core, buttons(ask)[0]!.action, RAVI);
    expect(textOf(forged)).toContain("isn't yours");
    expect(await core.repos.members.get(asha)).toBeDefined();
    expect(await core.repos.members.get(ravi)).toBeDefined();
    expect(await board(core)).toEqual(["Ravi", "Asha"]);
  });

  it("an expired confirm erases nothing", async () => {
    const { core, asha } = await seeded();
    const ask = await me(core, { action: "delete" });
    core.clock.advance(11 * 60_000);
    const late = await click(core, buttons(ask)[0]!.action);
    expect(textOf(late)).toContain("expired");
    expect(await core.repos.members.get(asha)).toBeDefined();
  });

  it("after erasing, the same user starts fresh as a new member, and the old button stays dead", async () => {
    const { core, asha } = await seeded();
    const ask = await me(core, { action: "delete" });
    await click(core, buttons(ask)[0]!.action);
    const again = await click(core, buttons(ask)[0]!.action); // a second click, a new interaction
    // Nothing left to erase, and the click creates no new profile.
    expect(again?.title).toBe("Nothing stored");
    expect(await core.repos.members.find(SPACE, ASHA.id)).toBeUndefined();
    // Once they are back (a quiz), the old button is not theirs.
    const fresh = await core.repos.members.ensure(SPACE, ASHA);
    expect(fresh.id).not.toBe(asha);
    expect(textOf(await click(core, buttons(ask)[0]!.action))).toContain("isn't yours");
    const q = await core.dispatcher.handle(makeEvent({ kind: "command", name: "quiz", args: { topic: "caching", level: 1 } }));
    await click(core, buttons(q)[0]!.action);
    expect(core.repos.attempts.filter((a) => a.memberId === fresh.id)).toHaveLength(1);
  });
});

describe("/me timezone", () => {
  it("sets the member's own zone (any case), confirming it and the local time there", async () => {
    const core = createTestCore(); // the clock reads 09:00 UTC
    const reply = await me(core, { action: "timezone", tz: "asia/kolkata" });
    expect(reply?.title).toBe("Time zone set");
    expect(textOf(reply)).toContain("Asia/Kolkata");
    expect(textOf(reply)).toContain("Mon 23 Nov, 14:30 Asia/Kolkata");
    const m = await core.repos.members.ensure(SPACE, ASHA);
    expect(m.timezone).toBe("Asia/Kolkata");
  });

  it("clear goes back to the space's zone", async () => {
    const core = createTestCore();
    await me(core, { action: "timezone", tz: "Europe/Paris" });
    const reply = await me(core, { action: "timezone", tz: "clear" });
    expect(reply?.title).toBe("Time zone cleared");
    expect(textOf(reply)).toContain("UTC — this space's zone");
    expect((await core.repos.members.ensure(SPACE, ASHA)).timezone).toBeNull();
  });

  it("refuses a name that is not an IANA zone, keeping the old one", async () => {
    const core = createTestCore();
    await me(core, { action: "timezone", tz: "Europe/Paris" });
    const reply = await me(core, { action: "timezone", tz: "Mars/Olympus" });
    expect(textOf(reply)).toContain("`Mars/Olympus` is not an IANA time zone");
    expect((await core.repos.members.ensure(SPACE, ASHA)).timezone).toBe("Europe/Paris");
  });

  it("without a zone, shows the zone in force", async () => {
    const core = createTestCore();
    await me(core, { action: "timezone", tz: "Europe/Paris" });
    expect(textOf(await me(core, { action: "timezone" }))).toContain("Europe/Paris — your own zone");
  });

  it("an unknown action names the ones there are", async () => {
    const core = createTestCore();
    expect(textOf(await me(core, { action: "forget" }))).toContain("action must be export, delete or timezone");
  });
});
