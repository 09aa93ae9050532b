/**
 * The drizzle schema. camelCase in TypeScript, snake_case in SQL. Every row carries its space
 * (`space_id`), so nothing leaks across Discord guilds or Slack workspaces. Later issues fill
 * the tables that the foundation only declares.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const createdAt = () => integer("created_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch() * 1000)`);

/** A Discord guild, Slack workspace or console session; id = `<platform>:<platform id>`. */
export const spaces = sqliteTable("spaces", {
  id: text("id").primaryKey(),
  platform: text("platform", { enum: ["discord", "slack", "console"] }).notNull(),
  name: text("name"),
  timezone: text("timezone").notNull().default("UTC"),
  createdAt: createdAt(),
});

export const members = sqliteTable("members", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  spaceId: text("space_id").notNull().references(() => spaces.id),
  platformUserId: text("platform_user_id").notNull(),
  displayName: text("display_name").notNull(),
  timezone: text("timezone"),
  createdAt: createdAt(),
}, (t) => [uniqueIndex("members_space_user").on(t.spaceId, t.platformUserId)]);

/** A channel's daily schedule: local time + IANA zone + weekdays, and the plan it follows. */
export const subscriptions = sqliteTable("subscriptions", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  spaceId: text("space_id").notNull().references(() => spaces.id),
  channelId: text("channel_id").notNull(),
  time: text("time").notNull(), // HH:MM, local
  timezone: text("timezone").notNull(),
  days: text("days").notNull(), // comma list of mon..sun
  planId: text("plan_id"),
  startDate: text("start_date").notNull(), // YYYY-MM-DD, local: plan day 1
  isPaused: integer("is_paused", { mode: "boolean" }).notNull().default(false),
  pausedReason: text("paused_reason"),
  createdBy: text("created_by").notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
}, (t) => [uniqueIndex("subscriptions_space_channel").on(t.spaceId, t.channelId)]);

/**
 * One row per (subscription, local date): the claim that makes a daily post exactly-once. The key is the business key, and the table is
 * WITHOUT ROWID (migration 0003; drizzle cannot declare it), so a claim writes one B-tree page
 * rather than the table, two indexes and AUTOINCREMENT's counter: the daily fan-out commits it per post.
 */
export const deliveries = sqliteTable("deliveries", {
  subscriptionId: integer("subscription_id").notNull().references(() => subscriptions.id, { onDelete: "cascade" }),
  localDate: text("local_date").notNull(),
  spaceId: text("space_id").notNull(),
  status: text("status", { enum: ["claimed", "posted", "missed", "failed"] }).notNull(),
  /** When the current claim was taken; a claim older than the lease may be taken over (crash). */
  claimedAt: integer("claimed_at", { mode: "timestamp_ms" }).notNull(),
  slotAt: integer("slot_at", { mode: "timestamp_ms" }).notNull(),
  messageRef: text("message_ref"),
  error: text("error"),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.subscriptionId, t.localDate] })]);

export const groups = sqliteTable("groups", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  spaceId: text("space_id").notNull().references(() => spaces.id),
  name: text("name").notNull(),
  planId: text("plan_id"),
  /** YYYY-MM-DD in the space's zone: day 1 of the group's plan. */
  planStartDate: text("plan_start_date"),
  createdBy: integer("created_by").notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex("groups_space_name").on(t.spaceId, t.name)]);

export const groupMembers = sqliteTable("group_members", {
  spaceId: text("space_id").notNull(),
  groupId: integer("group_id").notNull().references(() => groups.id, { onDelete: "cascade" }),
  memberId: integer("member_id").notNull().references(() => members.id),
  joinedAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.groupId, t.memberId] }), index("group_members_member").on(t.memberId)]);

