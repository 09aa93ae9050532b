/**
 * Recovery from a Redis that lost its data, or from downtime (DESIGN.md: the database is the
 * truth, Redis the clock). At start: schedules reconciled, pending timers rescheduled, overdue
 * work caught up. While running: the watchdog rebuilds all of it when Redis comes back empty,
 * and the overdue sweep runs every interval.
 */
import type { Deps } from "../bot/command.js";
import { sweepTimers } from "../bot/services/overdue.js";
import type { Jobs } from "./index.js";
import { startWatchdog, type Watchdog } from "./watchdog.js";

export async function startRecovery(
  jobs: Jobs, deps: Deps, o: { redisUrl: string; prefix: string; intervalMs?: number },
): Promise<Watchdog> {
  const rebuild = async () => {
    deps.logger.info(await jobs.reconcile(), "schedules reconciled");
    deps.logger.info(await sweepTimers(deps, "reschedule"), "timers rescheduled");
  };
  await rebuild();
  const watchdog = await startWatchdog({
    ...o, logger: deps.logger, rebuild,
    isIncomplete: async () => (await jobs.dailyQueue.getJobSchedulersCount())
      < (await deps.subscriptions.all()).filter((s) => !s.isPaused && s.days.length > 0).length,
    tick: async () => {
      const swept = await sweepTimers(deps, "overdue");
      if (swept.caughtUp || swept.failed) deps.logger.info(swept, "overdue timers swept");
    },
  });
  await watchdog.check(); // the sweep at start: whatever fell due while the bot was down
  return watchdog;
}
