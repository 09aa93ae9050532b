/**
 * The small interfaces the core needs from the outside world. Storage and jobs implement them;
 * `src/main.ts` wires them; tests use the in-memory twins in `tests/fakes/`.
 */
import type { z } from "zod";
import type { Platform } from "./event.js";
import type { Reply } from "./reply.js";
import type { StoredCard } from "./services/spaced-repetition.js";

export interface Space { id: string; platform: Platform; name: string | null; timezone: string }
export interface Member { id: number; spaceId: string; platformUserId: string; displayName: string; timezone: string | null }

export interface SpaceRepo {
  ensure(space: { id: string; platform: Platform; name?: string }, defaultTimezone: string): Promise<Space>;
  /** A space already seen (jobs have only its id: the weekly digest needs its zone). */
  get(id: string): Promise<Space | undefined>;
  /** The space's own zone (`/config tz`): boards' weeks, streak days and the times the bot shows. */
  setTimezone(id: string, timezone: string): Promise<Space | undefined>;
}

export interface MemberRepo {
  ensure(spaceId: string, user: { id: string; name: string }): Promise<Member>;
  /** The member if they have a profile; never creates one (`me export` after an erase). */
  find(spaceId: string, platformUserId: string): Promise<Member | undefined>;
  get(memberId: number): Promise<Member | undefined>;
  /** The member's own time zone (null: use the space's); streak days follow it. */
  setTimezone(memberId: number, timezone: string | null): Promise<void>;
}

export interface QuizSession {
  id: string; spaceId: string; memberId: number; questionId: string; channelId: string;
  kind: "quiz" | "review"; createdAt: Date; answeredAt: Date | null;
  /** The member's card for this question before the answer (null: first time). */
  cardBefore: StoredCard | null;
}

/** A member's FSRS card for one question. */
export interface ReviewCard { questionId: string; card: StoredCard; due: Date; stability: number }

export interface ReviewRepo {
  get(memberId: number, questionId: string): Promise<ReviewCard | undefined>;
  save(spaceId: string, memberId: number, card: ReviewCard, at: Date): Promise<void>;
  /** Cards due at `now`, most overdue first. */
  due(memberId: number, now: Date, limit: number): Promise<ReviewCard[]>;
  /** The soonest card not yet due, and how many cards the member holds. */
  upcoming(memberId: number, now: Date): Promise<{ next: Date | undefined; total: number }>;
  /** Members ranked by how many cards they hold at or above a stability (days): knowledge kept. */
  retentionTop(spaceId: string, minStability: number, limit: number): Promise<BoardRow[]>;
  retentionOf(spaceId: string, memberId: number, minStability: number): Promise<BoardRow | undefined>;
}

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

export interface BoardRow { memberId: number; name: string; points: number; rank: number }

export interface PointsRepo {
  /** Points a member has in a period ("d2026-11-25", "w…", "m…", "all"). */
  earned(spaceId: string, memberId: number, period: string): Promise<number>;
  /** A standalone award (rounds, drills); false when its reference was already awarded. */
  award(spaceId: string, memberId: number, award: AwardInput, at: Date): Promise<boolean>;
  /** The top of a board with standard competition ranks (1, 2, 2, 4); a group narrows it. */
  top(spaceId: string, period: string, limit: number, groupId?: number): Promise<BoardRow[]>;
  /** A member's points and rank on a board; undefined when they have none there. */
  standing(spaceId: string, period: string, memberId: number, groupId?: number): Promise<BoardRow | undefined>;
}

export interface TopicLevelStats { topic: string; level: number; attempts: number; correct: number; averageScore: number }

export interface QuizRepo {
  open(session: Omit<QuizSession, "answeredAt">): Promise<void>;
  /** The member's latest answers, newest first. */
  recentAttempts(memberId: number, limit: number): Promise<RecentAttempt[]>;
  get(spaceId: string, id: string): Promise<QuizSession | undefined>;
  /** Stores the attempt and marks the session answered in one transaction; false if already answered. */
  recordAnswer(attempt: AttemptInput): Promise<boolean>;
  /** Question ids the member was asked since `since`, each with when it was last asked. */
  askedSince(memberId: number, since: Date): Promise<ReadonlyMap<string, Date>>;
  stats(memberId: number): Promise<TopicLevelStats[]>;
  /** Answers since `since`, bucketed by local week × topic and by local day in `timezone` (the /stats chart). */
  progressSince(memberId: number, since: Date, timezone: string): Promise<ProgressSeries>;
  /** Records "I covered this" on a missed key point, with the session's stored answer; false if already disputed. */
  dispute(d: DisputeInput): Promise<boolean>;
  /** Every dispute, for the question authors (`npm run grader:disputes`). */
  disputes(): Promise<Dispute[]>;
}

