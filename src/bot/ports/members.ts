/** Spaces (a Discord server, a Slack workspace, the console) and their members. */
import type { Platform } from "../event.js";

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

/** Everything stored about one member, and erasing it (`me export`, `me delete`). */
export interface MemberDataRepo {
  /** Every table's rows that belong to the member, by table name. */
  export(member: Member): Promise<Record<string, unknown[]>>;
  /** Erases the member's rows in every table (boards included) in one transaction; rows touched per table. */
  erase(member: Member): Promise<Record<string, number>>;
}
