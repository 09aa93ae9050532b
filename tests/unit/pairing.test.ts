/**
 * Peer mocks through the core: the pairing queue (closest level, longest wait, no repeat partner),
 * the timeout that offers a solo mock, the interviewer's private brief, peer scores both ways and
 * swapping roles.
 */
import { describe, expect, it } from "vitest";
import type { BotEvent } from "../../src/bot/event.js";
import type { PairTicket } from "../../src/bot/ports.js";
import { type Reply, withoutUserMarks } from "../../src/bot/reply.js";
import { INTERVIEWER_CRITERIA } from "../../src/bot/services/mock.js";
import { pairTimeout, pickPartner } from "../../src/bot/services/pairing.js";
import { loadCurriculum } from "../../src/curriculum/loader.js";
import { createTestCore, makeEvent } from "../fakes/core.js";

const curriculum = loadCurriculum();
const SPACE = "console:s1";
const MIN = 60_000;
// Member-written pieces carry userText marks in the core's data; the text reads without them.
const textOf = (r: Reply | undefined) => withoutUserMarks(r?.blocks.map((b) => (b.kind === "text" ? b.markdown : b.kind === "fields" ? b.fields.map((f) => `${f.label}: ${f.value}`).join(" ") : "")).join("\n") ?? "");
const options = (r: Reply | undefined) => r?.blocks.flatMap((b) => (b.kind === "choices" ? b.options : [])) ?? [];

interface Person { id: string; name: string }
const asha: Person = { id: "uA", name: "Asha" };
const bilal: Person = { id: "uB", name: "Bilal" };
const chen: Person = { id: "uC", name: "Chen" };
const dev: Person = { id: "uD", name: "Dev" };

function setup() {
  const core = createTestCore({ curriculum });
  const ev = (who: Person, e: Partial<BotEvent> & Pick<BotEvent, "kind" | "name">) => core.dispatcher.handle(makeEvent({ ...e, user: { ...who, isAdmin: false } }));
  const mock = (who: Person, action: string) => ev(who, { kind: "command", name: "mock", args: { action } });
  const click = (who: Person, action: string) => ev(who, { kind: "action", name: action });
  const say = (who: Person, threadId: string, text: string) => ev(who, { kind: "message", name: "message", thread: { id: threadId }, args: { text } });
  const member = (who: Person) => core.repos.members.ensure(SPACE, who);
  /** Answers enough questions to unlock `level` (4 strong answers at each level below). */
  async function seedLevel(who: Person, level: number) {
    const m = await member(who);
    for (let l = 1; l < level; l++) {
      for (let i = 0; i < 4; i++) {
        core.repos.attempts.push({
          spaceId: SPACE, memberId: m.id, sessionId: `seed-${m.id}-${l}-${i}`, questionId: `q-caching-${l}-0${i + 1}`, topic: "caching",
          level: l, format: "mcq", answer: "A", score: 1, isCorrect: true, at: core.clock.now(),
        });
      }
    }
    return m;
  }
  const timerOf = (memberId: number) => [...core.timers.values()].find((t) => t.kind === "pair-timeout" && t.payload.memberId === memberId);
  const fire = (t: { payload: Record<string, string | number> }) => pairTimeout(core.deps, t.payload as Parameters<typeof pairTimeout>[1]);
  return { core, mock, click, say, member, seedLevel, timerOf, fire };
}

/** Pairs two level-1 members (the first waits, so is the candidate) and returns the running session. */
async function pairUp(t: ReturnType<typeof setup>, candidate: Person, interviewer: Person) {
  await t.mock(candidate, "pair");
  t.core.clock.advance(MIN);
  const reply = await t.mock(interviewer, "pair");
  const c = await t.member(candidate);
  const session = (await t.core.repos.mocks.activeFor(c.id))!;
  return { reply, session, thread: t.core.outbox.threads.at(-1)! };
}

