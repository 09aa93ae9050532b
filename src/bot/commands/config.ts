import { z } from "zod";
import { defineCommand, type Context } from "../command.js";
import { usage } from "../command-ref.js";
import { UserError } from "../errors.js";
import { requireKnownPlan } from "../services/groups.js";
import { spaceReports } from "../services/reports.js";
import { roleConfig, type RoleArgs } from "../services/role-config.js";
import type { Subscription } from "../ports.js";
import { channelField, fields, privateReply, text, type Reply } from "../reply.js";
import { isIanaZone, localDate, localTimeText, nextOccurrence, parseDays } from "../time.js";

const Args = z.object({
  action: z.enum(["set", "show", "pause", "resume", "reports", "ping", "ping-clear", "reward", "reward-clear", "roles"], {
    message: "action must be set, show, pause, resume, reports, ping, ping-clear, reward, reward-clear or roles",
  }).default("set"),
  channel: z.string().trim().min(1).optional(),
  time: z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "time must be HH:MM in 24-hour form, like 09:00").optional(),
  tz: z.string().trim().refine(isIanaZone, "tz must be an IANA time zone, like Asia/Kolkata or America/New_York").optional(),
  days: z.string().trim().refine((d) => parseDays(d) !== undefined, "days must look like mon-fri, mon,wed,fri, weekdays or daily").optional(),
  plan: z.string().trim().toLowerCase().optional(),
  // Roles (issue 22): a Discord role option's id, a Slack user group as Slack escapes it.
  role: z.string().trim().min(1).optional(),
  streak: z.coerce.number({ message: "streak must be a number of days" }).int().min(1, "streak must be 1 to 365 days").max(365, "streak must be 1 to 365 days").optional(),
  level: z.coerce.number({ message: "level must be 2 or 3" }).int().min(2, "level must be 2 or 3").max(3, "level must be 2 or 3").optional(),
  remove_on_break: z.boolean().optional(),
});

const ROLE_ACTIONS: ReadonlySet<string> = new Set(["ping", "ping-clear", "reward", "reward-clear", "roles"]);

export default defineCommand({
  name: "config",
  summary: "Admins: the channel's daily schedule, the role its posts mention, role rewards, reported questions",
  usage: [usage("config set", { channel: "#channel", time: "HH:MM", tz: "<IANA zone>", days: "mon-fri", plan: "<id>" }),
    ...["show", "pause", "resume"].map((a) => usage(`config ${a}`, { channel: "#channel" })), usage("config reports"),
    usage("config ping", { role: "<role>" }), usage("config ping-clear"),
    usage("config reward", { role: "<role>", streak: "<days>", level: "<2|3>", remove_on_break: "true" }, ["streak", "level", "remove_on_break"]),
    usage("config reward-clear", { role: "<role>" }, []), usage("config roles")],
  args: Args,
  gates: ["adminOnly"],
  actionArgs: {
    set: ["channel", "time", "tz", "days", "plan"], show: ["channel"], pause: ["channel"], resume: ["channel"], reports: [],
    ping: ["role"], "ping-clear": [], reward: ["role", "streak", "level", "remove_on_break"], "reward-clear": ["role"], roles: [],
  },
  async run(ctx) {
    const { args, deps, space, event } = ctx;
    if (args.action === "reports") return spaceReports(ctx);
    if (ROLE_ACTIONS.has(args.action)) return roleConfig(ctx, args as RoleArgs);
    const channelId = args.channel?.replace(/^<#(\d+)>$/, "$1") ?? event.channel.id;
    const existing = await deps.subscriptions.get(space.id, channelId);
    if (args.action === "show") return existing ? scheduleReply(ctx, existing, "Daily schedule") : noSchedule();
    if (args.action === "pause" || args.action === "resume") {
      if (!existing) return noSchedule();
      const sub = await deps.subscriptions.setPaused(existing.id, args.action === "pause", args.action === "pause" ? "paused by an admin" : null, deps.clock.now());
      await deps.scheduler.subscriptionChanged(sub);
      return scheduleReply(ctx, sub, args.action === "pause" ? "Daily posts paused" : "Daily posts resumed");
    }
    if (!existing && !args.time && !args.tz && !args.days && !args.plan) throw new UserError("config.noChanges");
    if (args.plan) requireKnownPlan(deps, args.plan);
    // The zone an admin names is the space's too: weeks on the boards, streak days, and every
    // time the bot shows. Only a zone, and no schedule here: no daily posts start.
    if (args.tz) await deps.spaces.setTimezone(space.id, args.tz);
    if (args.tz && !existing && !args.time && !args.days && !args.plan) return zoneReply(ctx, args.tz);
    const timezone = args.tz ?? existing?.timezone ?? space.timezone;
    const now = deps.clock.now();
    const time = args.time ?? existing?.time ?? "09:00";
    const days = args.days ? parseDays(args.days)! : existing?.days ?? ["mon", "tue", "wed", "thu", "fri"];
    // A new plan's day 1 is its first posting day (a schedule set on Saturday starts on Monday);
    // changing only the time keeps the plan's progress.
    const restarts = !existing || (args.plan !== undefined && args.plan !== existing.planId);
    const first = nextOccurrence(now, time, timezone, days);
    const sub = await deps.subscriptions.upsert({
      spaceId: space.id, channelId, time, timezone, days,
      planId: args.plan ?? existing?.planId ?? null,
      startDate: restarts ? localDate(first ?? now, timezone) : existing.startDate,
      createdBy: event.user.id,
      updatedAt: now,
    });
    await deps.scheduler.subscriptionChanged(sub);
    return scheduleReply(ctx, sub, existing ? "Daily schedule updated" : "Daily schedule created");
  },
});

function noSchedule(): Reply {
  throw new UserError("config.noSchedule");
}

function zoneReply(ctx: Context<unknown>, tz: string): Reply {
  const now = ctx.deps.clock.now();
  return privateReply("Time zone set", [fields(["Time zone", tz], ["Local time now", localTimeText(now, tz)])], `Time zone set: ${tz}`);
}

function scheduleReply(ctx: Context<unknown>, sub: Subscription, title: string): Reply {
  const { deps } = ctx;
  const next = sub.isPaused ? undefined : nextOccurrence(deps.clock.now(), sub.time, sub.timezone, sub.days);
  const blocks = [
    fields(
      channelField("Channel", sub.channelId), ["Time", `${sub.time} ${sub.timezone}`], ["Days", sub.days.join(", ")],
      ["Plan", sub.planId ?? "none (day 1 of the default plan)"],
      ["Status", sub.isPaused ? `paused${sub.pausedReason ? `: ${sub.pausedReason}` : ""}` : "active"],
      ["Next post", next ? localTimeText(next, sub.timezone) : "—"],
    ),
  ];
  if (!deps.scheduler.isEnabled) {
    blocks.push(text("_Scheduling is off (Redis is not reachable): the schedule is saved and starts when the bot runs with Redis._"));
  }
  return privateReply(title, blocks, `${title}: ${sub.time} ${sub.timezone} on ${sub.days.join(", ")}`);
}
