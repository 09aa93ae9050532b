/** Daily streaks. */

export interface Streak {
  memberId: number; spaceId: string; current: number; best: number; freezes: number;
  /** Local date (YYYY-MM-DD) of the last day that counted. */
  lastDate: string | null; remindersOn: boolean; remindedOn: string | null;
}

export interface StreakRow { memberId: number; name: string; current: number; best: number }

export interface StreakRepo {
  get(memberId: number): Promise<Streak | undefined>;
  save(streak: Streak): Promise<void>;
  /** Longest current streaks in a space (or a group), longest first; ties by name (as `BoardRow`), then member id. */
  longest(spaceId: string, limit: number, groupId?: number): Promise<StreakRow[]>;
  /**
   * Running streaks (current > 0) with their member's user id and zone (own, else the space's), in
   * member id order, ids above `afterMemberId`, at most `limit`: a keyset page. The hourly sweep
   * ends the broken ones (so boards stay true) and reminds those at risk with reminders on.
   */
  running(afterMemberId: number, limit: number): Promise<Array<Streak & { platformUserId: string; timezone: string }>>;
  setReminded(memberId: number, localDate: string): Promise<void>;
}
