/** Reported questions and drills. */

/** What a member may say is wrong with a question or drill. */
export const REPORT_KINDS = ["wrong", "unclear", "too-easy", "too-hard", "typo"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** One member's report of one item (a question or drill id) as one kind; `note` is optional. */
export interface ItemReport { spaceId: string; memberId: number; itemId: string; kind: ReportKind; note: string | null; at: Date }

export interface ReportRepo {
  /**
   * Records a report: one per (member, item, kind), so a double click records once. A `note`
   * given replaces the report's note (the form after the kind buttons). true when the report is new.
   */
  record(r: Omit<ItemReport, "note"> & { note?: string }): Promise<boolean>;
  /** A space's reports, newest first (`config reports`). */
  inSpace(spaceId: string, limit: number): Promise<ItemReport[]>;
  /** Every space's reports, newest first, for the authors (`npm run content:reports`). */
  all(): Promise<ItemReport[]>;
}
