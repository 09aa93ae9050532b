/** Streaks: one row per member (current, best, freezes, last counted local date, reminder state). */
import { and, asc, desc, eq, gt, sql, type SQL } from "drizzle-orm";
import type { Streak, StreakRepo } from "../bot/ports.js";
import type { Db } from "./db.js";
import { groupMembers, members, spaces, streaks } from "./schema.js";

const toStreak = (r: typeof streaks.$inferSelect): Streak => ({
  memberId: r.memberId, spaceId: r.spaceId, current: r.current, best: r.best, freezes: r.freezes,
  lastDate: r.lastDate, remindersOn: r.remindersOn, remindedOn: r.remindedOn,
});

export function createStreakRepo(db: Db): StreakRepo {
  // Read and written on every answer: prepared once, not rebuilt per call.
  const getOne = db.select().from(streaks).where(eq(streaks.memberId, sql.placeholder("memberId"))).prepare();
  const upsert = db.insert(streaks).values({
    memberId: sql.placeholder("memberId"), spaceId: sql.placeholder("spaceId"), current: sql.placeholder("current"),
    best: sql.placeholder("best"), freezes: sql.placeholder("freezes"), lastDate: sql.placeholder("lastDate"),
    remindersOn: sql.placeholder("remindersOn"), remindedOn: sql.placeholder("remindedOn"),
  }).onConflictDoUpdate({
    target: streaks.memberId,
    set: {
      current: sql`excluded.current`, best: sql`excluded.best`, freezes: sql`excluded.freezes`, lastDate: sql`excluded.last_date`,
      remindersOn: sql`excluded.reminders_on`, remindedOn: sql`excluded.reminded_on`,
    },
  }).prepare();
  // Read once an hour by the sweep; its hour and date checks need each member's zone, so they run in JS.
  // Keyset pages on the primary key: each page is one index range, however far the sweep has got.
  const withZones = (where: SQL | undefined, limit: number) =>
    db.select({ s: streaks, platformUserId: members.platformUserId, timezone: sql<string>`coalesce(${members.timezone}, ${spaces.timezone})` })
      .from(streaks).innerJoin(members, eq(members.id, streaks.memberId)).innerJoin(spaces, eq(spaces.id, streaks.spaceId))
      .where(where).orderBy(asc(streaks.memberId)).limit(limit).all()
      .map((r) => ({ ...toStreak(r.s), platformUserId: r.platformUserId, timezone: r.timezone }));
  return {
    async get(memberId) {
      const row = getOne.get({ memberId });
      return row && toStreak(row);
    },
    async save(s) {
      upsert.run({ ...s });
    },
    async longest(spaceId, limit, groupId) {
      const inGroup = groupId === undefined ? undefined
        : sql`${streaks.memberId} in (select ${groupMembers.memberId} from ${groupMembers} where ${groupMembers.groupId} = ${groupId})`;
      return db.select({ memberId: streaks.memberId, name: members.displayName, current: streaks.current, best: streaks.best })
        .from(streaks).innerJoin(members, eq(members.id, streaks.memberId))
        .where(and(eq(streaks.spaceId, spaceId), gt(streaks.current, 0), inGroup))
        .orderBy(desc(streaks.current), members.displayName).limit(limit).all();
    },
    async running(afterMemberId, limit) {
      return withZones(and(gt(streaks.current, 0), gt(streaks.memberId, afterMemberId)), limit);
    },
    async setReminded(memberId, localDate) {
      db.update(streaks).set({ remindedOn: localDate }).where(eq(streaks.memberId, memberId)).run();
    },
  };
}
