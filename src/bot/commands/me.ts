import { z } from "zod";
import { defineCommand, type Deps } from "../command.js";
import type { Member } from "../ports.js";
import { usage } from "../command-ref.js";
import { UserError } from "../errors.js";
import { DELETE_CONFIRM_MINUTES } from "../services/member-data.js";
import { streakZoneChanged } from "../services/streaks.js";
import { isIanaZone } from "../time.js";
import { confirmDeleteReply, exportReply, nothingStoredReply, timezoneReply } from "../views/me.js";

/**
 * The zone in its usual spelling ("asia/kolkata" → "Asia/Kolkata"). Intl accepts any case but
 * lists only canonical ids (Asia/Calcutta), so a title-cased name that Intl reads as the same
 * zone is used when the list has no match.
 */
function canonicalZone(tz: string): string {
  const listed = Intl.supportedValuesOf("timeZone").find((z) => z.toLowerCase() === tz.toLowerCase());
  if (listed) return listed;
  const titled = tz.toLowerCase().replace(/(^|[/_-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
  const idOf = (z: string) => new Intl.DateTimeFormat("en-US", { timeZone: z }).resolvedOptions().timeZone;
  return idOf(titled) === idOf(tz) ? titled : tz;
}

/** The member's rows, and what the model port holds in memory for them when a model is configured (issue 20). */
async function storedAbout(deps: Deps, member: Member): Promise<Record<string, unknown[]>> {
  const tables = await deps.memberData.export(member);
  const held = deps.model?.heldFor(member.id) ?? [];
  return held.length ? { ...tables, model_memory: held } : tables;
}

export default defineCommand({
  name: "me",
  summary: "Your own data: export it as a file, erase it, or set your time zone",
  usage: [usage("me export"), usage("me delete"), usage("me timezone", { tz: "<IANA zone>|clear" })],
  actionArgs: { export: [], delete: [], timezone: ["tz"] },
  args: z.object({
    action: z.enum(["export", "delete", "timezone"], { message: "action must be export, delete or timezone" }),
    tz: z.string().trim().min(1).optional(),
  }),
  withoutProfile: (args) => (args.action === "timezone" ? undefined : nothingStoredReply()),
  async run({ args, deps, member, space }) {
    const now = deps.clock.now();
    if (args.action === "export") return exportReply(member, await storedAbout(deps, member), now);
    if (args.action === "delete") return confirmDeleteReply(member, await storedAbout(deps, member), now, DELETE_CONFIRM_MINUTES);
    if (!args.tz) {
      return timezoneReply("Your time zone", member.timezone ?? space.timezone, member.timezone !== null, now);
    }
    if (args.tz.toLowerCase() === "clear") {
      await deps.members.setTimezone(member.id, null);
      await streakZoneChanged(deps, member.id, member.timezone ?? space.timezone, space.timezone, now);
      return timezoneReply("Time zone cleared", space.timezone, false, now);
    }
    if (!isIanaZone(args.tz)) throw new UserError("me.badTimezone", { tz: args.tz });
    const zone = canonicalZone(args.tz);
    await deps.members.setTimezone(member.id, zone);
    // Streak days follow the zone: the last counted day is re-read in the new one (services/streaks.ts).
    await streakZoneChanged(deps, member.id, member.timezone ?? space.timezone, zone, now);
    return timezoneReply("Time zone set", zone, true, now);
  },
});