/** A member's dispute of one missed key point of a graded free answer (issue 17). */
export interface DisputeInput {
  spaceId: string; memberId: number; sessionId: string; questionId: string;
  keyPoint: number; point: string; at: Date;
}
export interface Dispute extends DisputeInput { answer: string }

/** A member's answers per (local week, topic) and per local day; weeks start on Monday (YYYY-MM-DD). */
export interface ProgressSeries {
  weeks: Array<{ week: string; topic: string; attempts: number; correct: number }>;
  days: Array<{ day: string; answers: number }>;
}

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Subscription {
  id: number; spaceId: string; channelId: string;
  time: string; timezone: string; days: Weekday[]; planId: string | null; startDate: string;
  isPaused: boolean; pausedReason: string | null; createdBy: string; updatedAt: Date;
}

export type SubscriptionInput = Omit<Subscription, "id" | "isPaused" | "pausedReason">;

export interface SubscriptionRepo {
  get(spaceId: string, channelId: string): Promise<Subscription | undefined>;
  byId(id: number): Promise<Subscription | undefined>;
  /** Every subscription, paused ones included (reconciling removes their schedulers). */
  all(): Promise<Subscription[]>;
  upsert(sub: SubscriptionInput): Promise<Subscription>;
  setPaused(id: number, isPaused: boolean, reason: string | null, at: Date): Promise<Subscription>;
}

/** Remembers the reply given to each event key, so a redelivered event is answered, not redone. */
export interface EventLog {
  find(spaceId: string, key: string): Promise<Reply | undefined>;
  /** Saves unless the key is already there; returns the reply that is stored. `userId`: whose reply (for `me delete`). */
  save(spaceId: string, key: string, reply: Reply, userId?: string): Promise<Reply>;
  /**
   * Removes records saved before `at`; returns how many. A platform redelivers an event within
   * minutes (Slack's retries, a Discord interaction's 15-minute token), so old ones serve nothing
   * and only hold replies (files included).
   */
  pruneBefore(at: Date): Promise<number>;
}

export interface Clock { now(): Date }
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** A short unique id (sessions, error references). */
  id(): string;
}

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Where a proactive post goes. */
export interface PostTarget { spaceId: string; channelId: string; threadId?: string; userId?: string }
/** A platform message reference, stored so later jobs can edit or thread under it. */
export interface MessageRef { channelId: string; messageId: string; threadId?: string }

/** How jobs post without an incoming event (daily task, round results, reminders). */
export interface ThreadRef { channelId: string; threadId: string; messageId: string }

export interface Outbox {
  /**
   * Starts a thread with `first` as its opening message (Discord thread, Slack thread_ts, a
   * marked section on the console). Optional: a platform without threads posts in the channel.
   */
  openThread?(target: PostTarget, name: string, first: Reply): Promise<ThreadRef>;
  /**
   * Posts a reply. `idempotencyKey` lets platforms that support it (Discord's enforced nonce)
   * drop a repeat of the same post. Throws RateLimitedError or PermanentDeliveryError (errors.ts)
   * so the jobs layer can wait or give up; anything else is retried with backoff.
   */
  post(target: PostTarget, reply: Reply, opts?: { idempotencyKey?: string }): Promise<MessageRef>;
  /**
   * Takes the buttons of `actions` off the messages of a thread that carry them (a finished mock's
   * Next phase / End): nobody should be offered what no longer works. Optional: where buttons
   * are answered privately and stay harmless, a platform may leave them.
   */
  retire?(thread: PostTarget & { threadId: string }, actions: readonly string[]): Promise<void>;
}

/**
 * "streak-reminders" is a sweep (an hourly scheduler) that finds members at their evening hour;
 * "pair-timeout" tells a member still unmatched in the peer-mock queue.
 */
export type TimerKind = "round-close" | "mock-nudge" | "streak-reminders" | "streak-reminder" | "weekly-digest" | "pair-timeout" | "event-retention";

