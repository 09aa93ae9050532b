/**
 * Scheduled peer mocks on the real `npm start` console (issue 22), two members played with `:as`
 * and the bot's clock moved with `:advance`: both book overlapping times tomorrow → matched, each
 * with a calendar file → 10 minutes before the start the thread opens with a reminder and both
 * are pinged → one presses I'm here, the other never comes → at start + 10 minutes a no-show is
 * stored and the one who came is offered a solo mock, whose opening has its own whiteboard.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { pipeToConsole, removeTestQueues } from "./console-process.js";

const dir = mkdtempSync(join(tmpdir(), "prepcoach-console-sched-"));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await removeTestQueues();
});

const BOARD = /https:\/\/excalidraw\.com\/#room=([0-9a-f]{20}),([A-Za-z0-9_-]{22})\b/g;

describe("a scheduled peer mock on the console", () => {
  it("book → matched with .ics → :advance → reminder with the thread → I'm here → no-show stored → solo offered", async () => {
    const file = join(dir, "prepcoach.db");
    const files = join(dir, "files");
    const now = Date.now();
    const tomorrow = new Date(now + 86_400_000).toISOString().slice(0, 10);
    const start = Date.parse(`${tomorrow}T19:30:00Z`); // the later of the two booked starts
    const toReminder = Math.ceil((start - 9 * 60_000 - now) / 60_000); // just past start − 10 min
    const { code, output } = await pipeToConsole([
      "/mock pair tomorrow 19:00",
      "/mock pair yesterday 19:00",
      ":as Ravi",
      "/mock pair today 1am",
      "/mock pair tomorrow 7:30pm",
      ":as",
      "/mock pair cancel",
      `:advance ${toReminder}m`,
      "1", // I'm here, on the reminder in the thread
      ":advance 20m",
      "1", // Start a solo mock, offered to the one who came
      "/quit",
    ].join("\n") + "\n", { DATABASE_URL: `file:${file}`, PREPCOACH_FILES_DIR: files, DEFAULT_TIMEZONE: "UTC" });
    expect(code).toBe(0);
    expect(output).not.toMatch(/Something went wrong|\n\s+at /);

    // Booked, with the rules in the reply; bad times get a clear message.
    expect(output).toContain("━━ Scheduled mock booked ━━");
    expect(output).toMatch(/Booked: a peer mock at \w{3} \d+ \w{3}, 19:00 UTC/);
    expect(output).toMatch(/I can't read "yesterday 19:00" as a time/);
    expect(output).toMatch(/today 1am|has already passed|less than 15 minutes away|01:00 UTC/);

    // Ravi's 19:30 overlaps 19:00: both are matched at 19:30, each told the partner, with an .ics.
    const matched = output.match(/Scheduled mock matched: you and (\w+) at \w{3} \d+ \w{3}, 19:30 UTC/g) ?? [];
    expect(matched).toHaveLength(2);
    expect(output).toMatch(/\[post to #console, privately to \S+\]\n━━ Scheduled mock matched ━━/);
    const saved = [...output.matchAll(/File saved to (\S+\.ics)/g)].map((m) => m[1]!);
    expect(saved).toHaveLength(2);
    const ics = readFileSync(saved[0]!, "utf8");
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics).toContain(`DTSTART:${tomorrow.replace(/-/g, "")}T193000Z\r\n`);
    expect(ics).toContain(`DTEND:${tomorrow.replace(/-/g, "")}T203000Z\r\n`);
    expect(ics.split("\r\n").every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    // A matched booking is not cancelled by `/mock pair cancel`: a partner counts on it.
    expect(output).toContain("You have no open booking to cancel");

    // 10 minutes before: the peer mock's thread opens (with the booked whiteboard) and the reminder is in it.
    const reminder = output.slice(output.indexOf("🧵 [thread: Peer mock:"));
    expect(reminder).toMatch(/━━ Scheduled mock: starting soon ━━\n⏰ .+ and Ravi: your scheduled mock starts at \w{3} \d+ \w{3}, 19:30 UTC, in 10 minutes, here\./);
    expect(reminder).toMatch(/1\) I'm here/);
    expect(output.match(/Your scheduled mock with \w+ starts in 10 minutes: its thread “Peer mock: [^”]+” is open\./g)).toHaveLength(2);
    const boards = [...output.matchAll(BOARD)].map((m) => m[0]);
    expect(ics.replace(/\r\n /g, "")).toContain(boards[0]!); // the .ics carries the match's board
    expect(reminder).toContain(`Whiteboard: ${boards[0]!} — a fresh Excalidraw room for the two of you`);
    expect(output).toMatch(/✅ .+ is here\./);

    // Start + 10: Ravi never came — a no-show, and the one who came may start a solo mock.
    expect(output).toMatch(/━━ Partner didn't show ━━\nRavi didn't join within 10 minutes of the start, so I've recorded a no-show/);
    const solo = output.slice(output.lastIndexOf("🧵 [thread: Mock:"));
    expect(solo).toMatch(/Whiteboard: https:\/\/excalidraw\.com\/#room=[0-9a-f]{20},[A-Za-z0-9_-]{22} — a fresh Excalidraw room for your diagrams; to practise with a peer, send them this link/);
    expect(new Set(boards).size).toBeGreaterThanOrEqual(2); // every mock gets its own room

    const db = new Database(file, { readonly: true });
    const rows = db.prepare("select m.display_name as name, b.status, b.role, b.joined_at, b.no_show_at, b.checked_at from mock_bookings b join members m on m.id = b.member_id order by b.created_at").all() as
      Array<{ name: string; status: string; role: string; joined_at: number | null; no_show_at: number | null; checked_at: number | null }>;
    const mocks = db.prepare("select partner_id, ended_at from mock_sessions order by started_at").all() as Array<{ partner_id: number | null; ended_at: number | null }>;
    db.close();
    expect(rows).toHaveLength(2);
    const ravi = rows.find((r) => r.name === "Ravi")!;
    const me = rows.find((r) => r.name !== "Ravi")!;
    expect(ravi).toMatchObject({ status: "matched", role: "interviewer", joined_at: null });
    expect(ravi.no_show_at).not.toBeNull();
    expect(me).toMatchObject({ status: "matched", role: "candidate", no_show_at: null });
    expect(me.joined_at).not.toBeNull();
    expect(me.checked_at).not.toBeNull();
    expect(mocks.map((m) => m.partner_id !== null)).toEqual([true, false]); // the closed peer mock, then the solo one
    expect(mocks[0]!.ended_at).not.toBeNull();
  });
});
