/** Builds the core with in-memory repos, a controllable clock and seeded randomness. */
import { fileURLToPath } from "node:url";
import type { Deps } from "../../src/bot/command.js";
import { commands } from "../../src/bot/commands/index.js";
import { actions } from "../../src/bot/actions/index.js";
import { createDispatcher, type Dispatcher } from "../../src/bot/dispatcher.js";
import type { BotEvent } from "../../src/bot/event.js";
import type { Outbox, PostTarget, Scheduler, Subscription, TimerKind } from "../../src/bot/ports.js";
import type { Reply } from "../../src/bot/reply.js";
import { loadCurriculum, type Curriculum } from "../../src/curriculum/loader.js";
import { createMemoryRepos, type MemoryRepos } from "./memory-repos.js";
import { chartsOnThisThread } from "../../src/charts/pool.js";

export class FakeClock {
  constructor(public current: Date = new Date("2026-11-23T09:00:00Z")) {}
  now = () => new Date(this.current);
  advance(ms: number) { this.current = new Date(this.current.getTime() + ms); }
}

/** A deterministic generator (mulberry32), so question picks repeat run to run. */
export function seededRandom(seed = 42) {
  let a = seed;
  let n = 0;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, id: () => `id${(++n).toString(36).padStart(6, "0")}` };
}

export interface RecordingLogger { errors: unknown[]; info(): void; warn(): void; error(obj: object): void }

/** A small, stable curriculum for core tests: two topics, one plan. */
export const MINI_CURRICULUM_DIR = fileURLToPath(new URL("../fixtures/curriculum-mini/", import.meta.url));
let cached: Curriculum | undefined;
export const miniCurriculum = () => (cached ??= loadCurriculum(MINI_CURRICULUM_DIR));

/** Records what the core posts outside replies: threads and proactive posts. */
export class FakeOutbox implements Outbox {
  threads: Array<{ target: PostTarget; name: string; first: Reply; threadId: string }> = [];
  posts: Array<{ target: PostTarget; reply: Reply; key?: string }> = [];
  async openThread(target: PostTarget, name: string, first: Reply) {
    const threadId = `thread-${this.threads.length + 1}`;
    this.threads.push({ target, name, first, threadId });
    return { channelId: target.channelId, threadId, messageId: `m-${threadId}` };
  }
  async post(target: PostTarget, reply: Reply, opts?: { idempotencyKey?: string }) {
    this.posts.push({ target, reply, ...(opts?.idempotencyKey ? { key: opts.idempotencyKey } : {}) });
    return { channelId: target.channelId, messageId: `p${this.posts.length}` };
  }
}

export interface TestCore {
  dispatcher: Dispatcher;
  repos: MemoryRepos;
  clock: FakeClock;
  logger: RecordingLogger;
  scheduled: Subscription[];
  timers: Map<string, { kind: TimerKind; key: string; runAt: Date; payload: Record<string, string | number> }>;
  outbox: FakeOutbox;
  deps: Deps;
}

export function createTestCore(overrides: Partial<Deps> = {}): TestCore {
  const repos = createMemoryRepos();
  const clock = new FakeClock();
  const logger: RecordingLogger = { errors: [], info() {}, warn() {}, error(obj) { this.errors.push(obj); } };
  const scheduled: Subscription[] = [];
  const timers: TestCore["timers"] = new Map();
  const scheduler: Scheduler = {
    isEnabled: true,
    async subscriptionChanged(s) { scheduled.push(s); },
    async scheduleTimer(kind, key, runAt, payload) { timers.set(`${kind}-${key}`, { kind, key, runAt, payload }); return `${kind}-${key}`; },
    async cancelTimer(kind, key) { return timers.delete(`${kind}-${key}`); },
  };
  const outbox = new FakeOutbox();
  const deps: Deps = {
    curriculum: miniCurriculum(), ...repos, scheduler, clock, random: seededRandom(), logger, defaultTimezone: "UTC", outbox, charts: chartsOnThisThread, ...overrides,
  };
  return { dispatcher: createDispatcher(deps, commands, actions), repos, clock, logger, scheduled, timers, outbox, deps };
}

let keys = 0;
/** An event from member "u1" in space "s1", channel "c1"; override what a test needs. */
export function makeEvent(partial: Partial<BotEvent> & Pick<BotEvent, "kind" | "name">): BotEvent {
  return {
    platform: "console", space: { id: "s1" }, channel: { id: "c1" },
    user: { id: "u1", name: "Asha", isAdmin: false }, args: {}, idempotencyKey: `k${++keys}`, ...partial,
  };
}
