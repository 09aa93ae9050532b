/**
 * Deterministic synthetic data, bulk-loaded with raw prepared statements in 1,000-row
 * transactions (seeding is not what we measure): members across spaces, attempts, a points
 * ledger with its period totals, a week of stored replies, subscriptions, and one big space for
 * "my rank".
 */
import type Database from "better-sqlite3";
import { periodsOf } from "../src/bot/services/points.js";
import { checkpointNow, type Db } from "../src/storage/db.js";
import { rng } from "./stats.js";

export interface Sizes { spaces: number; members: number; attempts: number; ledger: number; subscriptions: number }

export const FULL: Sizes = { spaces: 100, members: 100_000, attempts: 1_000_000, ledger: 1_000_000, subscriptions: 10_000 };
export const QUICK: Sizes = { spaces: 20, members: 10_000, attempts: 100_000, ledger: 100_000, subscriptions: 2_000 };

const DAY = 86_400_000;

/** A snowflake per subscription's channel, as Discord's are (the limiter bench registers them with the fake). */
export const subscriptionChannel = (i: number) => String(600_000_000_000_100_000n + BigInt(i));

/** One space holding as many members as all the others together (100k in the full run): "my rank" at scale. */
export const BIG_SPACE = "discord:big";
export const bigSpaceMembers = (n: Sizes) => ({ first: n.members + 1, count: n.members });

export function seed(store: Db, n: Sizes, now: Date, questionIds: readonly string[]): void {
  const db = store.$client;
  const random = rng(7);
  const batch = <T>(rows: number, make: (i: number) => T, write: (row: T) => void) => {
    const run = db.transaction((from: number, to: number) => { for (let i = from; i < to; i++) write(make(i)); });
    for (let i = 0; i < rows; i += 1_000) run(i, Math.min(rows, i + 1_000));
  };
  const space = (i: number) => `discord:bench${i % n.spaces}`;
  const insSpace = db.prepare("insert into spaces (id, platform, timezone) values (?, 'discord', 'Asia/Kolkata')");
  batch(n.spaces, (i) => space(i), (id) => insSpace.run(id));
  const insMember = db.prepare("insert into members (id, space_id, platform_user_id, display_name) values (?, ?, ?, ?)");
  batch(n.members, (i) => i + 1, (id) => insMember.run(id, space(id), `u${id}`, `member ${id}`));
  const memberSpace = (m: number) => space(m);

  const insAttempt = db.prepare(`insert into attempts (space_id, member_id, session_id, question_id, topic, level, format, answer, score, is_correct, created_at)
    values (?, ?, ?, ?, 'caching', 1, 'mcq', 'x', ?, ?, ?)`);
  batch(n.attempts, (i) => i, (i) => {
    const m = 1 + Math.floor(random() * n.members);
    const ok = random() < 0.6;
    insAttempt.run(memberSpace(m), m, `seed-${i}`, questionIds[i % questionIds.length], ok ? 1 : 0, ok ? 1 : 0, now.getTime() - Math.floor(random() * 30 * DAY));
  });

  // The ledger and its totals, aggregated in memory and written once (as a rebuild would).
  const insPoint = db.prepare("insert into points (space_id, member_id, ref, points, reason, created_at) values (?, ?, ?, ?, 'quiz', ?)");
  const totals = new Map<string, number>();
  batch(n.ledger, (i) => i, (i) => {
    const m = 1 + Math.floor(random() * n.members);
    const pts = 1 + Math.floor(random() * 20);
    const at = new Date(now.getTime() - Math.floor(random() * 30 * DAY));
    insPoint.run(memberSpace(m), m, `seed-${i}`, pts, at.getTime());
    // Every fifth member is in their space's study group (below), so their points count there too.
    const boards = m % 5 === 1 ? ["space", `g${(m % n.spaces) + 1}`] : ["space"];
    for (const board of boards) {
      for (const period of Object.values(periodsOf(at, "Asia/Kolkata"))) {
        const k = `${memberSpace(m)}|${board}|${period}|${m}`;
        totals.set(k, (totals.get(k) ?? 0) + pts);
      }
    }
  });
  const insTotal = db.prepare("insert into point_totals (space_id, board, period, member_id, points) values (?, ?, ?, ?, ?)");
  const entries = [...totals.entries()];
  batch(entries.length, (i) => entries[i]!, ([k, p]) => { const [s, board, period, m] = k.split("|"); insTotal.run(s, board, period, Number(m), p); });

  const insGroup = db.prepare("insert into groups (id, space_id, name, created_by) values (?, ?, ?, ?)");
  const insGroupMember = db.prepare("insert into group_members (space_id, group_id, member_id) values (?, ?, ?)");
  batch(n.spaces, (i) => i, (i) => insGroup.run(i + 1, space(i), "study group", i + 1));
  // Every fifth member of a space is in its group.
  batch(Math.floor(n.members / 5), (i) => 1 + i * 5, (m) => insGroupMember.run(memberSpace(m), (m % n.spaces) + 1, m));

  seedBigSpace(db, n, batch, random);
  seedStoredReplies(db, n, now, batch);

  const insSub = db.prepare(`insert into subscriptions (space_id, channel_id, time, timezone, days, plan_id, start_date, created_by, updated_at)
    values (?, ?, '09:00', ?, 'mon,tue,wed,thu,fri', null, '2026-11-01', 'bench', ?)`);
  const zones = ["Asia/Kolkata", "America/New_York", "Europe/London", "Asia/Kathmandu", "America/Los_Angeles"];
  batch(n.subscriptions, (i) => i, (i) => insSub.run(space(i), subscriptionChannel(i), zones[i % zones.length], now.getTime()));
  // The benches start from an empty WAL, as after any bulk load. During the load the writer's
  // guard (storage/checkpointer.ts) kept the WAL bounded: every batch is a transaction.
  if (!checkpointNow(store)) throw new Error("the seed could not truncate the WAL (readers kept it busy)");
}

