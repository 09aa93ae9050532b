import { and, eq } from "drizzle-orm";
import type { Member, MemberRepo, Space, SpaceRepo } from "../bot/ports.js";
import type { Db } from "./db.js";
import { members, spaces } from "./schema.js";
import { statementsFor } from "./statements.js";

/** Every event ensures its space and member, so both are remembered once seen (a few KB each). */
const CACHE_LIMIT = 50_000;

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as K);
  cache.set(key, value);
  return value;
}

export function createSpaceRepo(db: Db): SpaceRepo {
  const st = statementsFor(db);
  const cache = new Map<string, Space>();
  return {
    async ensure(space, defaultTimezone): Promise<Space> {
      const known = cache.get(space.id);
      if (known) return known;
      st.spaceInsert.run({ id: space.id, platform: space.platform, name: space.name ?? null, timezone: defaultTimezone });
      const row = st.spaceGet.get({ id: space.id })!;
      return remember(cache, space.id, { id: row.id, platform: row.platform, name: row.name, timezone: row.timezone });
    },
    async get(id) {
      const row = st.spaceGet.get({ id });
      return row && { id: row.id, platform: row.platform, name: row.name, timezone: row.timezone };
    },
    async setTimezone(id, timezone) {
      const row = db.update(spaces).set({ timezone }).where(eq(spaces.id, id)).returning().get();
      cache.delete(id);
      return row && { id: row.id, platform: row.platform, name: row.name, timezone: row.timezone };
    },
  };
}

/** Members by "space|platform user id". createRepos shares it with the member-data repo, whose erase drops the entry. */
export type MemberCache = Map<string, Member>;
export const memberCacheKey = (spaceId: string, platformUserId: string) => `${spaceId}|${platformUserId}`;

export function createMemberRepo(db: Db, cache: MemberCache = new Map()): MemberRepo {
  const st = statementsFor(db);
  return {
    async ensure(spaceId, user): Promise<Member> {
      const key = memberCacheKey(spaceId, user.id);
      const known = cache.get(key);
      if (known && known.displayName === user.name) return known;
      const row = st.memberUpsert.get({ spaceId, userId: user.id, name: user.name })!;
      return remember(cache, key, toMember(row));
    },
    async find(spaceId, platformUserId) {
      const row = db.select().from(members).where(and(eq(members.spaceId, spaceId), eq(members.platformUserId, platformUserId))).get();
      return row && toMember(row);
    },
    async get(memberId) {
      const row = db.select().from(members).where(eq(members.id, memberId)).get();
      return row && toMember(row);
    },
    async setTimezone(memberId, timezone) {
      const row = db.update(members).set({ timezone }).where(eq(members.id, memberId)).returning().get();
      if (row) cache.delete(memberCacheKey(row.spaceId, row.platformUserId));
    },
  };
}

const toMember = (row: typeof members.$inferSelect): Member => ({
  id: row.id, spaceId: row.spaceId, platformUserId: row.platformUserId, displayName: row.displayName, timezone: row.timezone,
});
