/**
 * Erased means erased, down to the bytes: after `me delete`, a free-text answer and a mock thread
 * line are in neither the SQLite file nor its WAL; `me export` afterwards creates no profile; the
 * member's processed-event rows are gone (the erase's own row stays, without their user id).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { commands } from "../../src/bot/commands/index.js";
import { actions } from "../../src/bot/actions/index.js";
import { createDispatcher } from "../../src/bot/dispatcher.js";
import { closeDatabase, openDatabase } from "../../src/storage/db.js";
import { createRepos } from "../../src/storage/index.js";
import { FakeClock, makeEvent, miniCurriculum, seededRandom } from "../fakes/core.js";

const dir = mkdtempSync(join(tmpdir(), "prepcoach-erase-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ASHA = { id: "u-asha", name: "Asha", isAdmin: false };
const ANSWER = "Zebrafish cache-aside with quokka invalidation 4417";
const THREAD_LINE = "Pangolin sharding by tenant id 8823";

const bytesOf = (file: string) => (existsSync(file) ? readFileSync(file) : Buffer.alloc(0));
const inFiles = (file: string, needle: string) => [file, `${file}-wal`].filter((f) => bytesOf(f).includes(Buffer.from(needle)));

describe("me delete on a SQLite file", () => {
  it("leaves the member's words in neither the database file nor the WAL, and export afterwards creates no profile", async () => {
    const file = join(dir, "prepcoach.db");
    const db = openDatabase(file);
    const repos = createRepos(db);
    const clock = new FakeClock();
    const dispatcher = createDispatcher({
      curriculum: miniCurriculum(), ...repos, clock, random: seededRandom(), logger: { info() {}, warn() {}, error() {} },
      defaultTimezone: "UTC", scheduler: { isEnabled: false, subscriptionChanged: async () => undefined },
    }, commands, actions);
    const say = (kind: "command" | "action" | "submit", name: string, args: Record<string, string> = {}) =>
      dispatcher.handle(makeEvent({ kind, name, args, user: ASHA }));

    // A free-text answer, through the bot.
    const q = await say("command", "quiz", { topic: "caching", level: "2", format: "free" });
    const form = q!.blocks.find((b) => b.kind === "form");
    expect(form?.kind).toBe("form");
    await say("submit", form!.kind === "form" ? form!.action : "", { text: ANSWER });
    // A mock interview with a thread line of hers.
    const asha = await repos.members.ensure("console:s1", ASHA);
    await repos.mocks.create({
      id: "mock1", spaceId: "console:s1", memberId: asha.id, problemId: "p", framework: "radio", channelId: "c1", threadId: "t1",
      phase: 0, minutes: 45, phaseStartedAt: clock.now(), startedAt: clock.now(), endedAt: null, ratings: {}, partnerId: null,
      transcript: [{ at: clock.now().toISOString(), phase: 0, who: "candidate", text: THREAD_LINE }],
    });
    expect(inFiles(file, ANSWER).length + (db.$client.prepare("select count(*) n from attempts where answer = ?").get(ANSWER) as { n: number }).n).toBeGreaterThan(0);

    const ask = await say("command", "me", { action: "delete" });
    const erase = ask!.blocks.flatMap((b) => (b.kind === "choices" ? b.options : [])).find((o) => o.label === "Erase my data")!;
    expect((await say("action", erase.action))?.title).toBe("Your data is erased");

    // The raw bytes, while the database is open (the WAL exists now) and after it is closed.
    expect(inFiles(file, ANSWER)).toEqual([]);
    expect(inFiles(file, THREAD_LINE)).toEqual([]);
    // Her processed events are gone; the erase's own row stays (a redelivered click must not erase
    // again or fail), without her user id.
    expect(db.$client.prepare("select count(*) n from processed_events where user_id = ?").get(ASHA.id)).toEqual({ n: 0 });
    expect(db.$client.prepare("select count(*) n from processed_events").get()).toEqual({ n: 1 });

    // Export after the erase: an answer, and still no profile.
    const exported = await say("command", "me", { action: "export" });
    expect(exported?.title).toBe("Nothing stored");
    expect(exported?.files).toBeUndefined();
    expect(db.$client.prepare("select count(*) n from members where platform_user_id = ?").get(ASHA.id)).toEqual({ n: 0 });
    expect(db.$client.prepare("select count(*) n from processed_events where user_id = ?").get(ASHA.id)).toEqual({ n: 0 });
    // The erase button clicked again (a redelivery or a second click) creates none either.
    await say("action", erase.action);
    expect(db.$client.prepare("select count(*) n from members").get()).toEqual({ n: 0 });

    await closeDatabase(db);
    expect(inFiles(file, ANSWER)).toEqual([]);
    expect(inFiles(file, THREAD_LINE)).toEqual([]);
  });
});
