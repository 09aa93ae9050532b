/** Streaks on PostgreSQL (../streaks.ts is the SQLite twin). */
import { and, asc, desc, eq, gt, sql, type SQL } from "drizzle-orm";
import type { Streak, StreakRepo } from "../../bot/ports.js";
import { onStreakBoard } from "../streaks.js";
import type { PgDb } from "./db.js";
import { groupMembers, members, spaces, streaks } from "./schema.js";
import { byName, type Q } from "./tx.js";

export const toStreak = (r: typeof streaks.$inferSelect): Streak => ({
  memberId: r.memberId, spaceId: r.spaceId, current: r.current, best: r.best, freezes: r.freezes,
  lastDate: r.lastDate, remindersOn: r.remindersOn, remindedOn: r.remindedOn,
});

export async function getStreak(q: Q, memberId: number): Promise<Streak | undefined> {
  const [row] = await q.select().from(streaks).where(eq(streaks.memberId, memberId));
  return row && toStreak(row);
}

export async function saveStreak(q: Q, s: Streak): Promise<void> {
  const { memberId, spaceId, current, best, freezes, lastDate, remindersOn, remindedOn } = s;
  await q.insert(streaks).values({ memberId, spaceId, current, best, freezes, lastDate, remindersOn, remindedOn })
    .onConflictDoUpdate({
      target: streaks.memberId,
      set: {
        current: sql`excluded.current`, best: sql`excluded.best`, freezes: sql`excluded.freezes`, lastDate: sql`excluded.last_date`,
        remindersOn: sql`excluded.reminders_on`, remindedOn: sql`excluded.reminded_on`,
      },
    });
}

export function createPgStreakRepo(db: PgDb): StreakRepo {
  const withZones = async (where: SQL | undefined, limit: number) => {
    const rows = await db.select({ s: streaks, platformUserId: members.platformUserId, timezone: sql<string>`coalesce(${members.timezone}, ${spaces.timezone})` })
      .from(streaks).innerJoin(members, eq(members.id, streaks.memberId)).innerJoin(spaces, eq(spaces.id, streaks.spaceId))
      .where(where).orderBy(asc(streaks.memberId)).limit(limit);
    return rows.map((r) => ({ ...toStreak(r.s), platformUserId: r.platformUserId, timezone: r.timezone }));
  };
  return {
    get: (memberId) => getStreak(db, memberId),
    save: (s) => saveStreak(db, s),
    async longest(spaceId, limit, groupId) {
      return db.select({ memberId: streaks.memberId, name: members.displayName, current: streaks.current, best: streaks.best })
        .from(streaks).innerJoin(members, eq(members.id, streaks.memberId))
        .where(onStreakBoard(streaks, groupMembers, spaceId, groupId))
        .orderBy(desc(streaks.current), byName(members.displayName), asc(streaks.memberId)).limit(limit);
    },
    running: (afterMemberId, limit) => withZones(and(gt(streaks.current, 0), gt(streaks.memberId, afterMemberId)), limit),
    async setReminded(memberId, localDate) {
      await db.update(streaks).set({ remindedOn: localDate }).where(eq(streaks.memberId, memberId));
    },
  };
}