/** The scheduling side of the core; the jobs layer implements it, or it is off. */
export interface Scheduler {
  readonly isEnabled: boolean;
  subscriptionChanged(sub: Subscription): Promise<void>;
  /** A one-off timer with a deterministic id (kind + key): scheduling it again keeps one. */
  scheduleTimer?(kind: TimerKind, key: string, runAt: Date, payload: Record<string, string | number>): Promise<string>;
  cancelTimer?(kind: TimerKind, key: string): Promise<boolean>;
}

export interface TranscriptLine { at: string; phase: number; who: "candidate" | "interviewer" | "bot"; text: string }

export interface MockSession {
  id: string; spaceId: string; memberId: number; problemId: string; framework: string;
  channelId: string; threadId: string | null; phase: number; minutes: number;
  phaseStartedAt: Date; startedAt: Date; endedAt: Date | null;
  transcript: TranscriptLine[];
  /** Self-ratings per rubric criterion id (0..1), filled in at the end. */
  ratings: Record<string, number>;
  /** A peer mock's interviewer (`memberId` is then the candidate); null for a solo mock. */
  partnerId: number | null;
}

export interface MockRepo {
  create(s: MockSession): Promise<void>;
  get(spaceId: string, id: string): Promise<MockSession | undefined>;
  /** The member's interview still running, if any: as the candidate or as a peer mock's interviewer. */
  activeFor(memberId: number): Promise<MockSession | undefined>;
  /** The running interview in a thread, if any. */
  activeInThread(spaceId: string, threadId: string): Promise<MockSession | undefined>;
  update(id: string, changes: Partial<Pick<MockSession, "phase" | "phaseStartedAt" | "endedAt" | "transcript" | "ratings" | "threadId">>): Promise<void>;
  /** Finished interviews, newest first, for stats: as the candidate or as a peer mock's interviewer. */
  history(memberId: number, limit: number): Promise<MockSession[]>;
  /**
   * Marks a phase timer's notice as posted (a "bot" transcript line `timer:<key>`), atomically:
   * false when it already was, so a timer job that runs twice posts once.
   */
  claimNudge(id: string, key: string, at: Date): Promise<boolean>;
  /** Takes the mark back after a failed post, so the job's retry may post. */
  releaseNudge(id: string, key: string): Promise<void>;
  /** Every interview not ended yet, in any space, for the sweep of phase timers. */
  running(): Promise<MockSession[]>;
}

export type ClaimResult = { status: "claimed" } | { status: "done" } | { status: "busy" };

/** A daily post's key: one subscription's post on one local date. */
export interface DeliverySlot { subscriptionId: number; localDate: string }
/** A slot as one string, for sets of slots (`DeliveryRepo.recordedAmong`). */
export const deliverySlotKey = (s: DeliverySlot) => `${s.subscriptionId}|${s.localDate}`;

/** The exactly-once record of daily posts: one row per (subscription, local date). */
export interface DeliveryRepo {
  /**
   * Claims the day's post. "claimed": this caller posts. "done": it was posted, missed or failed
   * already. "busy": another worker holds a claim younger than `leaseMs` (retry later).
   */
  claim(input: { spaceId: string; subscriptionId: number; localDate: string; slotAt: Date; at: Date; leaseMs: number }): Promise<ClaimResult>;
  /** Gives a claim back after a failed post, so the retry may claim at once. */
  release(slot: DeliverySlot): Promise<void>;
  markPosted(slot: DeliverySlot, messageRef: string): Promise<void>;
  markFailed(slot: DeliverySlot, error: string): Promise<void>;
  recordMissed(input: { spaceId: string; subscriptionId: number; localDate: string; slotAt: Date; at: Date }): Promise<void>;
  /** Which of these slots have a row already (as `deliverySlotKey`s), for a boot's catch-up. */
  recordedAmong(slots: readonly DeliverySlot[]): Promise<ReadonlySet<string>>;
}

/** What the dispatcher reports after each event, for metrics. */
export interface Telemetry {
  handled(e: { name: string; kind: string; outcome: "ok" | "user_error" | "internal_error" | "duplicate"; seconds: number }): void;
}

// ---- Community (issue 9): study groups, streaks, rounds, the member's own data ----

export interface Group {
  id: number; spaceId: string; name: string; planId: string | null; planStartDate: string | null;
  createdBy: number; memberCount: number;
}

