/**
 * Action ids carried by buttons and forms, encoded and decoded in one place. They stay under
 * Discord's 100-character custom_id limit and Slack's 255-character action_id limit.
 */
import { REPORT_KINDS, type ReportKind } from "./ports.js";
import { RECALL_RATINGS, type RecallRating } from "./services/spaced-repetition.js";

/** The ratings a `review.rate` button carries, for the views that offer them. */
export { RECALL_RATINGS };

export type ActionId = string & { readonly __brand: "ActionId" };

/** `quiz.next` with this in place of a topic serves the member's next due review card. */
export const REVIEW_TOPIC = "review";

export const MAX_ACTION_ID_LENGTH = 100;

export type Action =
  | { type: "quiz.answer"; sessionId: string; choice: number }
  | { type: "quiz.free"; sessionId: string }
  | { type: "quiz.next"; topic: string; level: number }
  | { type: "review.rate"; sessionId: string; rating: RecallRating }
  /** "I covered this" under a missed key point (by index) of a graded free answer. */
  | { type: "quiz.dispute"; sessionId: string; point: number }
  | { type: "drill.answer"; sessionId: string }
  | { type: "mock.next"; sessionId: string }
  | { type: "mock.end"; sessionId: string }
  /** A line said in the interview through its Answer form (where thread messages do not reach the bot). */
  | { type: "mock.say"; sessionId: string }
  | { type: "mock.rate"; sessionId: string; criterion: number; band: SelfBand }
  /** A peer mock's rating of the other side: `side` is who is rated (the interviewer rates the candidate and vice versa). */
  | { type: "mock.peer"; sessionId: string; side: PeerSide; criterion: number; band: SelfBand }
  | { type: "mock.swap"; sessionId: string }
  /** A solo mock offered to `memberId` when pairing timed out; the thread opens in the channel they queued in. */
  | { type: "mock.solo"; channelId: string; memberId: number }
  /** Cancels an open booking of a scheduled peer mock. */
  | { type: "mock.unbook"; bookingId: string }
  /** "I'm here" in a scheduled mock's thread: the member joined (no no-show). */
  | { type: "mock.here"; matchId: string }
  | { type: "round.answer"; roundId: string; choice: number }
  /** `me delete`'s Erase / Cancel buttons: whose data, and when it was asked (the button expires). */
  | { type: "me.delete"; memberId: number; issuedAt: number; confirm: boolean }
  /**
   * The Report button under a question or drill (`itemId`: its curriculum id, at most ~40
   * characters), the kind picked after it, and the optional note's form for that kind.
   */
  | { type: "report.open"; itemId: string }
  | { type: "report.kind"; itemId: string; kind: ReportKind }
  | { type: "report.note"; itemId: string; kind: ReportKind };

/** Self-rating bands of a mock's rubric (curriculum brief §6.4), worth 1, 0.6, 0.2 and 0. */
export const SELF_BANDS = ["strong", "adequate", "weak", "missing"] as const;
export type SelfBand = (typeof SELF_BANDS)[number];
export type PeerSide = "candidate" | "interviewer";

function partsOf(a: Action): Array<string | number> {
  switch (a.type) {
    case "quiz.answer": return [a.type, a.sessionId, a.choice];
    case "quiz.free": return [a.type, a.sessionId];
    case "quiz.next": return [a.type, a.topic || "any", a.level];
    case "review.rate": return [a.type, a.sessionId, a.rating];
    case "quiz.dispute": return [a.type, a.sessionId, a.point];
    case "drill.answer":
    case "mock.next":
    case "mock.end":
    case "mock.say": return [a.type, a.sessionId];
    case "mock.rate": return [a.type, a.sessionId, a.criterion, a.band];
    case "mock.peer": return [a.type, a.sessionId, a.side === "candidate" ? "c" : "i", a.criterion, a.band];
    case "mock.swap": return [a.type, a.sessionId];
    case "mock.solo": return [a.type, a.channelId, a.memberId];
    case "mock.unbook": return [a.type, a.bookingId];
    case "mock.here": return [a.type, a.matchId];
    case "round.answer": return [a.type, a.roundId, a.choice];
    case "me.delete": return [a.type, a.memberId, a.issuedAt.toString(36), a.confirm ? "yes" : "no"];
    case "report.open": return [a.type, a.itemId];
    case "report.kind":
    case "report.note": return [a.type, a.itemId, a.kind];
  }
}

