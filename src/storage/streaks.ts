/** Streaks: one row per member (current, best, freezes, last counted local date, reminder state). */
import { and, desc, eq, gt, sql, type SQL } from "drizzle-orm";
import type { Streak, StreakRepo } from "../bot/ports.js";
import type { Db } from "./db.js";
import { groupMembers, members, spaces, streaks } from "./schema.js";

const toStreak = (r: typeof streaks.$inferSelect): Streak => ({
  memberId: r.memberId, spaceId: r.spaceId, current: r.current, best: r.best, freezes: r.freezes,
  lastDate: r.lastDate, remindersOn: r.remindersOn, remindedOn: r.remindedOn,
});

export function createStreakRepo(db: Db): StreakRepo {
  // Read once an hour by the sweep; its hour and date checks need each member's zone, so they run in JS.
  const withZones = (where: SQL | undefined) =>
    db.select({ s: streaks, platformUserId: members.platformUserId, timezone: sql<string>`coalesce(${members.timezone}, ${spaces.timezone})` })
      .from(streaks).innerJoin(members, eq(members.id, streaks.memberId)).innerJoin(spaces, eq(spaces.id, streaks.spaceId))
      .where(where).all()
      .map((r) => ({ ...toStreak(r.s), platformUserId: r.platformUserId, timezone: r.timezone }));
  return {
    async get(memberId) {
      const row = db.select().from(streaks).where(eq(streaks.memberId, memberId)).get();
      return row && toStreak(row);
    },
    async save(s) {
      const { memberId, ...rest } = s;
      db.insert(streaks).values(s).onConflictDoUpdate({ target: streaks.memberId, set: rest }).run();
    },
    async longest(spaceId, limit, groupId) {
      const inGroup = groupId === undefined ? undefined
        : sql`${streaks.memberId} in (select ${groupMembers.memberId} from ${groupMembers} where ${groupMembers.groupId} = ${groupId})`;
      return db.select({ memberId: streaks.memberId, name: members.displayName, current: streaks.current, best: streaks.best })
        .from(streaks).innerJoin(members, eq(members.id, streaks.memberId))
        .where(and(eq(streaks.spaceId, spaceId), gt(streaks.current, 0), inGroup))
        .orderBy(desc(streaks.current), members.displayName).limit(limit).all();
    },
    async atRisk() {
      return withZones(and(eq(streaks.remindersOn, true), gt(streaks.current, 0)));
    },
    async running() {
      return withZones(gt(streaks.current, 0));
    },
    async setReminded(memberId, localDate) {
      db.update(streaks).set({ remindedOn: localDate }).where(eq(streaks.memberId, memberId)).run();
    },
  };
}