export interface GroupRepo {
  /** undefined when the space already has a group of that name (names compare case-insensitively). */
  create(spaceId: string, name: string, createdBy: number, at: Date): Promise<Group | undefined>;
  byName(spaceId: string, name: string): Promise<Group | undefined>;
  byId(spaceId: string, id: number): Promise<Group | undefined>;
  list(spaceId: string): Promise<Group[]>;
  ofMember(memberId: number): Promise<Group[]>;
  memberIds(groupId: number): Promise<number[]>;
  /** false when already a member. */
  join(spaceId: string, groupId: number, memberId: number, at: Date): Promise<boolean>;
  /** false when not a member. Takes the member's totals off the group's board (it ranks members only). */
  leave(groupId: number, memberId: number): Promise<boolean>;
  setPlan(groupId: number, planId: string | null, startDate: string | null): Promise<void>;
}

export interface Streak {
  memberId: number; spaceId: string; current: number; best: number; freezes: number;
  /** Local date (YYYY-MM-DD) of the last day that counted. */
  lastDate: string | null; remindersOn: boolean; remindedOn: string | null;
}

export interface StreakRow { memberId: number; name: string; current: number; best: number }

export interface StreakRepo {
  get(memberId: number): Promise<Streak | undefined>;
  save(streak: Streak): Promise<void>;
  /** Longest current streaks in a space (or a group), longest first. */
  longest(spaceId: string, limit: number, groupId?: number): Promise<StreakRow[]>;
  /**
   * Every running streak with its member's user id and zone (own, else the space's): the hourly
   * sweep ends the broken ones (so boards stay true) and reminds those at risk with reminders on.
   */
  /** Running streaks (current > 0) with member ids above `afterMemberId`, in id order, at most `limit`: a keyset page. */
  running(afterMemberId: number, limit: number): Promise<Array<Streak & { platformUserId: string; timezone: string }>>;
  setReminded(memberId: number, localDate: string): Promise<void>;
}

export interface Round {
  id: string; spaceId: string; channelId: string; questionId: string; startedBy: number;
  createdAt: Date; closesAt: Date; closedAt: Date | null;
  /** "results:<channel>:<message>" once the results are posted (services/round.ts): a retried close posts only while unset. */
  messageRef: string | null;
}

export interface RoundAnswer { memberId: number; name: string; choice: number; isCorrect: boolean; answeredAt: Date }

export interface RoundRepo {
  /** False when the channel has an open round already (one at a time, even for two starts at once). */
  create(round: Omit<Round, "closedAt" | "messageRef">): Promise<boolean>;
  get(spaceId: string, id: string): Promise<Round | undefined>;
  /** The open round in a channel, if any (one at a time per channel). */
  openIn(spaceId: string, channelId: string): Promise<Round | undefined>;
  /** The first answer counts: false when the member already answered. */
  answer(spaceId: string, roundId: string, a: Omit<RoundAnswer, "name">): Promise<boolean>;
  answers(roundId: string): Promise<RoundAnswer[]>;
  /** Marks it closed; false when it already was (a closing job that runs twice does nothing). */
  close(roundId: string, at: Date): Promise<boolean>;
  setMessageRef(roundId: string, ref: string): Promise<void>;
  /** Every round not closed yet, in any space: the sweep closes those past due (services/overdue.ts). */
  unclosed(): Promise<Round[]>;
}

/** Everything stored about one member, and erasing it (`me export`, `me delete`). */
export interface MemberDataRepo {
  /** Every table's rows that belong to the member, by table name. */
  export(member: Member): Promise<Record<string, unknown[]>>;
  /** Erases the member's rows in every table (boards included) in one transaction; rows touched per table. */
  erase(member: Member): Promise<Record<string, number>>;
}

// ---- Peer mocks (issue 8) ----

export interface PairTicket { memberId: number; spaceId: string; channelId: string; level: number; queuedAt: Date }

export interface PairRepo {
  /** false when the member is already waiting. */
  enqueue(t: PairTicket): Promise<boolean>;
  waiting(spaceId: string): Promise<PairTicket[]>;
  /** Everyone waiting, in any space, for the sweep of pairing timeouts. */
  allWaiting(): Promise<PairTicket[]>;
  /** Takes a member out of the queue; false when they were not in it (already matched or timed out). */
  remove(memberId: number): Promise<boolean>;
  /** The member's partner in their most recent peer mock, if any. */
  lastPartner(memberId: number): Promise<number | undefined>;
  /**
   * One row per rater per mock: saving again replaces the rater's row (ratings are given one
   * criterion at a time, and a changed mind counts). true when the row is new.
   */
  saveScore(s: { spaceId: string; mockId: string; raterId: number; rateeId: number; ratings: Record<string, number>; total: number; at: Date }): Promise<boolean>;
  scoresFor(mockId: string): Promise<Array<{ raterId: number; rateeId: number; ratings: Record<string, number>; total: number }>>;
}

