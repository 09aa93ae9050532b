import { and, desc, eq, isNotNull, isNull } from "drizzle-orm";
import type { MockRepo, MockSession, TranscriptLine } from "../bot/ports.js";
import type { Db } from "./db.js";
import { mockSessions } from "./schema.js";

const toSession = (r: typeof mockSessions.$inferSelect): MockSession => ({
  id: r.id, spaceId: r.spaceId, memberId: r.memberId, problemId: r.problemId, framework: r.framework, channelId: r.channelId,
  threadId: r.threadId, phase: r.phase, minutes: r.minutes, phaseStartedAt: r.phaseStartedAt, startedAt: r.startedAt,
  endedAt: r.endedAt, transcript: r.transcript as TranscriptLine[], ratings: r.ratings as Record<string, number>,
});

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
      const row = db.select().from(mockSessions).where(and(eq(mockSessions.memberId, memberId), isNull(mockSessions.endedAt)))
        .orderBy(desc(mockSessions.startedAt)).get();
      return row && toSession(row);
    },
    async activeInThread(spaceId, threadId) {
      const row = db.select().from(mockSessions)
        .where(and(eq(mockSessions.spaceId, spaceId), eq(mockSessions.threadId, threadId), isNull(mockSessions.endedAt))).get();
      return row && toSession(row);
    },
    async update(id, changes) {
      db.update(mockSessions).set(changes).where(eq(mockSessions.id, id)).run();
    },
    async history(memberId, limit) {
      return db.select().from(mockSessions).where(and(eq(mockSessions.memberId, memberId), isNotNull(mockSessions.endedAt)))
        .orderBy(desc(mockSessions.endedAt)).limit(limit).all().map(toSession);
    },
  };
}
