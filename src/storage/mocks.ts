import { and, asc, desc, eq, isNotNull, isNull, or } from "drizzle-orm";
import type { MockRepo, MockSession, TranscriptLine } from "../bot/ports.js";
import type { Db } from "./db.js";
import { mockSessions } from "./schema.js";

const toSession = (r: typeof mockSessions.$inferSelect): MockSession => ({
  id: r.id, spaceId: r.spaceId, memberId: r.memberId, problemId: r.problemId, framework: r.framework, channelId: r.channelId,
  threadId: r.threadId, phase: r.phase, minutes: r.minutes, phaseStartedAt: r.phaseStartedAt, startedAt: r.startedAt,
  endedAt: r.endedAt, transcript: r.transcript as TranscriptLine[], ratings: r.ratings as Record<string, number>, partnerId: r.partnerId,
});

/** The member's own interviews and the peer mocks they interviewed in. */
const takingPart = (memberId: number) => or(eq(mockSessions.memberId, memberId), eq(mockSessions.partnerId, memberId));

export function createMockRepo(db: Db): MockRepo {
  return {
    async create(s) {
      db.insert(mockSessions).values({ ...s }).run();
    },
    async get(spaceId, id) {
      const row = db.select().from(mockSessions).where(and(eq(mockSessions.spaceId, spaceId), eq(mockSessions.id, id))).get();
      return row && toSession(row);
    },
    async activeFor(memberId) {
      const row = db.select().from(mockSessions).where(and(takingPart(memberId), isNull(mockSessions.endedAt)))
        .orderBy(desc(mockSessions.startedAt), desc(mockSessions.id)).get();
      return row && toSession(row);
    },
    async running() {
      return db.select().from(mockSessions).where(isNull(mockSessions.endedAt)).orderBy(asc(mockSessions.startedAt), asc(mockSessions.id)).all().map(toSession);
    },
    async activeInThread(spaceId, threadId) {
      const row = db.select().from(mockSessions)
        .where(and(eq(mockSessions.spaceId, spaceId), eq(mockSessions.threadId, threadId), isNull(mockSessions.endedAt))).get();
      return row && toSession(row);
    },
    async update(id, changes) {
      db.update(mockSessions).set(changes).where(eq(mockSessions.id, id)).run();
    },
    async claimNudge(id, key, at) {
      const marker = `timer:${key}`;
      // IMMEDIATE: two workers running the same job serialise here; the second sees the mark.
      return db.transaction((tx) => {
        const row = tx.select({ transcript: mockSessions.transcript, phase: mockSessions.phase }).from(mockSessions).where(eq(mockSessions.id, id)).get();
        const lines = (row?.transcript ?? []) as TranscriptLine[];
        if (!row || lines.some((l) => l.who === "bot" && l.text === marker)) return false;
        const line: TranscriptLine = { at: at.toISOString(), phase: row.phase, who: "bot", text: marker };
        tx.update(mockSessions).set({ transcript: [...lines, line] }).where(eq(mockSessions.id, id)).run();
        return true;
      }, { behavior: "immediate" });
    },
    async releaseNudge(id, key) {
      db.transaction((tx) => {
        const row = tx.select({ transcript: mockSessions.transcript }).from(mockSessions).where(eq(mockSessions.id, id)).get();
        const lines = (row?.transcript ?? []) as TranscriptLine[];
        tx.update(mockSessions).set({ transcript: lines.filter((l) => !(l.who === "bot" && l.text === `timer:${key}`)) }).where(eq(mockSessions.id, id)).run();
      }, { behavior: "immediate" });
    },
    async history(memberId, limit) {
      return db.select().from(mockSessions).where(and(takingPart(memberId), isNotNull(mockSessions.endedAt)))
        .orderBy(desc(mockSessions.endedAt), desc(mockSessions.id)).limit(limit).all().map(toSession);
    },
  };
}
