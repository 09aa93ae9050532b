/** Study groups. */

/** How group names compare, in every GroupRepo: "Evening Crew" and "evening crew" are one group. */
export const sameGroupName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

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