export function encodeAction(a: Action): ActionId {
  const parts = partsOf(a);
  const id = parts.join(":");
  if (id.length > MAX_ACTION_ID_LENGTH) throw new RangeError(`action id over ${MAX_ACTION_ID_LENGTH} chars: ${id}`);
  return id as ActionId;
}

/** Parses an action id; undefined for anything we did not encode (stale or forged buttons). */
export function decodeAction(id: string): Action | undefined {
  const [type, a, b] = id.split(":");
  const n = Number(b);
  if (type === "quiz.answer" && a && Number.isInteger(n) && n >= 0) return { type, sessionId: a, choice: n };
  if (type === "quiz.free" && a) return { type, sessionId: a };
  if (type === "quiz.dispute" && a && Number.isInteger(n) && n >= 0) return { type, sessionId: a, point: n };
  if (type === "round.answer" && a && Number.isInteger(n) && n >= 0) return { type, roundId: a, choice: n };
  if (type === "quiz.next" && a && Number.isInteger(n)) return { type, topic: a === "any" ? "" : a, level: n };
  if (type === "review.rate" && a && RECALL_RATINGS.includes(b as RecallRating)) return { type, sessionId: a, rating: b as RecallRating };
  if ((type === "mock.next" || type === "mock.end" || type === "mock.say" || type === "drill.answer") && a) return { type, sessionId: a };
  const band = id.split(":")[3] as SelfBand;
  if (type === "mock.rate" && a && Number.isInteger(n) && n >= 0 && SELF_BANDS.includes(band)) return { type, sessionId: a, criterion: n, band };
  if (type === "mock.swap" && a) return { type, sessionId: a };
  if (type === "mock.solo" && a && Number.isInteger(n) && n > 0) return { type, channelId: a, memberId: n };
  if (type === "mock.unbook" && a) return { type, bookingId: a };
  if (type === "mock.here" && a) return { type, matchId: a };
  if (type === "mock.peer") return decodePeer(id);
  if (type === "me.delete") return decodeMeDelete(id);
  if (type === "report.open" && a) return { type, itemId: a };
  if ((type === "report.kind" || type === "report.note") && a && REPORT_KINDS.includes(b as ReportKind)) return { type, itemId: a, kind: b as ReportKind };
  return undefined;
}

function decodePeer(id: string): Action | undefined {
  const [, sessionId, side, criterion, band] = id.split(":");
  const n = Number(criterion);
  if (!sessionId || (side !== "c" && side !== "i") || !Number.isInteger(n) || n < 0 || !SELF_BANDS.includes(band as SelfBand)) return undefined;
  return { type: "mock.peer", sessionId, side: side === "c" ? "candidate" : "interviewer", criterion: n, band: band as SelfBand };
}

function decodeMeDelete(id: string): Action | undefined {
  const [, member, issued, answer] = id.split(":");
  const memberId = Number(member);
  const issuedAt = parseInt(issued ?? "", 36);
  if (!Number.isInteger(memberId) || memberId <= 0 || !Number.isFinite(issuedAt) || (answer !== "yes" && answer !== "no")) return undefined;
  return { type: "me.delete", memberId, issuedAt, confirm: answer === "yes" };
}

/** The name an action routes to: its type, e.g. "quiz.answer". */
export const actionName = (id: string) => id.split(":")[0] ?? "";