/** A question put to a member; the answer (one per session) becomes an attempt. */
export const quizSessions = sqliteTable("quiz_sessions", {
  id: text("id").primaryKey(),
  spaceId: text("space_id").notNull(),
  memberId: integer("member_id").notNull().references(() => members.id),
  questionId: text("question_id").notNull(),
  channelId: text("channel_id").notNull(),
  kind: text("kind", { enum: ["quiz", "review"] }).notNull().default("quiz"),
  /** The FSRS card before this answer, so a recall rating can re-schedule from it. */
  cardBefore: text("card_before", { mode: "json" }),
  createdAt: createdAt(),
  answeredAt: integer("answered_at", { mode: "timestamp_ms" }),
}, (t) => [index("quiz_sessions_member").on(t.memberId, t.createdAt)]);

/**
 * "I covered this" on a missed key point of a graded free answer (issue 17): a member's word
 * against the grader's, kept for the question's authors. One per (answer, key point).
 */
export const gradeDisputes = sqliteTable("grade_disputes", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  spaceId: text("space_id").notNull(),
  memberId: integer("member_id").notNull().references(() => members.id),
  sessionId: text("session_id").notNull(),
  questionId: text("question_id").notNull(),
  /** Index into the question's key points, and the point's text when disputed (content changes). */
  keyPoint: integer("key_point").notNull(),
  point: text("point").notNull(),
  answer: text("answer").notNull(),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex("grade_disputes_session_point").on(t.sessionId, t.keyPoint),
  index("grade_disputes_question").on(t.questionId, t.keyPoint),
]);

export const attempts = sqliteTable("attempts", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  spaceId: text("space_id").notNull(),
  memberId: integer("member_id").notNull().references(() => members.id),
  sessionId: text("session_id").notNull(),
  questionId: text("question_id").notNull(),
  topic: text("topic").notNull(),
  level: integer("level").notNull(),
  format: text("format", { enum: ["mcq", "free", "drill"] }).notNull(),
  answer: text("answer").notNull(),
  score: real("score").notNull(), // 0..1
  isCorrect: integer("is_correct", { mode: "boolean" }).notNull(),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex("attempts_session").on(t.sessionId),
  index("attempts_member_created").on(t.memberId, t.createdAt),
]);

/** FSRS card state per (member, question). */
export const reviews = sqliteTable("reviews", {
  spaceId: text("space_id").notNull(),
  memberId: integer("member_id").notNull().references(() => members.id),
  questionId: text("question_id").notNull(),
  card: text("card", { mode: "json" }).notNull(),
  due: integer("due", { mode: "timestamp_ms" }).notNull(),
  stability: real("stability").notNull().default(0),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
}, (t) => [primaryKey({ columns: [t.memberId, t.questionId] }), index("reviews_member_due").on(t.memberId, t.due)]);

export const rounds = sqliteTable("rounds", {
  id: text("id").primaryKey(),
  spaceId: text("space_id").notNull(),
  channelId: text("channel_id").notNull(),
  questionId: text("question_id").notNull(),
  startedBy: integer("started_by").notNull(),
  closesAt: integer("closes_at", { mode: "timestamp_ms" }).notNull(),
  closedAt: integer("closed_at", { mode: "timestamp_ms" }),
  messageRef: text("message_ref"),
  createdAt: createdAt(),
}, (t) => [
  // One open round per channel, held by the database: two starts at the same moment cannot both win.
  uniqueIndex("rounds_open_in_channel").on(t.spaceId, t.channelId).where(sql`${t.closedAt} is null`),
]);

export const roundAnswers = sqliteTable("round_answers", {
  spaceId: text("space_id").notNull(),
  roundId: text("round_id").notNull().references(() => rounds.id, { onDelete: "cascade" }),
  memberId: integer("member_id").notNull().references(() => members.id),
  choice: integer("choice").notNull(),
  isCorrect: integer("is_correct", { mode: "boolean" }).notNull(),
  answeredAt: integer("answered_at", { mode: "timestamp_ms" }).notNull(),
}, (t) => [primaryKey({ columns: [t.roundId, t.memberId] })]);

