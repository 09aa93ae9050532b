/**
 * The drizzle schema for PostgreSQL (issue 21, scale-out): the same tables, columns and keys as
 * ../schema.ts (SQLite), in pg-core. Differences, and why:
 * - times are `timestamptz(3)` read as Date: PostgreSQL keeps microseconds, so a JS Date (ms) round-trips exactly;
 * - ids are identity columns "by default", so a restore or a test may still insert its own id;
 * - JSON is jsonb; REAL is double precision (float4 would turn a card's stability 2.3 into 2.2999999);
 * - rank_nodes.node is bigint (heap positions reach 2^32), read as a JS number;
 * - round_answers has a `seq` identity column standing in for SQLite's rowid (answer order on ties).
 * The rank_nodes triggers live in a custom migration (migrations/pg/0001_rank_triggers.sql).
 */
import { sql } from "drizzle-orm";
import {
  bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex,
} from "drizzle-orm/pg-core";

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: "date" });
const createdAt = () => at("created_at").notNull().defaultNow();
const id = () => integer("id").primaryKey().generatedByDefaultAsIdentity();

/** A Discord guild, Slack workspace or console session; id = `<platform>:<platform id>`. */
export const spaces = pgTable("spaces", {
  id: text("id").primaryKey(),
  platform: text("platform", { enum: ["discord", "slack", "console"] }).notNull(),
  name: text("name"),
  timezone: text("timezone").notNull().default("UTC"),
  createdAt: createdAt(),
});

export const members = pgTable("members", {
  id: id(),
  spaceId: text("space_id").notNull().references(() => spaces.id),
  platformUserId: text("platform_user_id").notNull(),
  displayName: text("display_name").notNull(),
  timezone: text("timezone"),
  createdAt: createdAt(),
}, (t) => [uniqueIndex("members_space_user").on(t.spaceId, t.platformUserId)]);

export const subscriptions = pgTable("subscriptions", {
  id: id(),
  spaceId: text("space_id").notNull().references(() => spaces.id),
  channelId: text("channel_id").notNull(),
  time: text("time").notNull(),
  timezone: text("timezone").notNull(),
  days: text("days").notNull(),
  planId: text("plan_id"),
  startDate: text("start_date").notNull(),
  isPaused: boolean("is_paused").notNull().default(false),
  pausedReason: text("paused_reason"),
  createdBy: text("created_by").notNull(),
  updatedAt: at("updated_at").notNull(),
}, (t) => [uniqueIndex("subscriptions_space_channel").on(t.spaceId, t.channelId)]);

/** One row per (subscription, local date): the claim that makes a daily post exactly-once. */
export const deliveries = pgTable("deliveries", {
  subscriptionId: integer("subscription_id").notNull().references(() => subscriptions.id, { onDelete: "cascade" }),
  localDate: text("local_date").notNull(),
  spaceId: text("space_id").notNull(),
  status: text("status", { enum: ["claimed", "posted", "missed", "failed"] }).notNull(),
  claimedAt: at("claimed_at").notNull(),
  slotAt: at("slot_at").notNull(),
  messageRef: text("message_ref"),
  error: text("error"),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.subscriptionId, t.localDate] })]);

export const groups = pgTable("groups", {
  id: id(),
  spaceId: text("space_id").notNull().references(() => spaces.id),
  name: text("name").notNull(),
  planId: text("plan_id"),
  planStartDate: text("plan_start_date"),
  createdBy: integer("created_by").notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex("groups_space_name").on(t.spaceId, t.name)]);

export const groupMembers = pgTable("group_members", {
  spaceId: text("space_id").notNull(),
  groupId: integer("group_id").notNull().references(() => groups.id, { onDelete: "cascade" }),
  memberId: integer("member_id").notNull().references(() => members.id),
  joinedAt: createdAt(), // "created_at" in SQL, as in SQLite
}, (t) => [primaryKey({ columns: [t.groupId, t.memberId] }), index("group_members_member").on(t.memberId)]);

export const quizSessions = pgTable("quiz_sessions", {
  id: text("id").primaryKey(),
  spaceId: text("space_id").notNull(),
  memberId: integer("member_id").notNull().references(() => members.id),
  questionId: text("question_id").notNull(),
  channelId: text("channel_id").notNull(),
  kind: text("kind", { enum: ["quiz", "review"] }).notNull().default("quiz"),
  cardBefore: jsonb("card_before"),
  createdAt: createdAt(),
  answeredAt: at("answered_at"),
}, (t) => [index("quiz_sessions_member").on(t.memberId, t.createdAt)]);

