/**
 * The throttle behind "one line per failure kind per minute" while Redis is down, on a clock the
 * test moves: the window is shown by time passing, not by waiting for nothing (the e2e in
 * tests/e2e/redis-down-logs.test.ts shows the same bound on a real process).
 */
import { describe, expect, it } from "vitest";
import { failureKind, LOG_WINDOW_MS, throttledLog } from "../../src/jobs/log-throttle.js";

function recorder() {
  const lines: Array<{ obj: Record<string, unknown>; msg?: string }> = [];
  const logger = { info() {}, warn() {}, error: (obj: object, msg?: string) => { lines.push({ obj: obj as Record<string, unknown>, msg }); } };
  return { lines, logger };
}

describe("throttledLog", () => {
  it("logs a kind once per window; the next line of that kind says how many were left out", () => {
    const { lines, logger } = recorder();
    let t = 0;
    const log = throttledLog(logger, LOG_WINDOW_MS, () => t);
    const refused = failureKind("queue daily", Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }));
    for (; t < LOG_WINDOW_MS; t += 250) log(refused, { queue: "daily" }, "queue error");
    expect(lines).toEqual([{ obj: { queue: "daily", kind: "queue daily:ECONNREFUSED" }, msg: "queue error" }]);
    log(refused, { queue: "daily" }, "queue error"); // t = one window after the first line
    expect(lines).toHaveLength(2);
    expect(lines[1]!.obj).toEqual({ queue: "daily", kind: "queue daily:ECONNREFUSED", suppressed: LOG_WINDOW_MS / 250 - 1 });
  });

  it("kinds are throttled apart: another source or another error code gets its own line", () => {
    const { lines, logger } = recorder();
    const log = throttledLog(logger, LOG_WINDOW_MS, () => 0);
    for (let i = 0; i < 5; i++) {
      log(failureKind("worker daily", { code: "ECONNREFUSED" }), {}, "worker error");
      log(failureKind("queue daily", { code: "ECONNREFUSED" }), {}, "queue error");
      log(failureKind("queue daily", new Error("Connection is closed.")), {}, "queue error");
    }
    expect(lines.map((l) => l.obj.kind)).toEqual(["worker daily:ECONNREFUSED", "queue daily:ECONNREFUSED", "queue daily:Connection is closed."]);
  });
});