export const mockSessions = sqliteTable("mock_sessions", {
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
  transcript: text("transcript", { mode: "json" }).notNull().default(sql`'[]'`),
  ratings: text("ratings", { mode: "json" }).notNull().default(sql`'{}'`),
  phaseStartedAt: integer("phase_started_at", { mode: "timestamp_ms" }).notNull(),
  startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
  endedAt: integer("ended_at", { mode: "timestamp_ms" }),
}, (t) => [index("mock_sessions_member").on(t.memberId, t.endedAt), index("mock_sessions_thread").on(t.spaceId, t.threadId)]);

/** The points ledger: one row per award; `ref` makes a double click count once. */
export const points = sqliteTable("points", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  spaceId: text("space_id").notNull(),
  memberId: integer("member_id").notNull().references(() => members.id),
  ref: text("ref").notNull(),
  points: integer("points").notNull(),
  reason: text("reason").notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex("points_space_ref").on(t.spaceId, t.ref), index("points_space_created").on(t.spaceId, t.createdAt)]);

export const streaks = sqliteTable("streaks", {
  memberId: integer("member_id").primaryKey().references(() => members.id),
  spaceId: text("space_id").notNull(),
  current: integer("current").notNull().default(0),
  best: integer("best").notNull().default(0),
  freezes: integer("freezes").notNull().default(0),
  lastDate: text("last_date"),
  remindersOn: integer("reminders_on", { mode: "boolean" }).notNull().default(true),
  /** Local date of the last at-risk reminder: at most one a day. */
  remindedOn: text("reminded_on"),
});

/** Members waiting for a peer mock; the row goes when they are matched or time out. */
export const pairQueue = sqliteTable("pair_queue", {
  memberId: integer("member_id").primaryKey().references(() => members.id),
  spaceId: text("space_id").notNull(),
  channelId: text("channel_id").notNull(),
  /** The member's level (1..3), so similar levels are matched first. */
  level: integer("level").notNull(),
  queuedAt: integer("queued_at", { mode: "timestamp_ms" }).notNull(),
}, (t) => [index("pair_queue_space").on(t.spaceId, t.queuedAt)]);

/**
 * Scheduled peer mocks: one row per member's booking; a match is two rows sharing `match_id`
 * (ports/bookings.ts). `no_show_at` records a member who never joined their matched mock.
 */
export const mockBookings = sqliteTable("mock_bookings", {
  id: text("id").primaryKey(),
  spaceId: text("space_id").notNull(),
  channelId: text("channel_id").notNull(),
  memberId: integer("member_id").notNull().references(() => members.id),
  level: integer("level").notNull(),
  startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  status: text("status", { enum: ["open", "matched", "cancelled", "expired"] }).notNull().default("open"),
  matchId: text("match_id"),
  partnerId: integer("partner_id").references(() => members.id),
  role: text("role", { enum: ["candidate", "interviewer"] }),
  matchAt: integer("match_at", { mode: "timestamp_ms" }),
  whiteboard: text("whiteboard"),
  mockId: text("mock_id"),
  remindedAt: integer("reminded_at", { mode: "timestamp_ms" }),
  joinedAt: integer("joined_at", { mode: "timestamp_ms" }),
  noShowAt: integer("no_show_at", { mode: "timestamp_ms" }),
  checkedAt: integer("checked_at", { mode: "timestamp_ms" }),
}, (t) => [
  index("mock_bookings_open").on(t.spaceId, t.status, t.startsAt),
  index("mock_bookings_member").on(t.memberId, t.status),
  index("mock_bookings_match").on(t.matchId),
]);

