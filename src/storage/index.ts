/** All repositories over one database, as the core's ports. */
import type { ActivityRepo, DeliveryRepo, MockRepo, PointsRepo, ReviewRepo, EventLog, MemberRepo, QuizRepo, SpaceRepo, SubscriptionRepo } from "../bot/ports.js";
import type { Db } from "./db.js";
import { createActivityRepo } from "./activities.js";
import { createDeliveryRepo } from "./deliveries.js";
import { createEventLog } from "./events.js";
import { createMockRepo } from "./mocks.js";
import { createPointsRepo } from "./points.js";
import { createReviewRepo } from "./reviews.js";
import { createQuizRepo } from "./quizzes.js";
import { createMemberRepo, createSpaceRepo, type MemberCache } from "./spaces.js";
import type { MemberDataRepo } from "../bot/ports.js";
import { createMemberDataRepo } from "./member-data.js";
import { createSubscriptionRepo } from "./subscriptions.js";
import type { PairRepo } from "../bot/ports.js";
import { createPairRepo } from "./pairs.js";
import type { RoundRepo } from "../bot/ports.js";
import { createRoundRepo } from "./rounds.js";
import type { GroupRepo } from "../bot/ports.js";
import { createGroupRepo } from "./groups.js";
import type { StreakRepo } from "../bot/ports.js";
import { createStreakRepo } from "./streaks.js";
import type { MemberPlanRepo } from "../bot/ports.js";
import { createMemberPlanRepo } from "./member-plans.js";
import type { ReportRepo } from "../bot/ports.js";
import { createReportRepo } from "./reports.js";
import type { BookingRepo } from "../bot/ports.js";
import { createBookingRepo } from "./bookings.js";
import type { RoleRepo } from "../bot/ports.js";
import { createRoleRepo } from "./roles.js";
import type { BankRepo } from "../bot/ports.js";
import { createBankRepo } from "./banks.js";

export interface Repos {
  /** Scored activities (answers, drills, round answers and awards): one transaction each. */
  activities: ActivityRepo;
  spaces: SpaceRepo;
  members: MemberRepo;
  quizzes: QuizRepo;
  subscriptions: SubscriptionRepo;
  events: EventLog;
  deliveries: DeliveryRepo;
  reviews: ReviewRepo;
  points: PointsRepo;
  mocks: MockRepo;
  /** `me export` / `me delete`: every table's rows of one member. */
  memberData: MemberDataRepo;
  pairs: PairRepo;
  rounds: RoundRepo;
  groups: GroupRepo;
  streaks: StreakRepo;
  /** The plan each member follows on their own (`/plan`). */
  memberPlans: MemberPlanRepo;
  /** Members' reports of questions and drills. */
  reports: ReportRepo;
  /** Scheduled peer mocks: bookings, matches, no-shows. */
  bookings: BookingRepo;
  /** The daily post's ping and role rewards (issue 22). */
  roles: RoleRepo;
  /** Spaces' own question banks and switched-off topics (issue 22). */
  banks: BankRepo;
}

export function createRepos(db: Db): Repos {
  // Shared so that erasing a member also forgets the cached member (its id no longer exists).
  const memberCache: MemberCache = new Map();
  return {
    activities: createActivityRepo(db),
    memberData: createMemberDataRepo(db, memberCache),
    spaces: createSpaceRepo(db),
    members: createMemberRepo(db, memberCache),
    quizzes: createQuizRepo(db),
    subscriptions: createSubscriptionRepo(db),
    events: createEventLog(db),
    deliveries: createDeliveryRepo(db),
    reviews: createReviewRepo(db),
    points: createPointsRepo(db),
    mocks: createMockRepo(db),
    pairs: createPairRepo(db),
    rounds: createRoundRepo(db),
    groups: createGroupRepo(db),
    streaks: createStreakRepo(db),
    memberPlans: createMemberPlanRepo(db),
    reports: createReportRepo(db),
    bookings: createBookingRepo(db),
    roles: createRoleRepo(db),
    banks: createBankRepo(db),
  };
}
