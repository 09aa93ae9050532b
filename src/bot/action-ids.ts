/**
 * Action ids carried by buttons and forms, encoded and decoded in one place. They stay under
 * Discord's 100-character custom_id limit and Slack's 255-character action_id limit.
 */
import { RECALL_RATINGS, type RecallRating } from "./services/spaced-repetition.js";

export type ActionId = string & { readonly __brand: "ActionId" };

export const MAX_ACTION_ID_LENGTH = 100;

export type Action =
  | { type: "quiz.answer"; sessionId: string; choice: number }
  | { type: "quiz.free"; sessionId: string }
  | { type: "quiz.next"; topic: string; level: number }
  | { type: "review.rate"; sessionId: string; rating: RecallRating }
  | { type: "drill.answer"; sessionId: string }
  | { type: "mock.next"; sessionId: string }
  | { type: "mock.end"; sessionId: string }
  | { type: "mock.rate"; sessionId: string; criterion: number; band: SelfBand };

/** Self-rating bands of a mock's rubric (curriculum brief §6.4), worth 1, 0.6, 0.2 and 0. */
export const SELF_BANDS = ["strong", "adequate", "weak", "missing"] as const;
export type SelfBand = (typeof SELF_BANDS)[number];

function partsOf(a: Action): Array<string | number> {
  switch (a.type) {
    case "quiz.answer": return [a.type, a.sessionId, a.choice];
    case "quiz.free": return [a.type, a.sessionId];
    case "quiz.next": return [a.type, a.topic || "any", a.level];
    case "review.rate": return [a.type, a.sessionId, a.rating];
    case "drill.answer":
    case "mock.next":
    case "mock.end": return [a.type, a.sessionId];
    case "mock.rate": return [a.type, a.sessionId, a.criterion, a.band];
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
  if (type === "quiz.next" && a && Number.isInteger(n)) return { type, topic: a === "any" ? "" : a, level: n };
  if (type === "review.rate" && a && RECALL_RATINGS.includes(b as RecallRating)) return { type, sessionId: a, rating: b as RecallRating };
  if ((type === "mock.next" || type === "mock.end" || type === "drill.answer") && a) return { type, sessionId: a };
  const band = id.split(":")[3] as SelfBand;
  if (type === "mock.rate" && a && Number.isInteger(n) && n >= 0 && SELF_BANDS.includes(band)) return { type, sessionId: a, criterion: n, band };
  return undefined;
}

/** The name an action routes to: its type, e.g. "quiz.answer". */
export const actionName = (id: string) => id.split(":")[0] ?? "";
