/** Mock interviews on PostgreSQL (../mocks.ts is the SQLite twin). */
import { and, desc, eq, isNotNull, isNull, or } from "drizzle-orm";
import type { MockRepo, MockSession, TranscriptLine } from "../../bot/ports.js";
import type { PgDb } from "./db.js";
import { mockSessions } from "./schema.js";

const toSession = (r: typeof mockSessions.$inferSelect): MockSession => ({
  id: r.id, spaceId: r.spaceId, memberId: r.memberId, problemId: r.problemId, framework: r.framework, channelId: r.channelId,
  threadId: r.threadId, phase: r.phase, minutes: r.minutes, phaseStartedAt: r.phaseStartedAt, startedAt: r.startedAt,
  endedAt: r.endedAt, transcript: r.transcript as TranscriptLine[], ratings: r.ratings as Record<string, number>, partnerId: r.partnerId,
});

const takingPart = (memberId: number) => or(eq(mockSessions.memberId, memberId), eq(mockSessions.partnerId, memberId));
const isMark = (key: string) => (l: TranscriptLine) => l.who === "bot" && l.text === `timer:${key}`;

export function createPgMockRepo(db: PgDb): MockRepo {
  /** Read-modify-write of the transcript under the row's lock: two workers running the same job queue here. */
  const withTranscript = <T>(id: string, change: (row: { transcript: TranscriptLine[]; phase: number }) => { lines?: TranscriptLine[]; result: T }, none: T) =>
    db.transaction(async (tx) => {
      const [row] = await tx.select({ transcript: mockSessions.transcript, phase: mockSessions.phase }).from(mockSessions)
        .where(eq(mockSessions.id, id)).for("update");
      if (!row) return none;
      const { lines, result } = change({ transcript: (row.transcript ?? []) as TranscriptLine[], phase: row.phase });
      if (lines) await tx.update(mockSessions).set({ transcript: lines }).where(eq(mockSessions.id, id));
      return result;
    });
  return {
    async create(s) {
      await db.insert(mockSessions).values({ ...s });
    },
    async get(spaceId, id) {
      const [row] = await db.select().from(mockSessions).where(and(eq(mockSessions.spaceId, spaceId), eq(mockSessions.id, id)));
      return row && toSession(row);
    },
    async activeFor(memberId) {
      const [row] = await db.select().from(mockSessions).where(and(takingPart(memberId), isNull(mockSessions.endedAt)))
        .orderBy(desc(mockSessions.startedAt)).limit(1);
      return row && toSession(row);
    },
    async running() {
      return (await db.select().from(mockSessions).where(isNull(mockSessions.endedAt))).map(toSession);
    },
    async activeInThread(spaceId, threadId) {
      const [row] = await db.select().from(mockSessions)
        .where(and(eq(mockSessions.spaceId, spaceId), eq(mockSessions.threadId, threadId), isNull(mockSessions.endedAt))).limit(1);
      return row && toSession(row);
    },
    async update(id, changes) {
      await db.update(mockSessions).set(changes).where(eq(mockSessions.id, id));
    },
    claimNudge: (id, key, at) => withTranscript(id, ({ transcript, phase }) => {
      if (transcript.some(isMark(key))) return { result: false };
      return { lines: [...transcript, { at: at.toISOString(), phase, who: "bot", text: `timer:${key}` }], result: true };
    }, false),
    async releaseNudge(id, key) {
      await withTranscript(id, ({ transcript }) => ({ lines: transcript.filter((l) => !isMark(key)(l)), result: undefined }), undefined);
    },
    async history(memberId, limit) {
      return (await db.select().from(mockSessions).where(and(takingPart(memberId), isNotNull(mockSessions.endedAt)))
        .orderBy(desc(mockSessions.endedAt)).limit(limit)).map(toSession);
    },
  };
}
