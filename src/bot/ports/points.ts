/** The points ledger and its boards. */
import type { AwardInput } from "./activities.js";

/**
 * A row of a board (points, retention). Boards list ties by name in code-point order (SQL's
 * binary collation: "Zed" before "ana"; PostgreSQL needs `COLLATE "C"`), then by member id.
 */
export interface BoardRow { memberId: number; name: string; points: number; rank: number }

export interface PointsRepo {
  /** Points a member has in a period ("d2026-11-25", "w…", "m…", "all"). */
  earned(spaceId: string, memberId: number, period: string): Promise<number>;
  /** A standalone award (rounds, drills); false when its reference was already awarded. */
  award(spaceId: string, memberId: number, award: AwardInput, at: Date): Promise<boolean>;
  /** The top of a board with standard competition ranks (1, 2, 2, 4); ties listed by name, then member id; a group narrows it. */
  top(spaceId: string, period: string, limit: number, groupId?: number): Promise<BoardRow[]>;
  /** A member's points and rank on a board; undefined when they have none there. */
  standing(spaceId: string, period: string, memberId: number, groupId?: number): Promise<BoardRow | undefined>;
}
