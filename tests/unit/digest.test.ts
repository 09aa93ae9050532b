import { describe, expect, it } from "vitest";
import type { BotEvent } from "../../src/bot/event.js";
import { type Reply, withoutUserMarks, userText } from "../../src/bot/reply.js";
import { deliverDaily } from "../../src/bot/services/daily-delivery.js";
import { needsOwnDigestSchedule, weeklyDigest } from "../../src/bot/services/digest.js";
import { periodsOf } from "../../src/bot/services/points.js";
import { createTestCore, makeEvent } from "../fakes/core.js";

// Member-written pieces carry userText marks in the core's data; the text reads without them.
const textOf = (r: Reply | undefined) => withoutUserMarks(r?.blocks.map((b) => (b.kind === "text" ? b.markdown : "")).join("\n") ?? "");
const choices = (r: Reply | undefined) => r?.blocks.flatMap((b) => (b.kind === "choices" ? b.options : [])) ?? [];
const SPACE = "console:s1";

async function setup(tz = "UTC") {
  const core = createTestCore({ defaultTimezone: tz });
  await core.repos.spaces.ensure({ id: SPACE, platform: "console" }, tz);
  const sub = await core.repos.subscriptions.upsert({
    spaceId: SPACE, channelId: "c1", time: "09:00", timezone: tz, days: ["mon", "tue", "wed", "thu", "fri"], planId: null,
    startDate: "2026-11-02", createdBy: "boss", updatedAt: core.clock.now(),
  });
  const ids = new Map<string, number>();
  const member = async (name: string) => {
    const id = (await core.repos.members.ensure(SPACE, { id: name, name })).id;
    ids.set(name, id);
    return id;
  };
  const award = async (name: string, points: number, at: string) =>
    core.repos.points.award(SPACE, ids.get(name) ?? (await member(name)), { ref: `${name}-${at}`, points, reason: "t", periods: Object.values(periodsOf(new Date(at), tz)) }, new Date(at));
  return { core, sub, ids, member, award };
}

/** Answers the mini curriculum's one sharding question right, as `user`, at `at`. */
async function answerAt(core: ReturnType<typeof createTestCore>, user: BotEvent["user"], at: string) {
  core.clock.current = new Date(at);
  const q = await core.dispatcher.handle(makeEvent({ kind: "command", name: "quiz", args: { topic: "sharding" }, user }));
  await core.dispatcher.handle(makeEvent({ kind: "action", name: choices(q).find((o) => o.label === "The data, across machines by a key")!.action, user }));
}

