/** The peer-mock queue and peer scores. */

export interface PairTicket { memberId: number; spaceId: string; channelId: string; level: number; queuedAt: Date }

export interface PairRepo {
  /** false when the member is already waiting. */
  enqueue(t: PairTicket): Promise<boolean>;
  waiting(spaceId: string): Promise<PairTicket[]>;
  /** Everyone waiting, in any space, for the sweep of pairing timeouts. */
  allWaiting(): Promise<PairTicket[]>;
  /** Takes a member out of the queue; false when they were not in it (already matched or timed out). */
  remove(memberId: number): Promise<boolean>;
  /** The member's partner in their most recent peer mock (latest `startedAt`; same start: the greater mock id), if any. */
  lastPartner(memberId: number): Promise<number | undefined>;
  /**
   * One row per rater per mock: saving again replaces the rater's row (ratings are given one
   * criterion at a time, and a changed mind counts). true when the row is new.
   */
  saveScore(s: { spaceId: string; mockId: string; raterId: number; rateeId: number; ratings: Record<string, number>; total: number; at: Date }): Promise<boolean>;
  /** A mock's scores, by rater id. */
  scoresFor(mockId: string): Promise<Array<{ raterId: number; rateeId: number; ratings: Record<string, number>; total: number }>>;
}