/** What one peer scored the other after a peer mock, per rubric criterion. */
export const peerScores = sqliteTable("peer_scores", {
  spaceId: text("space_id").notNull(),
  mockId: text("mock_id").notNull().references(() => mockSessions.id, { onDelete: "cascade" }),
  raterId: integer("rater_id").notNull().references(() => members.id),
  rateeId: integer("ratee_id").notNull().references(() => members.id),
  ratings: text("ratings", { mode: "json" }).notNull(),
  total: real("total").notNull(),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.mockId, t.raterId] }), index("peer_scores_ratee").on(t.rateeId)]);

/** Events already handled, keyed by the platform's interaction id, with the reply given. */
export const processedEvents = sqliteTable("processed_events", {
  spaceId: text("space_id").notNull(),
  key: text("key").notNull(),
  /** The platform user the reply went to, so `me delete` can erase it. */
  userId: text("user_id"),
  reply: text("reply", { mode: "json" }).notNull(),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.spaceId, t.key] }), index("processed_events_created").on(t.createdAt)]);

/**
 * Points per member, board and period, kept in step with the ledger in the same transaction, so
 * a board reads ten index entries instead of grouping the ledger (shared/perf-baselines.md §4).
 * board: "space", or "g<group id>" for a study group (points earned while a member of it).
 * period: "all", "m2026-11" (month), "w2026-11-23" (week starting that Monday), "d2026-11-25" (day),
 * in the space's time zone. The ledger stays the truth; the totals can be rebuilt from it.
 */
export const pointTotals = sqliteTable("point_totals", {
  spaceId: text("space_id").notNull(),
  board: text("board").notNull().default("space"),
  period: text("period").notNull(),
  memberId: integer("member_id").notNull().references(() => members.id),
  points: integer("points").notNull(),
}, (t) => [
  primaryKey({ columns: [t.spaceId, t.board, t.period, t.memberId] }),
  index("point_totals_board").on(t.spaceId, t.board, t.period, t.points),
]);

/**
 * "My rank" without walking the members above (issue 19): a count tree over point values per
 * board. Node keys are heap positions over the leaves 2^31 + points: the node at level l holding
 * value v is (2^31 + v) >> l and counts the members whose points lie in its 2^l-wide range. Only
 * odd positions are stored (a member is in the level-l node when bit l of their points is set):
 * those are exactly the nodes a rank query reads (rank-nodes.ts), so a member is in popcount(points)
 * rows. Kept by triggers on point_totals (migration 0008), so every path that changes a total (an
 * award, leaving a group, erasing a member) moves the counts in the same transaction.
 */
export const rankNodes = sqliteTable("rank_nodes", {
  spaceId: text("space_id").notNull(),
  board: text("board").notNull(),
  period: text("period").notNull(),
  node: integer("node").notNull(),
  members: integer("members").notNull(),
}, (t) => [primaryKey({ columns: [t.spaceId, t.board, t.period, t.node] })]);

/** The levels 0..30 of the rank tree, as rows for the triggers to join (a constant table: about 40% cheaper there than json_each). */
export const rankLevels = sqliteTable("rank_levels", { level: integer("level").primaryKey() });

/**
 * The study plan a member follows on their own (`/plan`), one at a time. Today's day number is
 * derived, never stored: days since start_date − paused days + skipped + 1 (services/member-plan.ts).
 */
export const memberPlans = sqliteTable("member_plans", {
  memberId: integer("member_id").primaryKey().references(() => members.id),
  spaceId: text("space_id").notNull(),
  planId: text("plan_id").notNull(),
  /** YYYY-MM-DD in the member's zone: day 1. */
  startDate: text("start_date").notNull(),
  /** Days skipped ahead with `/plan skip`. */
  skipped: integer("skipped").notNull().default(0),
  /** Local date the plan was paused on; null while it runs. */
  pausedOn: text("paused_on"),
  /** Days spent in earlier pauses (a running pause counts from paused_on); they hold the day number back. */
  pausedDays: integer("paused_days").notNull().default(0),
});

