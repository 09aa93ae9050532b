/** Mock interviews, solo and peer. */

export interface TranscriptLine { at: string; phase: number; who: "candidate" | "interviewer" | "bot"; text: string }

export interface MockSession {
  id: string; spaceId: string; memberId: number; problemId: string; framework: string;
  channelId: string; threadId: string | null; phase: number; minutes: number;
  phaseStartedAt: Date; startedAt: Date; endedAt: Date | null;
  transcript: TranscriptLine[];
  /** Self-ratings per rubric criterion id (0..1), filled in at the end. */
  ratings: Record<string, number>;
  /** A peer mock's interviewer (`memberId` is then the candidate); null for a solo mock. */
  partnerId: number | null;
}

export interface MockRepo {
  create(s: MockSession): Promise<void>;
  get(spaceId: string, id: string): Promise<MockSession | undefined>;
  /**
   * The member's interview still running, if any: as the candidate or as a peer mock's interviewer.
   * Should there be two, the latest `startedAt` (same start: the greater id).
   */
  activeFor(memberId: number): Promise<MockSession | undefined>;
  /** The running interview in a thread, if any. */
  activeInThread(spaceId: string, threadId: string): Promise<MockSession | undefined>;
  update(id: string, changes: Partial<Pick<MockSession, "phase" | "phaseStartedAt" | "endedAt" | "transcript" | "ratings" | "threadId">>): Promise<void>;
  /** Finished interviews, latest `endedAt` first (same end: the greater id), for stats: as the candidate or as a peer mock's interviewer. */
  history(memberId: number, limit: number): Promise<MockSession[]>;
  /**
   * Marks a phase timer's notice as posted (a "bot" transcript line `timer:<key>`), atomically:
   * false when it already was, so a timer job that runs twice posts once.
   */
  claimNudge(id: string, key: string, at: Date): Promise<boolean>;
  /** Takes the mark back after a failed post, so the job's retry may post. */
  releaseNudge(id: string, key: string): Promise<void>;
  /** Every interview not ended yet, in any space, oldest `startedAt` first (then by id), for the sweep of phase timers. */
  running(): Promise<MockSession[]>;
}