export const gradeDisputes = pgTable("grade_disputes", {
  id: id(),
  spaceId: text("space_id").notNull(),
  memberId: integer("member_id").notNull().references(() => members.id),
  sessionId: text("session_id").notNull(),
  questionId: text("question_id").notNull(),
  keyPoint: integer("key_point").notNull(),
  point: text("point").notNull(),
  answer: text("answer").notNull(),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex("grade_disputes_session_point").on(t.sessionId, t.keyPoint),
  index("grade_disputes_question").on(t.questionId, t.keyPoint),
]);

export const attempts = pgTable("attempts", {
  id: id(),
  spaceId: text("space_id").notNull(),
  memberId: integer("member_id").notNull().references(() => members.id),
  sessionId: text("session_id").notNull(),
  questionId: text("question_id").notNull(),
  topic: text("topic").notNull(),
  level: integer("level").notNull(),
  format: text("format", { enum: ["mcq", "free", "drill"] }).notNull(),
  answer: text("answer").notNull(),
  score: doublePrecision("score").notNull(),
  isCorrect: boolean("is_correct").notNull(),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex("attempts_session").on(t.sessionId),
  index("attempts_member_created").on(t.memberId, t.createdAt),
]);

/** FSRS card state per (member, question). */
export const reviews = pgTable("reviews", {
  spaceId: text("space_id").notNull(),
  memberId: integer("member_id").notNull().references(() => members.id),
  questionId: text("question_id").notNull(),
  card: jsonb("card").notNull(),
  due: at("due").notNull(),
  stability: doublePrecision("stability").notNull().default(0),
  updatedAt: at("updated_at").notNull(),
}, (t) => [primaryKey({ columns: [t.memberId, t.questionId] }), index("reviews_member_due").on(t.memberId, t.due)]);

export const rounds = pgTable("rounds", {
  id: text("id").primaryKey(),
  spaceId: text("space_id").notNull(),
  channelId: text("channel_id").notNull(),
  questionId: text("question_id").notNull(),
  startedBy: integer("started_by").notNull(),
  closesAt: at("closes_at").notNull(),
  closedAt: at("closed_at"),
  messageRef: text("message_ref"),
  createdAt: createdAt(),
}, (t) => [
  // One open round per channel, held by the database: two starts at the same moment cannot both win.
  uniqueIndex("rounds_open_in_channel").on(t.spaceId, t.channelId).where(sql`${t.closedAt} is null`),
]);

export const roundAnswers = pgTable("round_answers", {
  spaceId: text("space_id").notNull(),
  roundId: text("round_id").notNull().references(() => rounds.id, { onDelete: "cascade" }),
  memberId: integer("member_id").notNull().references(() => members.id),
  choice: integer("choice").notNull(),
  isCorrect: boolean("is_correct").notNull(),
  answeredAt: at("answered_at").notNull(),
  /** Insertion order, for answers in the same millisecond: SQLite orders those by rowid, PostgreSQL has none. */
  seq: bigint("seq", { mode: "number" }).notNull().generatedAlwaysAsIdentity(),
}, (t) => [primaryKey({ columns: [t.roundId, t.memberId] })]);

export const mockSessions = pgTable("mock_sessions", {
  id: text("id").primaryKey(),
  spaceId: text("space_id").notNull(),
  memberId: integer("member_id").notNull().references(() => members.id),
  partnerId: integer("partner_id").references(() => members.id),
  problemId: text("problem_id").notNull(),
  framework: text("framework").notNull(),
  channelId: text("channel_id").notNull(),
  threadId: text("thread_id"),
  phase: integer("phase").notNull().default(0),
  minutes: integer("minutes").notNull(),
  transcript: jsonb("transcript").notNull().default(sql`'[]'::jsonb`),
  ratings: jsonb("ratings").notNull().default(sql`'{}'::jsonb`),
  phaseStartedAt: at("phase_started_at").notNull(),
  startedAt: at("started_at").notNull(),
  endedAt: at("ended_at"),
}, (t) => [index("mock_sessions_member").on(t.memberId, t.endedAt), index("mock_sessions_thread").on(t.spaceId, t.threadId)]);

