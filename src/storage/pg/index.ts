/**
 * All repositories over one PostgreSQL database, as the core's ports (../index.ts is the SQLite
 * twin). Repos not ported yet throw on first use, naming themselves.
 */
import type { Repos } from "../index.js";
import type { MemberCache } from "../spaces.js";
import { createPgActivityRepo } from "./activities.js";
import type { PgDb } from "./db.js";
import { createPgDeliveryRepo } from "./deliveries.js";
import { createPgEventLog } from "./events.js";
import { createPgPointsRepo } from "./points.js";
import { createPgQuizRepo } from "./quizzes.js";
import { createPgReviewRepo } from "./reviews.js";
import { createPgRoundRepo } from "./rounds.js";
import { createPgMemberRepo, createPgSpaceRepo } from "./spaces.js";
import { createPgStreakRepo } from "./streaks.js";
import { createPgSubscriptionRepo } from "./subscriptions.js";

/** The repos that PostgreSQL does not have yet (issue 21, phase 2). */
export const PG_PENDING = ["mocks", "memberData", "pairs", "groups", "memberPlans", "reports"] as const;
type Pending = (typeof PG_PENDING)[number];

/** A stand-in whose every method throws "<repo> is not implemented on PostgreSQL yet". */
function pending<K extends Pending>(name: K): Repos[K] {
  return new Proxy({}, {
    // Not a thenable: `then` stays undefined, so awaiting the repo itself does not call it.
    get: (_t, method) => (method === "then" || typeof method === "symbol" ? undefined
      : () => Promise.reject(new Error(`${name}.${method} is not implemented on PostgreSQL yet`))),
  }) as Repos[K];
}

export function createPgRepos(db: PgDb): Repos {
  const memberCache: MemberCache = new Map();
  return {
    activities: createPgActivityRepo(db),
    spaces: createPgSpaceRepo(db),
    members: createPgMemberRepo(db, memberCache),
    quizzes: createPgQuizRepo(db),
    subscriptions: createPgSubscriptionRepo(db),
    events: createPgEventLog(db),
    deliveries: createPgDeliveryRepo(db),
    reviews: createPgReviewRepo(db),
    points: createPgPointsRepo(db),
    rounds: createPgRoundRepo(db),
    streaks: createPgStreakRepo(db),
    mocks: pending("mocks"),
    memberData: pending("memberData"),
    pairs: pending("pairs"),
    groups: pending("groups"),
    memberPlans: pending("memberPlans"),
    reports: pending("reports"),
  };
}
