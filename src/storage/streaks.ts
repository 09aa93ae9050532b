/** Streaks: one row per member (current, best, freezes, last counted local date, reminder state). */
import { and, asc, desc, eq, gt, sql, type Column, type SQL, type Table } from "drizzle-orm";
import type { Streak, StreakRepo } from "../bot/ports.js";
import type { Db } from "./db.js";
import { groupMembers, members, spaces, streaks } from "./schema.js";
import { statementsFor } from "./statements.js";

export const toStreak = (r: typeof streaks.$inferSelect): Streak => ({
  memberId: r.memberId, spaceId: r.spaceId, current: r.current, best: r.best, freezes: r.freezes,
  lastDate: r.lastDate, remindersOn: r.remindersOn, remindedOn: r.remindedOn,
});

/**
 * The rows of the `streak` board: the space's running streaks, only the group's members when a
 * group is named. Shared with pg/streaks.ts (each dialect passes its own tables).
 */
export function onStreakBoard(
  s: { memberId: Column; spaceId: Column; current: Column },
  gm: Table & { memberId: Column; groupId: Column },
  spaceId: string,
  groupId: number | undefined,
): SQL | undefined {
  const inGroup = groupId === undefined ? undefined : sql`${s.memberId} in (select ${gm.memberId} from ${gm} where ${gm.groupId} = ${groupId})`;
  return and(eq(s.spaceId, spaceId), gt(s.current, 0), inGroup);
}

export function createStreakRepo(db: Db): StreakRepo {
  const st = statementsFor(db);
  // Read once an hour by the sweep; its hour and date checks need each member's zone, so they run in JS.
  // Keyset pages on the primary key: each page is one index range, however far the sweep has got.
  const withZones = (where: SQL | undefined, limit: number) =>
    db.select({ s: streaks, platformUserId: members.platformUserId, timezone: sql<string>`coalesce(${members.timezone}, ${spaces.timezone})` })
      .from(streaks).innerJoin(members, eq(members.id, streaks.memberId)).innerJoin(spaces, eq(spaces.id, streaks.spaceId))
      .where(where).orderBy(asc(streaks.memberId)).limit(limit).all()
      .map((r) => ({ ...toStreak(r.s), platformUserId: r.platformUserId, timezone: r.timezone }));
  return {
    async get(memberId) {
      const row = st.streakGet.get({ memberId });
      return row && toStreak(row);
    },
    async save(s) {
      st.streakUpsert.run({ ...s });
    },
    async longest(spaceId, limit, groupId) {
      return db.select({ memberId: streaks.memberId, name: members.displayName, current: streaks.current, best: streaks.best })
        .from(streaks).innerJoin(members, eq(members.id, streaks.memberId))
        .where(onStreakBoard(streaks, groupMembers, spaceId, groupId))
        .orderBy(desc(streaks.current), members.displayName, streaks.memberId).limit(limit).all();
    },
    async running(afterMemberId, limit) {
      return withZones(and(gt(streaks.current, 0), gt(streaks.memberId, afterMemberId)), limit);
    },
    async setReminded(memberId, localDate) {
      db.update(streaks).set({ remindedOn: localDate }).where(eq(streaks.memberId, memberId)).run();
    },
  };
}
