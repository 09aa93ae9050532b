/**
 * Scheduled peer mocks on Discord end to end (issue 22): the real discord.js client in the
 * adapter, the real core on SQLite, the jobs on Redis, against the fake Discord. Two members book
 * `/mock pair when:tomorrow …`: both get the match, each with the calendar file uploaded as a
 * multipart part (text/calendar, an RFC 5545 body with its start in UTC) — the one who booked
 * last in the interaction's reply, the one who waited by DM. Time is the harness's clock; the
 * timers' work (reminder, no-show check) is run at its instant through the core's deps, as the
 * BullMQ job would, since the fake clock's "tomorrow" is not Redis's. Then a reminder that finds
 * a member in another mock: nothing opens, they are told by DM, the partner gets a solo offer.
 */
import { describe, expect, it } from "vitest";
import { scheduledMockTimer } from "../../src/bot/services/scheduled-pairing.js";
import { type DiscordHarness, useDiscordHarness } from "./discord-fake/harness.js";
import { ASHA, click, command, MEERA, RAVI, str, type Who } from "./discord-fake/payloads.js";
import { FAKE, type FakeDiscord, type StoredMessage } from "./discord-fake/server.js";
import type { UploadedFile } from "./discord-fake/multipart.js";

let h: DiscordHarness;
let fake: FakeDiscord;

type Button = { custom_id: string; label?: string };
const buttonsOf = (m: StoredMessage): Button[] => (m.components as Array<{ components: Button[] }>).flatMap((r) => r.components);
const shownIn = (m: StoredMessage) => (m.embeds as Array<{ title?: string; description?: string; fields?: Array<{ name: string; value: string }> }>)
  .flatMap((e) => [e.title ?? "", e.description ?? "", ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]).join("\n");
const messagesOf = (interactionId: string) => fake.messages.filter((m) => m.interactionId === interactionId);

async function replyTo(p: { id: string }): Promise<StoredMessage> {
  await fake.waitFor(() => fake.callbacks.find((c) => c.interactionId === p.id && (c.type === 4 || c.type === 5)));
  return fake.waitFor(() => messagesOf(p.id).find((m) => m.embeds.length > 0 || m.content));
}

async function book(who: Who, when: string) {
  const p = command(fake, who, "mock", [str("when", when)], { sub: "pair" });
  fake.interact(p);
  return { p, reply: await replyTo(p) };
}

/** An iCalendar body read as RFC 5545 says: CRLF lines, unfolded, as [name, value] pairs. */
function parseIcs(body: string): Array<[string, string]> {
  expect(body.endsWith("\r\n")).toBe(true);
  expect(body.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/); // no bare LF or CR
  return body.replace(/\r\n[ \t]/g, "").split("\r\n").filter(Boolean).map((l) => {
    const i = l.indexOf(":");
    expect(i).toBeGreaterThan(0);
    return [l.slice(0, i), l.slice(i + 1)];
  });
}

function checkIcs(file: UploadedFile, uid: string) {
  expect([file.field, file.filename, file.contentType]).toEqual(["files[0]", "prepcoach-mock.ics", "text/calendar"]);
  const lines = parseIcs(file.data.toString("utf8"));
  expect(lines[0]).toEqual(["BEGIN", "VCALENDAR"]);
  expect(lines.at(-1)).toEqual(["END", "VCALENDAR"]);
  expect(lines.filter(([k]) => k === "BEGIN").map(([, v]) => v)).toEqual(["VCALENDAR", "VEVENT"]);
  const prop = (k: string) => lines.filter(([n]) => n === k).map(([, v]) => v);
  expect(prop("VERSION")).toEqual(["2.0"]);
  expect(prop("UID")).toEqual([uid]);
  // The agreed start (the later of 19:00 and 19:30), in UTC, for the 60-minute slot.
  expect(prop("DTSTART")).toEqual(["20261124T193000Z"]);
  expect(prop("DTEND")).toEqual(["20261124T203000Z"]);
  expect(prop("DTSTAMP")[0]).toMatch(/^\d{8}T\d{6}Z$/);
  expect(prop("SUMMARY")[0]).toMatch(/^Peer mock interview with (Asha|Ravi)$/);
}

useDiscordHarness((started) => {
  h = started;
  fake = h.fake;
});

