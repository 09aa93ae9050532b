import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/bot/command.js";
import { commands } from "../../src/bot/commands/index.js";
import { actions } from "../../src/bot/actions/index.js";
import { createDispatcher } from "../../src/bot/dispatcher.js";
import type { BotEvent } from "../../src/bot/event.js";
import { type Reply, withoutUserMarks } from "../../src/bot/reply.js";
import { weeklyDigest } from "../../src/bot/services/digest.js";
import { closeDatabase, openDatabase } from "../../src/storage/db.js";
import { createRepos } from "../../src/storage/index.js";
import { pointTotals } from "../../src/storage/schema.js";
import { FakeClock, FakeOutbox, makeEvent, miniCurriculum, seededRandom } from "../fakes/core.js";

const dir = mkdtempSync(join(tmpdir(), "prepcoach-groups-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Member-written pieces carry userText marks in the core's data; the text reads without them.
const textOf = (r: Reply | undefined) => withoutUserMarks(r?.blocks.map((b) => (b.kind === "text" ? b.markdown : "")).join("\n") ?? "");
const ASHA = { id: "u1", name: "Asha", isAdmin: false };
const BO = { id: "u2", name: "Bo", isAdmin: false };

describe("study groups on a SQLite file", () => {
  it("after `/group join`, quiz points land on the group board through the SQLite points repo, and reach the digest", async () => {
    const db = openDatabase(join(dir, "groups.db"));
    const clock = new FakeClock(new Date("2026-11-23T09:00:00Z"));
    const outbox = new FakeOutbox();
    const repos = createRepos(db);
    const deps: Deps = {
      curriculum: miniCurriculum(), ...repos, clock, random: seededRandom(), outbox,
      logger: { info() {}, warn() {}, error() {} }, defaultTimezone: "UTC",
      scheduler: { isEnabled: false, subscriptionChanged: async () => undefined },
    };
    const dispatcher = createDispatcher(deps, commands, actions);
    const run = (user: BotEvent["user"], name: string, args: BotEvent["args"] = {}) => dispatcher.handle(makeEvent({ kind: "command", name, args, user }));
    const answerSharding = async (user: BotEvent["user"]) => {
      const q = await run(user, "quiz", { topic: "sharding" });
      const right = q?.blocks.flatMap((b) => (b.kind === "choices" ? b.options : [])).find((o) => o.label === "The data, across machines by a key");
      await dispatcher.handle(makeEvent({ kind: "action", name: right!.action, user }));
    };

    expect((await run(ASHA, "group", { action: "create", name: "Evening", plan: "Crew" }))?.visibility).toBe("channel");
    await answerSharding(BO); // before joining: the server board only
    await answerSharding(ASHA); // the same question the same day: each member earns their own points
    expect(textOf(await run(BO, "group", { action: "join", name: "evening crew" }))).toContain("You're in **Evening Crew** (2 members)");
    clock.advance(86_400_000);
    await answerSharding(BO); // a new day: the same question earns again, now on the group board too

    const group = (await repos.groups.byName("console:s1", "EVENING CREW"))!;
    const onGroupBoard = db.select().from(pointTotals).all().filter((r) => r.board === `g${group.id}` && r.period === "all");
    expect(onGroupBoard.map((r) => r.points).sort()).toEqual([10, 10]);
    expect(textOf(await run(BO, "leaderboard", { group: "Evening Crew" }))).toContain("#1 Asha — 10 pts (tied)\n#1 **Bo** — 10 pts (tied)");
    expect(textOf(await run(BO, "leaderboard"))).toContain("#1 **Bo** — 20 pts\n#2 Asha — 10 pts");

    const sub = await repos.subscriptions.upsert({
      spaceId: "console:s1", channelId: "c1", time: "09:00", timezone: "UTC", days: ["mon"], planId: null,
      startDate: "2026-11-23", createdBy: "boss", updatedAt: clock.now(),
    });
    expect(await weeklyDigest(deps, sub.id, new Date("2026-11-30T09:00:00Z"))).toBe("posted");
    const digest = textOf(outbox.posts[0]?.reply);
    expect(digest).toContain("**Top of the week**\n#1 Bo — 20 pts\n#2 Asha — 10 pts");
    expect(digest).toContain("**Group Evening Crew**\n#1 Asha — 10 pts (tied)\n#1 Bo — 10 pts (tied)");
    await closeDatabase(db);
  });
});
