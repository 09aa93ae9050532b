/** Spaces and members on PostgreSQL (../spaces.ts is the SQLite twin, with the same caches). */
import { and, eq, sql } from "drizzle-orm";
import type { Member, MemberRepo, Space, SpaceRepo } from "../../bot/ports.js";
import { memberCacheKey, type MemberCache } from "../spaces.js";
import type { PgDb } from "./db.js";
import { members, spaces } from "./schema.js";

const CACHE_LIMIT = 50_000;

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as K);
  cache.set(key, value);
  return value;
}

const toSpace = (row: typeof spaces.$inferSelect): Space => ({ id: row.id, platform: row.platform, name: row.name, timezone: row.timezone });
const toMember = (row: typeof members.$inferSelect): Member => ({
  id: row.id, spaceId: row.spaceId, platformUserId: row.platformUserId, displayName: row.displayName, timezone: row.timezone,
});

export function createPgSpaceRepo(db: PgDb): SpaceRepo {
  const cache = new Map<string, Space>();
  return {
    async ensure(space, defaultTimezone) {
      const known = cache.get(space.id);
      if (known) return known;
      await db.insert(spaces).values({ id: space.id, platform: space.platform, name: space.name ?? null, timezone: defaultTimezone }).onConflictDoNothing();
      const [row] = await db.select().from(spaces).where(eq(spaces.id, space.id));
      return remember(cache, space.id, toSpace(row!));
    },
    async get(id) {
      const [row] = await db.select().from(spaces).where(eq(spaces.id, id));
      return row && toSpace(row);
    },
    async setTimezone(id, timezone) {
      // Another process may have cached the old zone: it keeps it until restarted (as on SQLite with two processes).
      const [row] = await db.update(spaces).set({ timezone }).where(eq(spaces.id, id)).returning();
      cache.delete(id);
      return row && toSpace(row);
    },
  };
}

export function createPgMemberRepo(db: PgDb, cache: MemberCache = new Map()): MemberRepo {
  return {
    async ensure(spaceId, user) {
      const key = memberCacheKey(spaceId, user.id);
      const known = cache.get(key);
      if (known && known.displayName === user.name) return known;
      const [row] = await db.insert(members).values({ spaceId, platformUserId: user.id, displayName: user.name })
        .onConflictDoUpdate({ target: [members.spaceId, members.platformUserId], set: { displayName: sql`excluded.display_name` } })
        .returning();
      return remember(cache, key, toMember(row!));
    },
    async find(spaceId, platformUserId) {
      const [row] = await db.select().from(members).where(and(eq(members.spaceId, spaceId), eq(members.platformUserId, platformUserId)));
      return row && toMember(row);
    },
    async get(memberId) {
      const [row] = await db.select().from(members).where(eq(members.id, memberId));
      return row && toMember(row);
    },
    async setTimezone(memberId, timezone) {
      const [row] = await db.update(members).set({ timezone }).where(eq(members.id, memberId)).returning();
      if (row) cache.delete(memberCacheKey(row.spaceId, row.platformUserId));
    },
  };
}
