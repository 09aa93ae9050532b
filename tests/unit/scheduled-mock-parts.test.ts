/** Issue 22: reading a booking's time in the member's zone, the .ics file, the whiteboard link. */
import { describe, expect, it } from "vitest";
import { buildIcs, foldLine } from "../../src/bot/ics.js";
import { parseSlotTime } from "../../src/bot/slot-time.js";
import { whiteboardLink } from "../../src/bot/whiteboard.js";
import { seededRandom } from "../fakes/core.js";

// Monday 7 Dec 2026, 10:00 UTC = 15:30 in Asia/Kolkata.
const now = new Date("2026-12-07T10:00:00Z");
const at = (input: string, tz = "UTC") => {
  const r = parseSlotTime(input, now, tz);
  return r.ok ? r.at.toISOString() : r.id;
};

describe("parseSlotTime", () => {
  it("reads today, tomorrow, weekdays and dates, 24-hour and am/pm, in the given zone", () => {
    expect(at("tomorrow 19:00")).toBe("2026-12-08T19:00:00.000Z");
    expect(at("tomorrow 19:00", "Asia/Kolkata")).toBe("2026-12-08T13:30:00.000Z");
    expect(at("today 7pm")).toBe("2026-12-07T19:00:00.000Z");
    expect(at("today 7:30 pm", "America/New_York")).toBe("2026-12-08T00:30:00.000Z");
    expect(at("sat 18:30")).toBe("2026-12-12T18:30:00.000Z");
    expect(at("Saturday 18:30")).toBe("2026-12-12T18:30:00.000Z");
    expect(at("2026-12-08 19:00")).toBe("2026-12-08T19:00:00.000Z");
    expect(at("21:15")).toBe("2026-12-07T21:15:00.000Z");
    expect(at("12am", "UTC")).toBe("schedule.past");
  });

  it("a weekday already past today means next week's", () => {
    expect(at("mon 09:00")).toBe("2026-12-14T09:00:00.000Z");
    expect(at("mon 11:00")).toBe("2026-12-07T11:00:00.000Z");
  });

  it("rejects what it can't read, the past, too soon and too far ahead, with the time shown in the zone", () => {
    for (const bad of ["", "soon", "tomorrow", "tomorrow 7", "25:00", "13pm", "2026-02-30 10:00", "next week 10:00"]) expect(at(bad)).toBe("schedule.badTime");
    expect(at("today 09:00")).toBe("schedule.past");
    expect(at("today 10:10")).toBe("schedule.tooSoon");
    expect(at("2026-12-22 10:00")).toBe("schedule.tooFar");
    expect(at("2026-12-21 09:59")).toBe("2026-12-21T09:59:00.000Z");
    const r = parseSlotTime("today 9:00", now, "Asia/Kolkata");
    expect(r).toEqual({ ok: false, id: "schedule.past", params: { at: "Mon 7 Dec, 09:00 Asia/Kolkata", minutes: 15 } });
  });
});

describe("buildIcs", () => {
  const ics = buildIcs({
    uid: "m1@prepcoach", stamp: new Date("2026-12-07T10:00:05.123Z"), start: new Date("2026-12-08T13:30:00Z"), end: new Date("2026-12-08T14:30:00Z"),
    summary: "Peer mock interview with Ravi; round 1, part 2",
    description: `Line one\nShared whiteboard: https://excalidraw.com/#room=0123456789abcdef0123,AbCdEfGhIjKlMnOpQrStUv — ${"é".repeat(60)}`,
  });
  const lines = ics.split("\r\n");

  it("is one VEVENT in a VCALENDAR with UID, DTSTAMP and UTC start and end, CRLF throughout", () => {
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(lines.slice(0, 2)).toEqual(["BEGIN:VCALENDAR", "VERSION:2.0"]);
    expect(lines).toContain("PRODID:-//prepcoach//scheduled mock//EN");
    expect(lines).toContain("BEGIN:VEVENT");
    expect(lines).toContain("UID:m1@prepcoach");
    expect(lines).toContain("DTSTAMP:20261207T100005Z");
    expect(lines).toContain("DTSTART:20261208T133000Z");
    expect(lines).toContain("DTEND:20261208T143000Z");
    expect(lines).toContain("SUMMARY:Peer mock interview with Ravi\\; round 1\\, part 2");
  });

  it("escapes newlines and folds long lines at 75 octets without splitting a character", () => {
    for (const l of lines) expect(Buffer.byteLength(l, "utf8")).toBeLessThanOrEqual(75);
    const unfolded = ics.replace(/\r\n /g, "");
    expect(unfolded).toContain("DESCRIPTION:Line one\\nShared whiteboard: https://excalidraw.com/#room=0123456789abcdef0123\\,AbCdEfGhIjKlMnOpQrStUv");
    expect(unfolded).toContain("é".repeat(60));
    expect(foldLine("x".repeat(75))).toBe("x".repeat(75));
    expect(foldLine("x".repeat(76))).toBe(`${"x".repeat(75)}\r\n x`);
    expect(foldLine(`${"x".repeat(74)}é`)).toBe(`${"x".repeat(74)}\r\n é`);
  });
});

describe("whiteboardLink", () => {
  it("is an Excalidraw room: 20 hex characters, then a 22-character base64url key", () => {
    const link = whiteboardLink(seededRandom(1));
    expect(link).toMatch(/^https:\/\/excalidraw\.com\/#room=[0-9a-f]{20},[A-Za-z0-9_-]{22}$/);
    expect(whiteboardLink(seededRandom(1))).toBe(link); // deterministic in tests
    expect(whiteboardLink(seededRandom(2))).not.toBe(link);
  });

  it("takes its bytes from the Random port's crypto source when there is one", () => {
    const link = whiteboardLink({ next: () => 0, id: () => "x", bytes: (n) => new Uint8Array(n).fill(0xff) });
    expect(link).toBe(`https://excalidraw.com/#room=${"f".repeat(20)},${"_".repeat(21)}w`);
  });
});
