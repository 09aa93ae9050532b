/** BookingRepo cases of the repository contract (repo-contract.ts), run against SQLite and the twin. */
import { expect, it } from "vitest";
import type { Repos } from "../../src/storage/index.js";

export function bookingContractCases(repos: () => Repos, at: Date) {
  const later = (min: number) => new Date(at.getTime() + min * 60_000);
  const setup = async () => {
    const r = repos();
    await r.spaces.ensure({ id: "slack:B1", platform: "slack" }, "UTC");
    const [a, b, c] = await Promise.all(["a", "b", "c"].map((id) => r.members.ensure("slack:B1", { id, name: id.toUpperCase() })));
    const book = (id: string, memberId: number, startMin: number) =>
      r.bookings.create({ id, spaceId: "slack:B1", channelId: "c1", memberId, level: 1, startsAt: later(startMin), createdAt: at });
    return { r, a: a!.id, b: b!.id, c: c!.id, book };
  };

  it("bookings: open ones listed by start; cancel only your own open one; expire only an open one", async () => {
    const { r, a, b, book } = await setup();
    await book("k2", a, 120);
    await book("k1", b, 60);
    expect((await r.bookings.open("slack:B1")).map((x) => x.id)).toEqual(["k1", "k2"]);
    expect(await r.bookings.get("k1")).toEqual({
      id: "k1", spaceId: "slack:B1", channelId: "c1", memberId: b, level: 1, startsAt: later(60), createdAt: at, status: "open",
      matchId: null, partnerId: null, role: null, matchAt: null, whiteboard: null, mockId: null, remindedAt: null, joinedAt: null, noShowAt: null, checkedAt: null,
    });
    expect(await r.bookings.cancel("k1", a)).toBe(false);
    expect(await r.bookings.cancel("k1", b)).toBe(true);
    expect(await r.bookings.cancel("k1", b)).toBe(false);
    expect(await r.bookings.expire("k2")).toBe(true);
    expect(await r.bookings.expire("k2")).toBe(false);
    expect(await r.bookings.open("slack:B1")).toEqual([]);
    expect(await r.bookings.pending()).toEqual([]);
    expect((await r.bookings.get("k2"))?.status).toBe("expired");
  });

  it("bookings: a match claims two open bookings once; joins, the reminder and the no-show check are recorded once", async () => {
    const { r, a, b, c, book } = await setup();
    await book("ka", a, 60);
    await book("kb", b, 90);
    await book("kc", c, 70);
    const m = { matchId: "m1", matchAt: later(90), whiteboard: "https://excalidraw.com/#room=x,y", candidate: "ka", interviewer: "kb" };
    expect(await r.bookings.match(m)).toBe(true);
    // ka is taken: a racing match with it changes nothing.
    expect(await r.bookings.match({ ...m, matchId: "m2", interviewer: "kc" })).toBe(false);
    expect((await r.bookings.get("kc"))?.status).toBe("open");
    expect(await r.bookings.cancel("ka", a)).toBe(false);
    const rows = await r.bookings.ofMatch("m1");
    expect(rows.map((x) => [x.id, x.role, x.partnerId, x.status, x.matchAt])).toEqual([["ka", "candidate", b, "matched", later(90)], ["kb", "interviewer", a, "matched", later(90)]]);
    expect((await r.bookings.upcoming(a)).map((x) => x.id)).toEqual(["ka"]);
    expect((await r.bookings.pending()).map((x) => x.id)).toEqual(["ka", "kc", "kb"]);
    await r.bookings.setMock("m1", "mock-1");
    await r.bookings.markReminded("m1", later(80));
    await r.bookings.markReminded("m1", later(81));
    expect(await r.bookings.markJoined("m1", a, later(85))).toBe(true);
    expect(await r.bookings.markJoined("m1", a, later(86))).toBe(false);
    expect(await r.bookings.markJoined("m1", c, later(86))).toBe(false);
    expect(await r.bookings.settle("m1", [b], later(100))).toBe(true);
    expect(await r.bookings.settle("m1", [a, b], later(101))).toBe(false);
    const [ka, kb] = await r.bookings.ofMatch("m1");
    expect(ka).toMatchObject({ mockId: "mock-1", remindedAt: later(80), joinedAt: later(85), noShowAt: null, checkedAt: later(100) });
    expect(kb).toMatchObject({ mockId: "mock-1", remindedAt: later(80), joinedAt: null, noShowAt: later(100), checkedAt: later(100) });
    expect(await r.bookings.noShowCount(b)).toBe(1);
    expect(await r.bookings.noShowCount(a)).toBe(0);
    expect((await r.bookings.pending()).map((x) => x.id)).toEqual(["kc"]);
    expect(await r.bookings.upcoming(a)).toEqual([]);
  });
}