describe("a scheduled peer mock on Discord", () => {
  it("two bookings → both matched with a text/calendar .ics upload → reminder opens the thread → I'm here → a no-show at the check", async () => {
    h.clock.current = new Date("2026-11-23T10:00:00Z");
    const asha = await book(ASHA, "tomorrow 19:00");
    expect(shownIn(asha.reply)).toContain("Booked: a peer mock at **Tue 24 Nov, 19:00 UTC**");
    expect(buttonsOf(asha.reply).map((b) => b.label)).toEqual(["Cancel booking"]);

    const ravi = await book(RAVI, "tomorrow 19:30");
    expect(shownIn(ravi.reply)).toContain("Scheduled mock matched: you and **Asha** at **Tue 24 Nov, 19:30 UTC**");
    const [row] = h.sql("select match_id from mock_bookings where match_id is not null limit 1");
    const matchId = String(row!.match_id);

    // Ravi booked last: the file goes with his interaction's reply.
    const raviUpload = fake.requestsFor(ravi.p.token).find((r) => r.files.length > 0)!;
    expect(raviUpload.files).toHaveLength(1);
    checkIcs(raviUpload.files[0]!, `${matchId}@prepcoach`);
    expect(ravi.reply.attachments?.map((a) => [a.filename, a.content_type])).toEqual([["prepcoach-mock.ics", "text/calendar"]]);

    // Asha waited: told by DM, with her own copy of the file (same event, so the same UID).
    const dm = await fake.waitFor(() => fake.dmChannels.get(ASHA.id));
    const told = await fake.waitFor(() => fake.messages.find((m) => m.channel_id === dm && shownIn(m).includes("Scheduled mock matched")));
    expect(shownIn(told)).toContain("Scheduled mock matched: you and **Ravi** at **Tue 24 Nov, 19:30 UTC**");
    const ashaUpload = fake.requests.find((r) => r.method === "POST" && r.path.endsWith(`/channels/${dm}/messages`) && r.files.length > 0)!;
    checkIcs(ashaUpload.files[0]!, `${matchId}@prepcoach`);
    expect(told.attachments?.[0]?.data.equals(ashaUpload.files[0]!.data)).toBe(true);

    // 19:20, the reminder: the peer mock's thread opens in #general with the I'm here button; both are pinged by DM.
    const threadsBefore = fake.threads.length;
    h.clock.current = new Date("2026-11-24T19:20:00Z");
    await scheduledMockTimer(h.deps, { step: "remind", id: matchId });
    const thread = fake.threads.slice(threadsBefore).find((t) => t.parentId === FAKE.general)!;
    expect(thread.name).toMatch(/^Peer mock: /);
    const reminder = fake.messages.find((m) => m.channel_id === thread.id && shownIn(m).includes("your scheduled mock starts at"))!;
    expect(shownIn(reminder)).toContain("**Asha** and **Ravi**: your scheduled mock starts at **Tue 24 Nov, 19:30 UTC**, in 10 minutes, here.");
    for (const who of [ASHA, RAVI]) {
      const ch = fake.dmChannels.get(who.id)!;
      expect(fake.messages.filter((m) => m.channel_id === ch && shownIn(m).includes("starts in 10 minutes: its thread"))).toHaveLength(1);
    }

    // Asha presses I'm here; Ravi never comes: at 19:40 he is recorded as a no-show and she is offered a solo mock.
    await fake.waitFor(() => h.adapter.client.channels.cache.has(thread.id));
    const here = click(fake, ASHA, reminder, buttonsOf(reminder).find((b) => b.label === "I'm here")!.custom_id);
    fake.interact(here);
    expect(shownIn(await replyTo(here))).toContain("✅ **Asha** is here.");
    h.clock.current = new Date("2026-11-24T19:40:00Z");
    await scheduledMockTimer(h.deps, { step: "check", id: matchId });
    const noShow = await fake.waitFor(() => fake.messages.find((m) => m.channel_id === thread.id && shownIn(m).includes("Partner didn't show")));
    expect(shownIn(noShow)).toContain("**Ravi** didn't join within 10 minutes of the start, so I've recorded a no-show");
    expect(buttonsOf(noShow).map((b) => b.label)).toEqual(["Start a solo mock"]);
    const members = h.sql("select m.platform_user_id as who, b.joined_at as joined, b.no_show_at as noShow from mock_bookings b join members m on m.id = b.member_id where b.match_id = ? order by m.platform_user_id", matchId);
    expect(members.map((r) => [r.who, r.joined !== null, r.noShow !== null])).toEqual([[ASHA.id, true, false], [RAVI.id, false, true]]);
  });

  it("the reminder finds a member in another mock: no second interview; they are told by DM, the partner offered a solo mock in the channel", async () => {
    h.clock.current = new Date("2026-11-24T20:00:00Z");
    await book(MEERA, "tomorrow 19:00");
    expect(shownIn((await book(RAVI, "tomorrow 19:00")).reply)).toContain("Scheduled mock matched: you and **Meera**");
    const [row] = h.sql("select match_id from mock_bookings where match_id is not null and starts_at = ? limit 1", Date.parse("2026-11-25T19:00:00Z"));
    const matchId = String(row!.match_id);
    const start = command(fake, RAVI, "mock", [], { sub: "start" }); // Ravi's own solo mock, still running at the reminder
    fake.interact(start);
    expect(shownIn(await replyTo(start))).toContain("Mock interview started");

    const [threads, messages] = [fake.threads.length, fake.messages.length];
    h.clock.current = new Date("2026-11-25T18:50:00Z");
    await scheduledMockTimer(h.deps, { step: "remind", id: matchId });
    expect(fake.threads).toHaveLength(threads);
    const after = fake.messages.slice(messages);
    const toRavi = after.find((m) => m.channel_id === fake.dmChannels.get(RAVI.id))!;
    expect(shownIn(toRavi)).toContain("Your scheduled mock with **Meera** at **Wed 25 Nov, 19:00 UTC** can't open: you're still in another mock interview.");
    const inChannel = after.find((m) => m.channel_id === FAKE.general)!;
    expect(shownIn(inChannel)).toContain("**Meera**, **Ravi** is still in another mock interview, so your scheduled peer mock at **Wed 25 Nov, 19:00 UTC** can't open.");
    expect(after).toHaveLength(2);
    expect(h.sql("select count(*) as n from mock_bookings where match_id = ? and checked_at is not null and mock_id is null and no_show_at is null", matchId)[0]!.n).toBe(2);

    const solo = click(fake, MEERA, inChannel, buttonsOf(inChannel).find((b) => b.label === "Start a solo mock")!.custom_id);
    fake.interact(solo);
    expect(shownIn(await replyTo(solo))).toContain("Mock interview started");
    await fake.waitFor(() => fake.threads.slice(threads).find((t) => t.parentId === FAKE.general && t.name.startsWith("Mock: ")));
  });
});
