/** Timed quiz rounds in a channel. */

export interface Round {
  id: string; spaceId: string; channelId: string; questionId: string; startedBy: number;
  createdAt: Date; closesAt: Date; closedAt: Date | null;
  /** "results:<channel>:<message>" once the results are posted (services/round.ts): a retried close posts only while unset. */
  messageRef: string | null;
}

export interface RoundAnswer { memberId: number; name: string; choice: number; isCorrect: boolean; answeredAt: Date }

export interface RoundRepo {
  /** False when the channel has an open round already (one at a time, even for two starts at once). */
  create(round: Omit<Round, "closedAt" | "messageRef">): Promise<boolean>;
  get(spaceId: string, id: string): Promise<Round | undefined>;
  /** The open round in a channel, if any (one at a time per channel). */
  openIn(spaceId: string, channelId: string): Promise<Round | undefined>;
  /** The first answer counts: false when the member already answered. */
  answer(spaceId: string, roundId: string, a: Omit<RoundAnswer, "name">): Promise<boolean>;
  /** In answer time order; answers in the same millisecond by member id (their order ranks the winners). */
  answers(roundId: string): Promise<RoundAnswer[]>;
  /** Marks it closed; false when it already was (a closing job that runs twice does nothing). */
  close(roundId: string, at: Date): Promise<boolean>;
  setMessageRef(roundId: string, ref: string): Promise<void>;
  /** Every round not closed yet, in any space, soonest `closesAt` first (then by id): the sweep closes those past due (services/overdue.ts). */
  unclosed(): Promise<Round[]>;
}
