import { defineConfig } from "vitest/config";

// Three layers (STYLE.md §8). Integration and end-to-end tests share the machine's Redis and
// spawn processes, so their files run one at a time; each checks Redis first (tests/redis-setup.ts).
export default defineConfig({
  test: {
    projects: [
      // A generous ceiling: a unit test that spawns a process or simulates weeks takes seconds on a busy machine.
      { test: { name: "unit", include: ["tests/unit/**/*.test.ts"], testTimeout: 30_000 } },
      {
        test: {
          name: "integration", include: ["tests/integration/**/*.test.ts"], globalSetup: ["tests/redis-setup.ts"],
          fileParallelism: false, testTimeout: 60_000, hookTimeout: 60_000,
        },
      },
      {
        // `npm run test:bench`: the quick bench end to end (≈ 30 s); kept out of `npm test`, run by CI.
        test: {
          name: "bench", include: ["tests/bench/**/*.test.ts"], globalSetup: ["tests/redis-setup.ts"],
          fileParallelism: false, testTimeout: 200_000, hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e", include: ["tests/e2e/**/*.test.ts"], globalSetup: ["tests/redis-setup.ts"],
          fileParallelism: false, testTimeout: 60_000, hookTimeout: 60_000,
        },
      },
    ],
  },
});
