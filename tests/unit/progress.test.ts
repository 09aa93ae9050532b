import { describe, expect, it } from "vitest";
import { levelIn, weakTopics } from "../../src/bot/services/progress.js";
import { ratingForScore, schedule } from "../../src/bot/services/spaced-repetition.js";
import type { RecentAttempt } from "../../src/bot/ports.js";

const at = new Date("2026-11-23T09:00:00Z");
const attempts = (topic: string, level: number, scores: number[]): RecentAttempt[] =>
  scores.map((score, i) => ({ questionId: `q-${topic}-${level}-${i}`, topic, level, score, at }));

describe("levels unlock on a sustained score", () => {
  it("starts at level 1", () => expect(levelIn([], "caching")).toBe(1));
  it("needs at least 4 answers averaging 70% over the last 8", () => {
    expect(levelIn(attempts("caching", 1, [1, 1, 1]), "caching")).toBe(1);
    expect(levelIn(attempts("caching", 1, [1, 1, 1, 0.5]), "caching")).toBe(2);
    expect(levelIn(attempts("caching", 1, [1, 0, 1, 0, 1, 0, 1, 0]), "caching")).toBe(1);
  });
  it("only the last 8 count (attempts are newest first)", () => {
    expect(levelIn(attempts("caching", 1, [1, 1, 1, 1, 1, 1, 0.5, 0.5, 0, 0, 0, 0]), "caching")).toBe(2);
  });
  it("level 3 needs level 2 sustained as well", () => {
    const r = [...attempts("caching", 1, [1, 1, 1, 1]), ...attempts("caching", 2, [0.8, 0.9, 0.7, 0.75])];
    expect(levelIn(r, "caching")).toBe(3);
    expect(levelIn(r, "sharding")).toBe(1);
  });
  it("names weak topics, weakest first", () => {
    const r = [...attempts("caching", 1, [0.2, 0.3, 0.1]), ...attempts("sharding", 1, [0.5, 0.5, 0.5]), ...attempts("cdn-edge", 1, [1, 1, 1])];
    expect(weakTopics(r)).toEqual(["caching", "sharding"]);
  });
});

describe("FSRS scheduling", () => {
  it("spaces good answers further apart and brings a lapse back soon", () => {
    const first = schedule(undefined, "good", at);
    const second = schedule(first.card, "good", first.due);
    const lapse = schedule(second.card, "again", second.due);
    const gap = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 86_400_000;
    expect(gap(at, first.due)).toBeGreaterThanOrEqual(1);
    expect(gap(first.due, second.due)).toBeGreaterThan(gap(at, first.due));
    expect(gap(second.due, lapse.due)).toBeLessThan(gap(first.due, second.due));
    expect(schedule(undefined, "easy", at).due.getTime()).toBeGreaterThan(first.due.getTime());
  });
  it("maps grades to a provisional rating", () => {
    expect([ratingForScore(1), ratingForScore(0.7), ratingForScore(0.2)]).toEqual(["good", "hard", "again"]);
  });
});