async function endAndScorecard(t: ReturnType<typeof setup>, who: Person) {
  return t.mock(who, "end");
}

describe("the pairing queue", () => {
  it("orders candidates by closest level, then longest wait (pickPartner)", () => {
    const at = (m: number) => new Date(Date.UTC(2026, 10, 23, 9, m));
    const ticket = (memberId: number, level: number, minute: number): PairTicket => ({ memberId, spaceId: SPACE, channelId: "c1", level, queuedAt: at(minute) });
    const waiting = [ticket(1, 1, 0), ticket(2, 3, 1), ticket(3, 2, 2)];
    expect(pickPartner({ memberId: 9, level: 2 }, waiting, undefined, Infinity)?.memberId).toBe(3);
    expect(pickPartner({ memberId: 9, level: 2 }, waiting.slice(0, 2), undefined, Infinity)?.memberId).toBe(1);
    expect(pickPartner({ memberId: 9, level: 1 }, waiting.slice(1, 2), undefined, 1)).toBeUndefined();
  });

  it("four members queue and become two pairs: the closest level wins over the longest wait", async () => {
    const t = setup();
    const a = await t.seedLevel(asha, 1);
    const b = await t.seedLevel(bilal, 3);
    const c = await t.seedLevel(chen, 3);
    const d = await t.seedLevel(dev, 1);
    const first = await t.mock(asha, "pair");
    expect(first?.title).toBe("Waiting for a partner");
    expect(textOf(first)).toContain("within 10 minutes");
    expect(t.timerOf(a.id)?.runAt.getTime()).toBe(t.core.clock.now().getTime() + 10 * MIN);
    t.core.clock.advance(MIN);
    expect((await t.mock(bilal, "pair"))?.title).toBe("Waiting for a partner"); // level 3 does not suit level 1
    t.core.clock.advance(MIN);
    const chenMatched = await t.mock(chen, "pair");
    expect(chenMatched?.title).toBe("Partner found");
    expect(textOf(chenMatched)).toContain("paired with **Bilal**");
    t.core.clock.advance(MIN);
    const devMatched = await t.mock(dev, "pair");
    expect(textOf(devMatched)).toContain("paired with **Asha**");
    expect(await t.core.repos.pairs.waiting(SPACE)).toEqual([]);
    expect(t.timerOf(a.id)).toBeUndefined();
    expect(t.timerOf(b.id)).toBeUndefined();
    const bc = (await t.core.repos.mocks.activeFor(c.id))!;
    const ad = (await t.core.repos.mocks.activeFor(d.id))!;
    // Equal levels: the one who waited is the candidate.
    expect([bc.memberId, bc.partnerId]).toEqual([b.id, c.id]);
    expect([ad.memberId, ad.partnerId]).toEqual([a.id, d.id]);
    expect(t.core.outbox.threads).toHaveLength(2);
    expect(textOf(t.core.outbox.threads[0]!.first)).toContain("**Chen** interviews, **Bilal** is the candidate");
    // The members who waited are told where to go.
    const told = t.core.outbox.posts.filter((p) => p.reply.title === "Partner found").map((p) => p.target.userId);
    expect(told).toEqual(["uB", "uA"]);
  });

  it("avoids the last partner while someone else suitable waits, and pairs them again when nobody else does", async () => {
    const t = setup();
    const a = await t.seedLevel(asha, 2);
    await t.seedLevel(bilal, 1);
    const c = await t.seedLevel(chen, 3);
    await pairUp(t, bilal, asha);
    await endAndScorecard(t, asha);
    t.core.clock.advance(MIN);
    await t.mock(bilal, "pair"); // waits longest, level 1
    t.core.clock.advance(MIN);
    await t.mock(chen, "pair"); // level 3: too far from Bilal, waits too
    t.core.clock.advance(MIN);
    const again = await t.mock(asha, "pair"); // level 2: both suit; Bilal was her last partner
    expect(textOf(again)).toContain("paired with **Chen**");
    const s = (await t.core.repos.mocks.activeFor(c.id))!;
    expect([s.memberId, s.partnerId]).toEqual([a.id, c.id]); // the higher level interviews first
    // Only Bilal waits now: the repeat is allowed.
    const t2 = setup();
    await pairUp(t2, bilal, asha);
    await endAndScorecard(t2, asha);
    await t2.mock(bilal, "pair");
    expect(textOf(await t2.mock(asha, "pair"))).toContain("paired with **Bilal**");
  });

  it("says clearly when already queued, already in a mock, or leaving a queue they are not in", async () => {
    const t = setup();
    await t.mock(asha, "pair");
    expect(textOf(await t.mock(asha, "pair"))).toContain("already in the pairing queue");
    expect((await t.mock(asha, "start"))?.title).toBe("Mock interview started"); // a solo mock while waiting is allowed
    const left = await t.mock(asha, "leave");
    expect(left?.title).toBe("Left the queue");
    expect(await t.core.repos.pairs.waiting(SPACE)).toEqual([]);
    expect([...t.core.timers.values()].filter((x) => x.kind === "pair-timeout")).toEqual([]);
    expect(textOf(await t.mock(asha, "leave"))).toContain("not in the pairing queue");
    // Asha's solo mock (started above while queued) is running: pairing is refused.
    expect(textOf(await t.mock(asha, "pair"))).toContain("already have a mock interview running");
  });

  it("without a scheduler it still queues, and says there will be no timeout offer", async () => {
    const core = createTestCore({ curriculum, scheduler: { isEnabled: false, subscriptionChanged: async () => undefined } });
    const reply = await core.dispatcher.handle(makeEvent({ kind: "command", name: "mock", args: { action: "pair" } }));
    expect(textOf(reply)).toContain("Scheduling is off here");
    expect(await core.repos.pairs.waiting(SPACE)).toHaveLength(1);
  });
});