// ---- A member's own study plan (`/plan`) ----

/** The plan a member follows on their own; today's day number is derived (services/member-plan.ts). */
export interface MemberPlan {
  memberId: number; spaceId: string; planId: string;
  /** Local date (YYYY-MM-DD, the member's zone) of day 1. */
  startDate: string;
  /** Days skipped ahead. */
  skipped: number;
  /** Local date the plan was paused on; null while it runs. */
  pausedOn: string | null;
  /** Days spent in earlier pauses; a running pause counts from `pausedOn`. */
  pausedDays: number;
}

export interface MemberPlanRepo {
  get(memberId: number): Promise<MemberPlan | undefined>;
  /** Inserts or replaces the member's plan (one per member). */
  save(plan: MemberPlan): Promise<void>;
  /** false when the member followed no plan. */
  clear(memberId: number): Promise<boolean>;
}

// ---- Reported questions and drills (issue 18) ----

/** What a member may say is wrong with a question or drill. */
export const REPORT_KINDS = ["wrong", "unclear", "too-easy", "too-hard", "typo"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** One member's report of one item (a question or drill id) as one kind; `note` is optional. */
export interface ItemReport { spaceId: string; memberId: number; itemId: string; kind: ReportKind; note: string | null; at: Date }

export interface ReportRepo {
  /**
   * Records a report: one per (member, item, kind), so a double click records once. A `note`
   * given replaces the report's note (the form after the kind buttons). true when the report is new.
   */
  record(r: Omit<ItemReport, "note"> & { note?: string }): Promise<boolean>;
  /** A space's reports, newest first (`config reports`). */
  inSpace(spaceId: string, limit: number): Promise<ItemReport[]>;
  /** Every space's reports, newest first, for the authors (`npm run content:reports`). */
  all(): Promise<ItemReport[]>;
}

// ---- Model-assisted coaching (issue 20): optional, the offline answers are the floor ----

/** What a model call is for (metrics label; the prompts live in services/model-*.ts). */
export type ModelTask = "grade" | "fact" | "probe" | "narrate";

/** Why the core got no usable model answer and used its offline one. */
export type ModelFailure = "capped" | "timeout" | "rate_limited" | "server_error" | "invalid" | "rejected";

/**
 * One question to the model. `system` is ours (trusted); `user` carries the material, with any
 * member text delimited inside it as data. The answer must parse with `schema`.
 */
export interface ModelRequest<T> {
  task: ModelTask;
  /** Whose call: the daily cap counts per member, and `me delete` forgets what was kept for them. */
  memberId: number;
  system: string;
  user: string;
  schema: z.ZodType<T>;
  /** The JSON schema name sent with structured output. */
  name: string;
  /** Same key, same answer: a valid answer is served again without a call (question id + normalised answer). */
  cacheKey?: string;
}

export type ModelResult<T> = { ok: true; value: T; cached: boolean } | { ok: false; reason: ModelFailure };

/**
 * A chat-completions model (src/llm/ implements it over any OpenAI-compatible server). It never
 * throws: a slow, failing, capped or invalid answer is a `ModelResult` with `ok: false`.
 */
export interface ModelPort {
  ask<T>(req: ModelRequest<T>): Promise<ModelResult<T>>;
  /** The core used its offline answer instead of the model's (metrics). */
  fellBack(task: ModelTask, reason: ModelFailure): void;
  /** What is held in memory for a member (`me export`): cached verdicts they asked for, calls today. */
  heldFor(memberId: number): Array<Record<string, unknown>>;
  /** Forgets the member's cached verdicts and call count (`me delete`). */
  forget(memberId: number): void;
}

// ---- Charts ----

/**
 * A chart to draw: an ECharts option that is plain data (no functions), since it crosses to a
 * worker thread by structured clone, and the image's size in pixels.
 */
export interface ChartRequest { option: Readonly<Record<string, unknown>>; width: number; height: number }

/** Draws charts off the event loop (a worker pool in production); rejects when a drawing fails. */
export interface ChartRenderer {
  /** The chart as PNG bytes. */
  png(req: ChartRequest): Promise<Uint8Array>;
}
