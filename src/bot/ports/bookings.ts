/**
 * Scheduled peer mocks (`/mock pair <when>`): one row per member's booking. A match is two
 * bookings sharing a `matchId`, each naming the other member as `partnerId`; what happens to the
 * match (reminded, the mock it opened, who joined, who did not show) is kept on both rows.
 */

export type BookingStatus = "open" | "matched" | "cancelled" | "expired";
export type BookingRole = "candidate" | "interviewer";

export interface Booking {
  id: string; spaceId: string; channelId: string; memberId: number;
  /** The member's pairing level when they booked (1..3). */
  level: number;
  /** The start the member asked for. */
  startsAt: Date; createdAt: Date; status: BookingStatus;
  matchId: string | null; partnerId: number | null; role: BookingRole | null;
  /** The match's agreed start (the later of the two asked-for starts). */
  matchAt: Date | null;
  /** The match's shared whiteboard room (in the .ics and the mock's opening). */
  whiteboard: string | null;
  /** The peer mock opened at the reminder. */
  mockId: string | null;
  remindedAt: Date | null;
  /** When the member pressed "I'm here" in the mock's thread. */
  joinedAt: Date | null;
  /** Recorded at the no-show check when the member never joined. */
  noShowAt: Date | null;
  /** When the no-show check ran (on both rows of a match). */
  checkedAt: Date | null;
}

export type NewBooking = Pick<Booking, "id" | "spaceId" | "channelId" | "memberId" | "level" | "startsAt" | "createdAt">;

export interface BookingRepo {
  create(b: NewBooking): Promise<void>;
  get(id: string): Promise<Booking | undefined>;
  /** Open bookings in a space, earliest start first. */
  open(spaceId: string): Promise<Booking[]>;
  /** A member's open and matched bookings whose no-show check has not run, earliest first. */
  upcoming(memberId: number): Promise<Booking[]>;
  /** open → cancelled, only the member's own; false when it was not open. */
  cancel(id: string, memberId: number): Promise<boolean>;
  /** open → expired; false when it was not open (matched or cancelled meanwhile). */
  expire(id: string): Promise<boolean>;
  /**
   * Both bookings open → matched, in one transaction (the claim: of two members racing for one
   * booking only one wins); false, and nothing changed, when either is no longer open.
   */
  match(m: { matchId: string; matchAt: Date; whiteboard: string; candidate: string; interviewer: string }): Promise<boolean>;
  /** The two rows of a match (candidate first). */
  ofMatch(matchId: string): Promise<Booking[]>;
  setMock(matchId: string, mockId: string): Promise<void>;
  markReminded(matchId: string, at: Date): Promise<void>;
  /** Sets the member's joinedAt if unset; false when they had joined already or are not in the match. */
  markJoined(matchId: string, memberId: number, at: Date): Promise<boolean>;
  /** Records the check and the no-shows; false (nothing written) when the check already ran. */
  settle(matchId: string, noShows: readonly number[], at: Date): Promise<boolean>;
  /** What timers are pending for, in any space: open bookings and matches not yet checked. */
  pending(): Promise<Booking[]>;
  /** How many scheduled mocks the member did not show up for. */
  noShowCount(memberId: number): Promise<number>;
}