describe("the pair timeout", () => {
  it("tells an unmatched member, offers a solo mock whose button works, and fires only once", async () => {
    const t = setup();
    const a = await t.member(asha);
    await t.mock(asha, "pair");
    const timer = t.timerOf(a.id)!;
    t.core.clock.advance(10 * MIN);
    await t.fire(timer);
    const told = t.core.outbox.posts.at(-1)!;
    expect(told.target).toEqual({ spaceId: SPACE, channelId: "c1" });
    expect(textOf(told.reply)).toContain("**Asha**, nobody joined the pairing queue within 10 minutes");
    expect(await t.core.repos.pairs.waiting(SPACE)).toEqual([]);
    const posts = t.core.outbox.posts.length;
    await t.fire(timer);
    expect(t.core.outbox.posts).toHaveLength(posts);
    const solo = options(told.reply).find((o) => o.label === "Start a solo mock")!;
    expect(textOf(await t.click(bilal, solo.action))).toContain("That offer was for someone else");
    const started = await t.click(asha, solo.action);
    expect(started?.title).toBe("Mock interview started");
    expect(await t.core.repos.mocks.activeFor(a.id)).toMatchObject({ partnerId: null, channelId: "c1" });
  });

  it("a failed notice keeps the member in line, so the job's retry tells them", async () => {
    const t = setup();
    const a = await t.member(asha);
    await t.mock(asha, "pair");
    const timer = t.timerOf(a.id)!;
    const post = t.core.outbox.post.bind(t.core.outbox);
    t.core.outbox.post = async () => { throw new Error("platform down"); };
    await expect(t.fire(timer)).rejects.toThrow("platform down");
    expect((await t.core.repos.pairs.waiting(SPACE)).map((x) => x.memberId)).toEqual([a.id]);
    t.core.outbox.post = post;
    await t.fire(timer);
    expect(t.core.outbox.posts.filter((p) => p.reply.title === "No partner this time")).toHaveLength(1);
    expect(await t.core.repos.pairs.waiting(SPACE)).toEqual([]);
  });

  it("does nothing for a member who was matched meanwhile", async () => {
    const t = setup();
    const a = await t.member(asha);
    await t.mock(asha, "pair");
    const timer = t.timerOf(a.id)!;
    await t.mock(bilal, "pair");
    const posts = t.core.outbox.posts.length;
    await t.fire(timer);
    expect(t.core.outbox.posts).toHaveLength(posts);
    expect(t.core.outbox.threads).toHaveLength(1);
  });

  it("at the timeout, pairs with anyone still waiting whatever the level, and tells both", async () => {
    const t = setup();
    const a = await t.seedLevel(asha, 1);
    const b = await t.seedLevel(bilal, 3);
    await t.mock(asha, "pair");
    await t.mock(bilal, "pair");
    expect(await t.core.repos.pairs.waiting(SPACE)).toHaveLength(2);
    await t.fire(t.timerOf(a.id)!);
    const s = (await t.core.repos.mocks.activeFor(a.id))!;
    expect([s.memberId, s.partnerId]).toEqual([a.id, b.id]); // the higher level interviews first
    expect(t.core.outbox.posts.filter((p) => p.reply.title === "Partner found").map((p) => p.target.userId).sort()).toEqual(["uA", "uB"]);
    expect(t.timerOf(b.id)).toBeUndefined();
  });
});

