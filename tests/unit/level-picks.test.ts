/** `/drill` and `/mock start` without a level or problem pick at the member's level. */
import { describe, expect, it } from "vitest";
import type { AttemptInput } from "../../src/bot/ports.js";
import { loadCurriculum } from "../../src/curriculum/loader.js";
import { createTestCore, makeEvent, type TestCore } from "../fakes/core.js";

const curriculum = loadCurriculum();

/** Records `n` full-score answers at a topic and level for member 1 (as stored answers are). */
async function answered(core: TestCore, topic: string, level: 1 | 2, n: number) {
  const member = await core.repos.members.ensure("console:s1", { id: "u1", name: "Asha" });
  for (let i = 0; i < n; i++) {
    const id = `seed-${topic}-${level}-${i}`;
    await core.repos.quizzes.open({ id, spaceId: "console:s1", memberId: member.id, questionId: id, channelId: "c1", kind: "quiz", cardBefore: null, createdAt: core.clock.now() });
    const a: AttemptInput = {
      spaceId: "console:s1", memberId: member.id, sessionId: id, questionId: id, topic, level, format: "mcq",
      answer: "x", score: 1, isCorrect: true, at: core.clock.now(),
    };
    await core.repos.quizzes.recordAnswer(a);
  }
}

const drill = (core: TestCore) => core.dispatcher.handle(makeEvent({ kind: "command", name: "drill" }));
/** Starts a mock with no problem named; the problem its thread opened on. */
const mockProblem = async (core: TestCore) => {
  await core.dispatcher.handle(makeEvent({ kind: "command", name: "mock", args: { action: "start" } }));
  return curriculum.problems.find((p) => core.outbox.threads.at(-1)?.name === `Mock: ${p.title}`.slice(0, 100))!;
};

describe("picks at the member's level", () => {
  it("a newcomer's /drill is level 1, every time", async () => {
    for (let seed = 0; seed < 8; seed++) {
      const core = createTestCore({ curriculum, random: { next: () => (seed + 0.5) / 8, id: () => `s${seed}` } });
      expect((await drill(core))?.title).toBe("Estimation drill · level 1");
    }
  });

  it("a member who unlocked estimation level 2 gets level-2 drills; a level asked for is kept", async () => {
    for (let seed = 0; seed < 8; seed++) {
      const core = createTestCore({ curriculum, random: { next: () => (seed + 0.5) / 8, id: () => `d${seed}` } });
      await answered(core, "estimation", 1, 4);
      expect((await drill(core))?.title).toBe("Estimation drill · level 2");
    }
    const core = createTestCore({ curriculum });
    await answered(core, "estimation", 1, 4);
    expect((await core.dispatcher.handle(makeEvent({ kind: "command", name: "drill", args: { level: 3 } })))?.title).toBe("Estimation drill · level 3");
  });

  it("a newcomer's /mock start gets a level-1 problem, whatever the dice say", async () => {
    for (let seed = 0; seed < 8; seed++) {
      const core = createTestCore({ curriculum, random: { next: () => (seed + 0.5) / 8, id: () => `m${seed}` } });
      expect((await mockProblem(core)).level).toBe(1);
    }
  });

  it("a member at level 3 in a topic gets a level-3 problem", async () => {
    for (let seed = 0; seed < 8; seed++) {
      const core = createTestCore({ curriculum, random: { next: () => (seed + 0.5) / 8, id: () => `p${seed}` } });
      await answered(core, "caching", 1, 4);
      await answered(core, "caching", 2, 4);
      expect((await mockProblem(core)).level).toBe(3);
    }
  });
});
