/** A known set of answers around a local midnight and a week boundary in Asia/Kolkata (UTC+05:30), and its buckets. */
export const KOLKATA_ANSWERS: Array<[string, string, boolean]> = [
  ["2026-11-10T10:00:00Z", "caching", true], // Tue 10 Nov, 15:30
  ["2026-11-22T18:29:59Z", "caching", true], // Sun 22 Nov, 23:59:59 — still the week of 16 Nov
  ["2026-11-22T18:30:00Z", "caching", false], // Mon 23 Nov, 00:00 — a new day and week (in UTC, still Sunday)
  ["2026-11-23T05:00:00Z", "sharding", true],
  ["2026-11-23T06:00:00Z", "sharding", true],
];

export const KOLKATA_SERIES = {
  weeks: [
    { week: "2026-11-09", topic: "caching", attempts: 1, correct: 1 },
    { week: "2026-11-16", topic: "caching", attempts: 1, correct: 1 },
    { week: "2026-11-23", topic: "caching", attempts: 1, correct: 0 },
    { week: "2026-11-23", topic: "sharding", attempts: 2, correct: 2 },
  ],
  days: [{ day: "2026-11-10", answers: 1 }, { day: "2026-11-22", answers: 1 }, { day: "2026-11-23", answers: 3 }],
};
