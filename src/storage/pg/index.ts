/**
 * All repositories over one PostgreSQL database, as the core's ports (../index.ts is the SQLite
 * twin).
 */
import type { Repos } from "../index.js";
import type { MemberCache } from "../spaces.js";
import { createPgActivityRepo } from "./activities.js";
import type { PgDb } from "./db.js";
import { createPgDeliveryRepo } from "./deliveries.js";
import { createPgEventLog } from "./events.js";
import { createPgGroupRepo } from "./groups.js";
import { createPgMemberDataRepo } from "./member-data.js";
import { createPgMemberPlanRepo } from "./member-plans.js";
import { createPgMockRepo } from "./mocks.js";
import { createPgPairRepo } from "./pairs.js";
import { createPgReportRepo } from "./reports.js";
import { createPgPointsRepo } from "./points.js";
import { createPgQuizRepo } from "./quizzes.js";
import { createPgReviewRepo } from "./reviews.js";
import { createPgRoundRepo } from "./rounds.js";
import { createPgMemberRepo, createPgSpaceRepo } from "./spaces.js";
import { createPgStreakRepo } from "./streaks.js";
import { createPgSubscriptionRepo } from "./subscriptions.js";

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
    mocks: createPgMockRepo(db),
    memberData: createPgMemberDataRepo(db, memberCache),
    pairs: createPgPairRepo(db),
    groups: createPgGroupRepo(db),
    memberPlans: createPgMemberPlanRepo(db),
    reports: createPgReportRepo(db),
  };
}
