import { eq } from "drizzle-orm";
import type { Member, MemberRepo, Space, SpaceRepo } from "../bot/ports.js";
import type { Db } from "./db.js";
import { members, spaces } from "./schema.js";

export function createSpaceRepo(db: Db): SpaceRepo {
  return {
    async ensure(space, defaultTimezone): Promise<Space> {
      db.insert(spaces)
        .values({ id: space.id, platform: space.platform, name: space.name ?? null, timezone: defaultTimezone })
        .onConflictDoNothing().run();
      const row = db.select().from(spaces).where(eq(spaces.id, space.id)).get()!;
      return { id: row.id, platform: row.platform, name: row.name, timezone: row.timezone };
    },
  };
}

export function createMemberRepo(db: Db): MemberRepo {
  return {
    async ensure(spaceId, user): Promise<Member> {
      const row = db.insert(members)
        .values({ spaceId, platformUserId: user.id, displayName: user.name })
        .onConflictDoUpdate({ target: [members.spaceId, members.platformUserId], set: { displayName: user.name } })
        .returning().get();
      return {
        id: row.id, spaceId: row.spaceId, platformUserId: row.platformUserId, displayName: row.displayName, timezone: row.timezone,
      };
    },
  };
}
