/** A daily-post slot that is due now, for tests that start the real process and wait for its catch-up. */
import { localParts } from "../../src/bot/time.js";

/** A zone where it is between 02:00 and 23:00 now, and the time an hour ago there: a slot due today. */
export function slotAnHourAgo(): { timezone: string; time: string } {
  for (const timezone of ["UTC", "Asia/Tokyo", "America/Los_Angeles"]) {
    const { time } = localParts(new Date(), timezone);
    const hour = Number(time.slice(0, 2));
    if (hour >= 2 && hour <= 22) return { timezone, time: `${String(hour - 1).padStart(2, "0")}:${time.slice(3)}` };
  }
  throw new Error("unreachable: three zones 8 hours apart");
}