describe("weekly digest", () => {
  it("posts last week's top 5, longest streaks, most improved and each group's top 3 to the channel", async () => {
    const { core, sub, ids, member, award } = await setup();
    for (const n of ["ana", "bo", "cy", "di", "ed", "fay"]) await member(n);
    const alpha = (await core.repos.groups.create(SPACE, "alpha", ids.get("ana")!, core.clock.now()))!;
    const quiet = (await core.repos.groups.create(SPACE, "quiet", ids.get("bo")!, core.clock.now()))!;
    for (const n of ["ana", "fay"]) await core.repos.groups.join(SPACE, alpha.id, ids.get(n)!, core.clock.now());
    await core.repos.groups.join(SPACE, quiet.id, ids.get("bo")!, core.clock.now());
    await core.repos.groups.leave(quiet.id, ids.get("bo")!); // a group with nobody earning
    // The week before (9–15 Nov)…
    for (const [n, p] of [["ana", 70], ["bo", 30], ["ed", 5], ["fay", 1]] as const) await award(n, p, "2026-11-11T12:00:00Z");
    // …last week (16–22 Nov)…
    for (const [n, p] of [["ana", 60], ["bo", 50], ["cy", 40], ["di", 30], ["ed", 20], ["fay", 10]] as const) await award(n, p, "2026-11-18T12:00:00Z");
    // …and this week, which the digest must leave out.
    await award("di", 500, "2026-11-23T08:00:00Z");
    for (const [n, current] of [["cy", 12], ["ana", 4], ["bo", 0]] as const) {
      await core.repos.streaks.save({ memberId: ids.get(n)!, spaceId: SPACE, current, best: 12, freezes: 0, lastDate: "2026-11-22", remindersOn: true, remindedOn: null });
    }

    expect(await weeklyDigest(core.deps, sub.id, new Date("2026-11-23T09:00:00Z"))).toBe("posted");
    expect(core.outbox.posts).toHaveLength(1);
    const [post] = core.outbox.posts;
    expect(post!.target).toEqual({ spaceId: SPACE, channelId: "c1" });
    expect(post!.key).toBe(`digest-${sub.id}-2026-11-16`);
    expect(post!.reply).toMatchObject({ visibility: "channel", title: "Weekly digest: 16–22 Nov" });
    const body = textOf(post!.reply);
    expect(body).toContain("**Top of the week**\n#1 ana — 60 pts\n#2 bo — 50 pts\n#3 cy — 40 pts\n#4 di — 30 pts\n#5 ed — 20 pts\n");
    expect(body).not.toContain("500");
    expect(body).toContain("**Longest streaks**\n• cy — 12 days\n• ana — 4 days\n");
    // Gains over the week before, earners of both weeks only: ana dropped, cy and di are new.
    expect(body).toContain("**Most improved** (vs the week before)\n• bo +20 pts (30 → 50)\n• ed +15 pts (5 → 20)\n• fay +9 pts (1 → 10)\n");
    expect(body).toContain("**Group alpha**\n#1 ana — 60 pts\n#2 fay — 10 pts\n");
    expect(body).toContain("Quiet this week: quiet.");
  });

  it("a week with no points posts a short encouraging note, not an empty table", async () => {
    const { core, sub, award } = await setup();
    await award("ana", 30, "2026-11-23T08:00:00Z"); // this week only
    await weeklyDigest(core.deps, sub.id, new Date("2026-11-23T09:00:00Z"));
    const [post] = core.outbox.posts;
    expect(post!.key).toBe(`digest-${sub.id}-2026-11-16`);
    expect(textOf(post!.reply)).toContain("A quiet week: nobody earned points.");
    expect(textOf(post!.reply)).not.toContain("Top of the week");
    expect(post!.reply.blocks.some((b) => b.kind === "fields" || b.kind === "divider")).toBe(false);
  });

  it("a run late on Tuesday reports the same week under the same key; paused or deleted subscriptions post nothing", async () => {
    const { core, sub, award } = await setup();
    await award("ana", 30, "2026-11-18T12:00:00Z");
    await weeklyDigest(core.deps, sub.id, new Date("2026-11-24T15:00:00Z"));
    expect(core.outbox.posts[0]!.key).toBe(`digest-${sub.id}-2026-11-16`);
    expect(textOf(core.outbox.posts[0]!.reply)).toContain("#1 ana — 30 pts");
    await core.repos.subscriptions.setPaused(sub.id, true, "paused by an admin", core.clock.now());
    expect(await weeklyDigest(core.deps, sub.id, new Date("2026-11-30T09:00:00Z"))).toBe("skipped");
    expect(await weeklyDigest(core.deps, 999, new Date("2026-11-30T09:00:00Z"))).toBe("skipped");
    expect(core.outbox.posts).toHaveLength(1);
  });

  it.each([
    // Sunday 23:30 and Monday 00:30 local, and a digest just after midnight local (still Sunday in UTC).
    ["Asia/Kolkata", "2026-11-22T18:00:00Z", "2026-11-22T19:00:00Z", "2026-11-22T19:15:00Z"],
    // Sunday 23:30 PST is already Monday in UTC.
    ["America/Los_Angeles", "2026-11-23T07:30:00Z", "2026-11-23T08:30:00Z", "2026-11-23T17:00:00Z"],
  ])("in %s an answer at Sunday 23:30 local belongs to that week, one at Monday 00:30 to the next", async (tz, sunday, monday, digestAt) => {
    const { core, sub } = await setup(tz);
    await answerAt(core, { id: "ana", name: "Ana", isAdmin: false }, sunday);
    await answerAt(core, { id: "bo", name: "Bo", isAdmin: false }, monday);
    await weeklyDigest(core.deps, sub.id, new Date(digestAt));
    const [post] = core.outbox.posts;
    expect(post!.key).toBe(`digest-${sub.id}-2026-11-16`);
    expect(post!.reply.title).toBe("Weekly digest: 16–22 Nov");
    const top = post!.reply.blocks.find((b) => b.kind === "text" && b.markdown.startsWith("**Top of the week**"));
    expect(top).toEqual({ kind: "text", markdown: `**Top of the week**\n#1 ${userText("Ana")} — 10 pts` }); // Bo's answer is next week's
  });
});

describe("the daily post returns its follow-ups", () => {
  it("a Monday post, and its duplicate when the job runs again, return the digest to enqueue; other days none", async () => {
    const { core, sub } = await setup();
    const deps = { ...core.deps, deliveries: core.repos.deliveries, maxLatenessMs: 3_600_000, leaseMs: 60_000, outbox: core.outbox };
    const slot = (date: string) => (core.clock.current = new Date(`${date}T09:00:00Z`));
    const digest = [{ kind: "weekly-digest", key: `${sub.id}-2026-11-23`, payload: { subscriptionId: sub.id } }];
    expect(await deliverDaily(deps, sub.id, slot("2026-11-23"))).toMatchObject({ kind: "posted", followUps: digest });
    // A job that posted and died before enqueuing the digest: its retry asks for the same one.
    expect(await deliverDaily(deps, sub.id, slot("2026-11-23"))).toMatchObject({ kind: "duplicate", followUps: digest });
    expect(await deliverDaily(deps, sub.id, slot("2026-11-24"))).toMatchObject({ kind: "posted", followUps: [] });
    // The core only says what follows; the digest itself is the timer's job.
    expect(core.outbox.posts.map((p) => p.reply.title)).not.toContainEqual(expect.stringMatching(/^Weekly digest/));
    expect(core.outbox.posts).toHaveLength(2);
  });

  it("a channel that posts no Monday, and only while it is active, needs a digest schedule of its own", async () => {
    const { sub } = await setup();
    expect(needsOwnDigestSchedule(sub)).toBe(false);
    expect(needsOwnDigestSchedule({ ...sub, days: ["sat", "sun"] })).toBe(true);
    expect(needsOwnDigestSchedule({ ...sub, days: ["sat", "sun"], isPaused: true })).toBe(false);
  });
});