/** The points ledger: one row per award; `ref` makes a double click count once. */
export const points = pgTable("points", {
  id: id(),
  spaceId: text("space_id").notNull(),
  memberId: integer("member_id").notNull().references(() => members.id),
  ref: text("ref").notNull(),
  points: integer("points").notNull(),
  reason: text("reason").notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex("points_space_ref").on(t.spaceId, t.ref), index("points_space_created").on(t.spaceId, t.createdAt)]);

export const streaks = pgTable("streaks", {
  memberId: integer("member_id").primaryKey().references(() => members.id),
  spaceId: text("space_id").notNull(),
  current: integer("current").notNull().default(0),
  best: integer("best").notNull().default(0),
  freezes: integer("freezes").notNull().default(0),
  lastDate: text("last_date"),
  remindersOn: boolean("reminders_on").notNull().default(true),
  remindedOn: text("reminded_on"),
});

export const pairQueue = pgTable("pair_queue", {
  memberId: integer("member_id").primaryKey().references(() => members.id),
  spaceId: text("space_id").notNull(),
  channelId: text("channel_id").notNull(),
  level: integer("level").notNull(),
  queuedAt: at("queued_at").notNull(),
}, (t) => [index("pair_queue_space").on(t.spaceId, t.queuedAt)]);

export const peerScores = pgTable("peer_scores", {
  spaceId: text("space_id").notNull(),
  mockId: text("mock_id").notNull().references(() => mockSessions.id, { onDelete: "cascade" }),
  raterId: integer("rater_id").notNull().references(() => members.id),
  rateeId: integer("ratee_id").notNull().references(() => members.id),
  ratings: jsonb("ratings").notNull(),
  total: doublePrecision("total").notNull(),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.mockId, t.raterId] }), index("peer_scores_ratee").on(t.rateeId)]);

/** Events already handled, keyed by the platform's interaction id, with the reply given. */
export const processedEvents = pgTable("processed_events", {
  spaceId: text("space_id").notNull(),
  key: text("key").notNull(),
  userId: text("user_id"),
  reply: jsonb("reply").notNull(),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.spaceId, t.key] }), index("processed_events_created").on(t.createdAt)]);

/** Points per member, board and period, kept in step with the ledger (see ../schema.ts). */
export const pointTotals = pgTable("point_totals", {
  spaceId: text("space_id").notNull(),
  board: text("board").notNull().default("space"),
  period: text("period").notNull(),
  memberId: integer("member_id").notNull().references(() => members.id),
  points: integer("points").notNull(),
}, (t) => [
  primaryKey({ columns: [t.spaceId, t.board, t.period, t.memberId] }),
  index("point_totals_board").on(t.spaceId, t.board, t.period, t.points),
]);

/** The rank count tree (see ../schema.ts and ../rank-nodes.ts); kept by triggers on point_totals. */
export const rankNodes = pgTable("rank_nodes", {
  spaceId: text("space_id").notNull(),
  board: text("board").notNull(),
  period: text("period").notNull(),
  node: bigint("node", { mode: "number" }).notNull(),
  members: integer("members").notNull(),
}, (t) => [primaryKey({ columns: [t.spaceId, t.board, t.period, t.node] })]);

/** The levels 0..30 of the rank tree, as rows for the triggers to join. */
export const rankLevels = pgTable("rank_levels", { level: integer("level").primaryKey() });

export const memberPlans = pgTable("member_plans", {
  memberId: integer("member_id").primaryKey().references(() => members.id),
  spaceId: text("space_id").notNull(),
  planId: text("plan_id").notNull(),
  startDate: text("start_date").notNull(),
  skipped: integer("skipped").notNull().default(0),
  pausedOn: text("paused_on"),
  pausedDays: integer("paused_days").notNull().default(0),
});

export const itemReports = pgTable("item_reports", {
  id: id(),
  spaceId: text("space_id").notNull(),
  memberId: integer("member_id").notNull().references(() => members.id),
  itemId: text("item_id").notNull(),
  kind: text("kind", { enum: ["wrong", "unclear", "too-easy", "too-hard", "typo"] }).notNull(),
  note: text("note"),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex("item_reports_member_item_kind").on(t.spaceId, t.memberId, t.itemId, t.kind),
  index("item_reports_space_created").on(t.spaceId, t.createdAt),
]);
