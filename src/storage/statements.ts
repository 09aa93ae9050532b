/**
 * The hot statements, prepared once per database. Drizzle's builder costs 25–50 µs per call to
 * build its SQL; prepared with placeholders it runs at raw better-sqlite3 speed
 * (shared/perf-baselines.md §5). Cold paths keep the builder.
 */
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "./db.js";
import { attempts, deliveries, groupMembers, members, pointTotals, points, processedEvents, quizSessions, rankNodes, reviews, roundAnswers, spaces, streaks, subscriptions } from "./schema.js";

const p = <N extends string>(name: N) => sql.placeholder(name);

function build(db: Db) {
  return {
    spaceInsert: db.insert(spaces).values({ id: p("id"), platform: p("platform"), name: p("name"), timezone: p("timezone") })
      .onConflictDoNothing().prepare(),
    spaceGet: db.select().from(spaces).where(eq(spaces.id, p("id"))).prepare(),
    memberUpsert: db.insert(members).values({ spaceId: p("spaceId"), platformUserId: p("userId"), displayName: p("name") })
      .onConflictDoUpdate({ target: [members.spaceId, members.platformUserId], set: { displayName: sql`excluded.display_name` } })
      .returning().prepare(),
    sessionInsert: db.insert(quizSessions).values({
      id: p("id"), spaceId: p("spaceId"), memberId: p("memberId"), questionId: p("questionId"), channelId: p("channelId"),
      kind: p("kind"), cardBefore: p("cardBefore"), createdAt: p("createdAt"),
    }).prepare(),
    sessionGet: db.select().from(quizSessions).where(and(eq(quizSessions.spaceId, p("spaceId")), eq(quizSessions.id, p("id")))).prepare(),
    // Placeholders in update().set() skip drizzle's column mapping: pass epoch milliseconds.
    sessionClaim: db.update(quizSessions).set({ answeredAt: sql`${p("atMs")}` })
      .where(and(eq(quizSessions.id, p("id")), isNull(quizSessions.answeredAt))).prepare(),
    attemptInsert: db.insert(attempts).values({
      spaceId: p("spaceId"), memberId: p("memberId"), sessionId: p("sessionId"), questionId: p("questionId"), topic: p("topic"),
      level: p("level"), format: p("format"), answer: p("answer"), score: p("score"), isCorrect: p("isCorrect"), createdAt: p("at"),
    }).prepare(),
    reviewUpsert: db.insert(reviews).values({
      spaceId: p("spaceId"), memberId: p("memberId"), questionId: p("questionId"), card: p("card"), due: p("due"),
      stability: p("stability"), updatedAt: p("at"),
    }).onConflictDoUpdate({
      target: [reviews.memberId, reviews.questionId],
      set: { card: sql`excluded.card`, due: sql`excluded.due`, stability: sql`excluded.stability`, updatedAt: sql`excluded.updated_at` },
    }).prepare(),
    reviewGet: db.select().from(reviews).where(and(eq(reviews.memberId, p("memberId")), eq(reviews.questionId, p("questionId")))).prepare(),
    pointInsert: db.insert(points).values({
      spaceId: p("spaceId"), memberId: p("memberId"), ref: p("ref"), points: p("points"), reason: p("reason"), createdAt: p("at"),
    }).onConflictDoNothing().returning({ id: points.id }).prepare(),
    pointByRef: db.select({ points: points.points }).from(points).where(and(eq(points.spaceId, p("spaceId")), eq(points.ref, p("ref")))).prepare(),
    totalUpsert: db.insert(pointTotals).values({ spaceId: p("spaceId"), board: p("board"), period: p("period"), memberId: p("memberId"), points: p("points") })
      .onConflictDoUpdate({
        target: [pointTotals.spaceId, pointTotals.board, pointTotals.period, pointTotals.memberId],
        set: { points: sql`${pointTotals.points} + excluded.points` },
      }).prepare(),
    groupsOfMember: db.select({ groupId: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.memberId, p("memberId"))).prepare(),
    totalGet: db.select({ points: pointTotals.points, name: members.displayName }).from(pointTotals)
      .innerJoin(members, eq(members.id, pointTotals.memberId))
      .where(and(eq(pointTotals.spaceId, p("spaceId")), eq(pointTotals.board, p("board")), eq(pointTotals.period, p("period")), eq(pointTotals.memberId, p("memberId")))).prepare(),
    boardTop: db.select({ memberId: pointTotals.memberId, name: members.displayName, points: pointTotals.points })
      .from(pointTotals).innerJoin(members, eq(members.id, pointTotals.memberId))
      .where(and(eq(pointTotals.spaceId, p("spaceId")), eq(pointTotals.board, p("board")), eq(pointTotals.period, p("period")), gt(pointTotals.points, 0)))
      .orderBy(desc(pointTotals.points), members.displayName, pointTotals.memberId).limit(p("limit")).prepare(),
    // `nodes` is a JSON array of heap positions (rank-nodes.ts): at most 31 primary-key lookups.
    boardAbove: db.select({ n: sql<number>`coalesce(sum(${rankNodes.members}), 0)` }).from(rankNodes)
      .where(and(eq(rankNodes.spaceId, p("spaceId")), eq(rankNodes.board, p("board")), eq(rankNodes.period, p("period")),
        sql`${rankNodes.node} in (select value from json_each(${p("nodes")}))`)).prepare(),
    eventGet: db.select({ reply: processedEvents.reply }).from(processedEvents)
      .where(and(eq(processedEvents.spaceId, p("spaceId")), eq(processedEvents.key, p("key")))).prepare(),
    eventInsert: db.insert(processedEvents).values({ spaceId: p("spaceId"), key: p("key"), userId: p("userId"), reply: p("reply") }).onConflictDoNothing().prepare(),
    // Read and written on every scored activity (activities.ts), and by the streak repo.
    streakGet: db.select().from(streaks).where(eq(streaks.memberId, p("memberId"))).prepare(),
    streakUpsert: db.insert(streaks).values({
      memberId: p("memberId"), spaceId: p("spaceId"), current: p("current"), best: p("best"), freezes: p("freezes"),
      lastDate: p("lastDate"), remindersOn: p("remindersOn"), remindedOn: p("remindedOn"),
    }).onConflictDoUpdate({
      target: streaks.memberId,
      set: {
        current: sql`excluded.current`, best: sql`excluded.best`, freezes: sql`excluded.freezes`, lastDate: sql`excluded.last_date`,
        remindersOn: sql`excluded.reminders_on`, remindedOn: sql`excluded.reminded_on`,
      },
    }).prepare(),
    roundAnswerInsert: db.insert(roundAnswers).values({
      spaceId: p("spaceId"), roundId: p("roundId"), memberId: p("memberId"), choice: p("choice"), isCorrect: p("isCorrect"), answeredAt: p("answeredAt"),
    }).onConflictDoNothing().prepare(),
    subscriptionById: db.select().from(subscriptions).where(eq(subscriptions.id, p("id"))).prepare(),
    deliveryClaim: db.insert(deliveries).values({
      spaceId: p("spaceId"), subscriptionId: p("subscriptionId"), localDate: p("localDate"), slotAt: p("slotAt"), status: "claimed", claimedAt: p("at"),
    }).onConflictDoNothing().prepare(),
    deliveryPosted: db.update(deliveries).set({ status: "posted", messageRef: sql`${p("messageRef")}`, error: null })
      .where(and(eq(deliveries.subscriptionId, p("subscriptionId")), eq(deliveries.localDate, p("localDate")))).prepare(),
    deliveryExists: db.select({ status: deliveries.status }).from(deliveries)
      .where(and(eq(deliveries.subscriptionId, p("subscriptionId")), eq(deliveries.localDate, p("localDate")))).prepare(),
  };
}

export type Statements = ReturnType<typeof build>;
const cache = new WeakMap<Db, Statements>();

export function statementsFor(db: Db): Statements {
  let s = cache.get(db);
  if (!s) {
    s = build(db);
    cache.set(db, s);
  }
  return s;
}
