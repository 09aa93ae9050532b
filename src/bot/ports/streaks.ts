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
  /** Longest current streaks in a space (or a group), longest first. */
  longest(spaceId: string, limit: number, groupId?: number): Promise<StreakRow[]>;
  /**
   * Every running streak with its member's user id and zone (own, else the space's): the hourly
   * sweep ends the broken ones (so boards stay true) and reminds those at risk with reminders on.
   */
  /** Running streaks (current > 0) with member ids above `afterMemberId`, in id order, at most `limit`: a keyset page. */
  running(afterMemberId: number, limit: number): Promise<Array<Streak & { platformUserId: string; timezone: string }>>;
  setReminded(memberId: number, localDate: string): Promise<void>;
}
