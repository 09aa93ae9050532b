/** Argument schemas more than one command shares. */
import { z } from "zod";

const LEVEL_MESSAGE = "level must be 1, 2 or 3";

/** A question level, typed as "2" on the console and Slack or as an integer option on Discord. */
export const levelArg = z.coerce.number({ message: LEVEL_MESSAGE }).int(LEVEL_MESSAGE).min(1, LEVEL_MESSAGE).max(3, LEVEL_MESSAGE)
  .transform((n) => n as 1 | 2 | 3);