/**
 * A member's report of a question or drill (the Report button, issue 18): one per (space,
 * member, item, kind), so a double click records once; the note is optional and may come later.
 */
export const itemReports = sqliteTable("item_reports", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  spaceId: text("space_id").notNull(),
  memberId: integer("member_id").notNull().references(() => members.id),
  /** A question id (q-…) or drill id (d-…). */
  itemId: text("item_id").notNull(),
  kind: text("kind", { enum: ["wrong", "unclear", "too-easy", "too-hard", "typo"] }).notNull(),
  note: text("note"),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex("item_reports_member_item_kind").on(t.spaceId, t.memberId, t.itemId, t.kind),
  index("item_reports_space_created").on(t.spaceId, t.createdAt),
]);

/**
 * A space's role settings (issue 22): the role (Discord) or user group (Slack) its daily posts
 * mention. One row per space; no row, no mention.
 */
export const roleSettings = sqliteTable("role_settings", {
  spaceId: text("space_id").primaryKey().references(() => spaces.id),
  pingRoleId: text("ping_role_id"),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * A role granted at a streak length or a level reached; one reward per (space, role). `problem`
 * is the last reason a grant failed (the admin is told once, when it is first set).
 */
export const roleRewards = sqliteTable("role_rewards", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  spaceId: text("space_id").notNull().references(() => spaces.id),
  roleId: text("role_id").notNull(),
  kind: text("kind", { enum: ["streak", "level"] }).notNull(),
  threshold: integer("threshold").notNull(),
  removeOnBreak: integer("remove_on_break", { mode: "boolean" }).notNull().default(false),
  /** The admin's platform user id: told when a grant fails. */
  createdBy: text("created_by").notNull(),
  problem: text("problem"),
  createdAt: createdAt(),
}, (t) => [uniqueIndex("role_rewards_space_role").on(t.spaceId, t.roleId)]);

/** Reward roles the bot gave a member (and has not taken back): grants are made once. */
export const roleGrants = sqliteTable("role_grants", {
  memberId: integer("member_id").notNull().references(() => members.id),
  roleId: text("role_id").notNull(),
  spaceId: text("space_id").notNull(),
  grantedAt: integer("granted_at", { mode: "timestamp_ms" }).notNull(),
}, (t) => [primaryKey({ columns: [t.memberId, t.roleId] })]);

/**
 * A space's own question bank (issue 22): the file it came from and the built-in topics the
 * space switched off. `version` goes up on every change, so each process's cached curriculum
 * of the space knows when to rebuild.
 */
export const spaceBanks = sqliteTable("space_banks", {
  spaceId: text("space_id").primaryKey().references(() => spaces.id),
  /** The imported file's format and name, for export; null when no file is imported. */
  format: text("format", { enum: ["yaml", "csv"] }),
  fileName: text("file_name"),
  importedAt: integer("imported_at", { mode: "timestamp_ms" }),
  /** JSON array of built-in topic ids switched off here. */
  disabledTopics: text("disabled_topics").notNull().default("[]"),
  version: integer("version").notNull().default(0),
});

/** One validated item of a space's bank, in file order, with its line and the form export writes back. */
export const bankItems = sqliteTable("bank_items", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  spaceId: text("space_id").notNull().references(() => spaces.id),
  position: integer("position").notNull(),
  kind: text("kind", { enum: ["topic", "question", "drill", "problem"] }).notNull(),
  /** The file's own id; the space's curriculum namespaces it. */
  localId: text("local_id").notNull(),
  line: integer("line").notNull(),
  /** The item as the schema read it (JSON). */
  item: text("item").notNull(),
  /** The item as the file wrote it (JSON): a YAML item or a CSV row's cells. */
  raw: text("raw").notNull(),
}, (t) => [
  uniqueIndex("bank_items_space_kind_id").on(t.spaceId, t.kind, t.localId),
  index("bank_items_space_position").on(t.spaceId, t.position),
]);