/**
 * The dispatcher keeps each event's reply for a week (dedupe of redelivered events): one per
 * seeded attempt of the last seven days (30 days of attempts → 7/30 of them), a reply of a
 * realistic size, so the answer's own event record lands in a table and index of that size.
 */
function seedStoredReplies(db: Database.Database, n: Sizes, now: Date, batch: Batch): void {
  const reply = JSON.stringify({
    visibility: "private", title: "Correct: +10 points",
    blocks: [{ kind: "text", markdown: "**Correct.** A write-through cache updates the cache and the store in the same request, so reads after a write see it.".repeat(2) },
      { kind: "fields", fields: [{ label: "Streak", value: "4 days" }, { label: "Points this week", value: "120" }] }],
    fallback: "Correct: +10 points",
  });
  const ins = db.prepare("insert into processed_events (space_id, key, user_id, reply, created_at) values (?, ?, ?, ?, ?)");
  const week = Math.round((n.attempts * 7) / 30);
  batch(week, (i) => i, (i) => ins.run(`discord:bench${i % n.spaces}`, `seed-event-${i}`, `u${1 + (i % n.members)}`, reply, now.getTime() - Math.floor((i / week) * 7 * DAY)));
}

type Batch = <T>(rows: number, make: (i: number) => T, write: (row: T) => void) => void;

/** Members with all-time totals spread over thousands of values, with many ties among the low ones. */
function seedBigSpace(db: Database.Database, n: Sizes, batch: Batch, random: () => number): void {
  db.prepare("insert into spaces (id, platform, timezone) values (?, 'discord', 'Asia/Kolkata')").run(BIG_SPACE);
  const { first, count } = bigSpaceMembers(n);
  const insMember = db.prepare("insert into members (id, space_id, platform_user_id, display_name) values (?, ?, ?, ?)");
  batch(count, (i) => first + i, (id) => insMember.run(id, BIG_SPACE, `u${id}`, `member ${id}`));
  const insTotal = db.prepare("insert into point_totals (space_id, board, period, member_id, points) values (?, 'space', 'all', ?, ?)");
  batch(count, (i) => first + i, (id) => insTotal.run(BIG_SPACE, id, 1 + Math.floor(random() ** 2 * 5_000)));
}
