/**
 * The in-memory twin of storage/activities.ts. It reads everything it needs and runs the
 * callbacks before it writes anything, one record at a time, so like the SQLite transaction a
 * record is all or nothing and two at once never both pass the cap.
 */
import type { ActivityOutcome, ActivityRepo, AttemptInput, AwardInput, QuizSession, ReviewRepo, RoundRepo, StreakRepo } from "../../src/bot/ports.js";
import type { Reply } from "../../src/bot/reply.js";

export interface ActivityTables {
  sessions: Map<string, QuizSession>;
  attempts: AttemptInput[];
  eventRows: Map<string, { reply: Reply; userId?: string; savedAt?: number }>;
  reviews: ReviewRepo;
  streaks: StreakRepo;
  rounds: RoundRepo;
  awardPoints(spaceId: string, memberId: number, a: AwardInput, isDryRun?: boolean): { points: number; isNew: boolean };
}

export function createMemoryActivityRepo(t: ActivityTables): ActivityRepo {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    record(a) {
      const run = async (): Promise<ActivityOutcome> => {
        const eventKey = a.event && `${a.spaceId}|${a.event.key}`;
        const earlier = eventKey ? t.eventRows.get(eventKey) : undefined;
        if (earlier) return { status: "replayed", reply: earlier.reply };
        const session = a.attempt && t.sessions.get(a.attempt.sessionId);
        if (a.attempt && (!session || session.answeredAt)) return { status: "claimed" };
        if (a.roundAnswer && (await t.rounds.answers(a.roundAnswer.roundId)).some((x) => x.memberId === a.memberId)) return { status: "claimed" };
        const stored = a.streak ? await t.streaks.get(a.memberId) : undefined;
        const streak = a.streak?.(stored);
        const award = a.award && t.awardPoints(a.spaceId, a.memberId, a.award, true);
        const reply = a.reply?.(award?.isNew ? award.points : 0);
        // Nothing above wrote; from here on nothing throws.
        if (a.award) t.awardPoints(a.spaceId, a.memberId, a.award);
        if (session && a.attempt) {
          session.answeredAt = a.at;
          t.attempts.push({ ...a.attempt });
        }
        if (a.roundAnswer) await t.rounds.answer(a.spaceId, a.roundAnswer.roundId, { memberId: a.memberId, answeredAt: a.at, ...a.roundAnswer });
        if (a.review) await t.reviews.save(a.spaceId, a.memberId, a.review, a.at);
        if (streak) await t.streaks.save(streak);
        if (reply && eventKey && a.event) t.eventRows.set(eventKey, { reply: structuredClone(reply), savedAt: Date.now(), userId: a.event.userId });
        return { status: "recorded", ...(award ? { award } : {}), ...(reply ? { reply } : {}) };
      };
      const result = queue.then(run);
      queue = result.catch(() => undefined);
      return result;
    },
  };
}
