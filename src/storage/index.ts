/** All repositories over one database, as the core's ports. */
import type { DeliveryRepo, MockRepo, PointsRepo, ReviewRepo, EventLog, MemberRepo, QuizRepo, SpaceRepo, SubscriptionRepo } from "../bot/ports.js";
import type { Db } from "./db.js";
import { createDeliveryRepo } from "./deliveries.js";
import { createEventLog } from "./events.js";
import { createMockRepo } from "./mocks.js";
import { createPointsRepo } from "./points.js";
import { createReviewRepo } from "./reviews.js";
import { createQuizRepo } from "./quizzes.js";
import { createMemberRepo, createSpaceRepo } from "./spaces.js";
import { createSubscriptionRepo } from "./subscriptions.js";

export interface Repos {
  spaces: SpaceRepo;
  members: MemberRepo;
  quizzes: QuizRepo;
  subscriptions: SubscriptionRepo;
  events: EventLog;
  deliveries: DeliveryRepo;
  reviews: ReviewRepo;
  points: PointsRepo;
  mocks: MockRepo;
}

export function createRepos(db: Db): Repos {
  return {
    spaces: createSpaceRepo(db),
    members: createMemberRepo(db),
    quizzes: createQuizRepo(db),
    subscriptions: createSubscriptionRepo(db),
    events: createEventLog(db),
    deliveries: createDeliveryRepo(db),
    reviews: createReviewRepo(db),
    points: createPointsRepo(db),
    mocks: createMockRepo(db),
  };
}
