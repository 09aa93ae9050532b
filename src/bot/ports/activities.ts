/** One scored activity (an answer, a drill, a round answer) and everything it writes in one commit. */
import type { ReviewCard } from "./reviews.js";
import type { Streak } from "./streaks.js";
import type { Reply } from "../reply.js";

export interface RecentAttempt { questionId: string; topic: string; level: number; score: number; at: Date }

export interface AttemptInput {
  spaceId: string; memberId: number; sessionId: string; questionId: string; topic: string;
  level: number; format: "mcq" | "free" | "drill"; answer: string; score: number; isCorrect: boolean; at: Date;
  /** The card after this answer, written in the same transaction. */
  review?: ReviewCard;
  /** The points award (ledger row + period totals), written in the same transaction. */
  award?: AwardInput;
}

export interface AwardInput {
  ref: string; points: number; reason: string; periods: readonly string[];
  /** Clips the award to what is left of `limit` in `period` (the daily cap), read in the award's own transaction. */
  cap?: { period: string; limit: number };
}

/**
 * One scored activity (a quiz or review answer, a drill answer, a round answer, a round's award):
 * everything it changes, recorded in one transaction. `attempt` claims its quiz session and
 * `roundAnswer` is first per (round, member): when the claim is taken already nothing is written.
 */
export interface ScoredActivity {
  spaceId: string; memberId: number; at: Date;
  attempt?: Omit<AttemptInput, "review" | "award">;
  roundAnswer?: { roundId: string; choice: number; isCorrect: boolean };
  /** The card after the answer. */
  review?: ReviewCard;
  award?: AwardInput;
  /**
   * The member's streak after the activity, given the stored one; undefined leaves it. Runs inside
   * the transaction, so it must be synchronous and pure (services/streaks.ts `advance`).
   */
  streak?(stored: Streak | undefined): Streak | undefined;
  /** The event that carried it: its reply is stored under `key` in the same commit (EventLog). */
  event?: { key: string; userId: string };
  /** The reply, given the points awarded now after the cap (0 for a repeated ref); synchronous, like `streak`. */
  reply?(points: number): Reply;
}

/**
 * "recorded": written; `award` holds the ref's points (for a repeated ref, `isNew` false, those of
 * its first award). "replayed": the event was recorded already (a
 * redelivery racing the first): its stored reply. "claimed": the session or round answer was taken.
 */
export type ActivityOutcome =
  | { status: "recorded"; award?: { points: number; isNew: boolean }; reply?: Reply }
  | { status: "replayed"; reply: Reply }
  | { status: "claimed" };

export interface ActivityRepo {
  /** Cap check, claim, attempt, card, ledger, period totals, streak and the event's reply: one commit. */
  record(activity: ScoredActivity): Promise<ActivityOutcome>;
}