describe("a peer mock", () => {
  it("briefs only the interviewer, privately; the bot does not answer in the thread; either may move on", async () => {
    const t = setup();
    const { session, thread, reply } = await pairUp(t, asha, bilal);
    expect(textOf(reply)).toContain("You are the **interviewer**");
    const problem = curriculum.problems.find((p) => p.id === session.problemId)!;
    const facts = problem.facts.map((f) => f.answer);
    const brief = t.core.outbox.posts.filter((p) => p.target.userId === "uB");
    expect(brief.map((p) => p.reply.title)).toContain(`Interviewer brief: ${problem.title}`);
    expect(textOf(brief.find((p) => p.reply.title?.startsWith("Interviewer brief"))!.reply)).toContain(facts[0]!);
    const toCandidate = t.core.outbox.posts.filter((p) => p.target.userId === "uA").map((p) => textOf(p.reply)).join("\n");
    expect(facts.some((f) => toCandidate.includes(f) || textOf(thread.first).includes(f))).toBe(false);
    expect(brief.every((p) => p.reply.visibility === "private")).toBe(true);
    // The candidate asks; the human interviewer answers; the bot stays quiet and keeps both lines.
    expect(await t.say(asha, thread.threadId, "How many daily users?")).toBeUndefined();
    expect(await t.say(bilal, thread.threadId, "About 100 million new links a day.")).toBeUndefined();
    expect(await t.say(chen, thread.threadId, "Hi all")).toBeUndefined();
    const kept = (await t.core.repos.mocks.get(SPACE, session.id))!.transcript.map((l) => [l.who, l.text]);
    expect(kept).toEqual([["candidate", "How many daily users?"], ["interviewer", "About 100 million new links a day."]]);
    expect((await t.mock(bilal, "next"))?.fallback).toBe("Phase 2: Architecture");
    expect((await t.mock(asha, "next"))?.fallback).toMatch(/^Phase 3/);
    expect(textOf(await t.mock(chen, "next"))).toContain("no mock interview running");
  });

  it("each scores the other; both scores are stored and shown once both are done; the partner sees it in stats", async () => {
    const t = setup();
    const { session, thread } = await pairUp(t, asha, bilal);
    const problem = curriculum.problems.find((p) => p.id === session.problemId)!;
    const card = await endAndScorecard(t, bilal);
    expect(card?.title).toBe(`Scorecard: ${problem.title}`);
    expect(textOf(card)).toContain("Bilal, rate Asha's answer (1/");
    expect(textOf(card)).toContain("Asha, rate Bilal as interviewer (1/3)");
    const band = (r: Reply | undefined, side: "c" | "i", label: string) =>
      options(r).find((o) => o.action.includes(`:${side}:`) && o.label === label)!.action;
    // The wrong side's buttons are refused with a clear message.
    expect(textOf(await t.click(asha, band(card, "c", "Strong")))).toContain("Those buttons are for Bilal to rate Asha");
    let fromBilal: Reply | undefined = card;
    for (let i = 0; i < problem.rubric.length; i++) fromBilal = await t.click(bilal, band(fromBilal, "c", "Strong"));
    expect(textOf(fromBilal)).toContain("You rated Asha **100/100**");
    expect(textOf(fromBilal)).toContain("once Asha has rated you too");
    let fromAsha: Reply | undefined = card;
    for (const label of ["Strong", "Adequate", "Weak"]) fromAsha = await t.click(asha, band(fromAsha, "i", label));
    expect(fromAsha?.title).toBe("Peer scores");
    expect(textOf(fromAsha)).toContain("Asha (candidate): 100/100 from Bilal");
    expect(textOf(fromAsha)).toContain("Bilal (interviewer): 60/100 from Asha");
    const inThread = t.core.outbox.posts.filter((p) => p.target.threadId === thread.threadId && p.reply.title === "Peer scores");
    expect(inThread).toHaveLength(1);
    const a = await t.member(asha);
    const b = await t.member(bilal);
    const stored = await t.core.repos.pairs.scoresFor(session.id);
    expect(stored.map((s) => [s.raterId, s.rateeId, s.total])).toEqual([[a.id, b.id, 60], [b.id, a.id, 100]]);
    expect(Object.keys(stored[0]!.ratings)).toEqual(INTERVIEWER_CRITERIA.map((c) => c.id));
    // A changed mind: clicking a criterion again replaces that band (one row per rater).
    await t.click(bilal, band(card, "c", "Missing"));
    const after = await t.core.repos.pairs.scoresFor(session.id);
    expect(after).toHaveLength(2);
    expect(after.find((s) => s.raterId === b.id)!.total).toBe(100 - problem.rubric[0]!.weight * 100 / problem.rubric.reduce((s, c) => s + c.weight, 0));
    const stats = await t.core.dispatcher.handle(makeEvent({ kind: "command", name: "stats", user: { ...bilal, isAdmin: false } }));
    expect(textOf(stats)).toContain(`${problem.title} (peer mock, interviewer with Asha) — peer score 60/100`);
    // Rating before the end is refused.
    const { session: running } = await pairUp(t, chen, dev);
    expect(textOf(await t.click(dev, band(card, "c", "Strong").replace(session.id, running.id)))).toContain("still running");
  });

  it("Swap roles starts a second mock with the roles swapped and another problem", async () => {
    const t = setup();
    const { session } = await pairUp(t, asha, bilal);
    const card = await endAndScorecard(t, asha);
    const swap = options(card).find((o) => o.label === "Swap roles")!.action;
    expect(textOf(await t.click(chen, swap))).toContain("belongs to someone else");
    const swapped = await t.click(asha, swap);
    expect(textOf(swapped)).toContain("You are the **interviewer**");
    const a = await t.member(asha);
    const b = await t.member(bilal);
    const second = (await t.core.repos.mocks.activeFor(a.id))!;
    expect(second.id).not.toBe(session.id);
    expect([second.memberId, second.partnerId]).toEqual([b.id, a.id]);
    expect(second.problemId).not.toBe(session.problemId);
    expect(t.core.outbox.threads).toHaveLength(2);
    expect(t.core.outbox.posts.filter((p) => p.target.userId === "uA" && p.reply.title?.startsWith("Interviewer brief"))).toHaveLength(1);
    expect(t.core.outbox.posts.filter((p) => p.target.userId === "uB" && p.reply.title === "Partner found")).toHaveLength(1);
    expect(textOf(await t.click(bilal, swap))).toContain("already have a mock interview running");
  });
});
