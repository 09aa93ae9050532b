import { z } from "zod";
import { defineCommand } from "../command.js";
import { cmd, usage } from "../command-ref.js";
import { UserError } from "../errors.js";
import type { BoardRow } from "../ports.js";
import { fields, privateReply, text, type Reply } from "../reply.js";
import { requireGroup } from "../services/groups.js";
import { periodsOf } from "../services/points.js";
import { LONG_STABILITY_DAYS } from "../services/spaced-repetition.js";

const TITLES = { week: "This week", month: "This month", all: "All time", retention: "Knowledge kept" } as const;
/** Awards reach a group board only while the member is in the group (storage applyAward). */
const GROUP_FOOTER = "_A group board counts points earned while a member: points from before someone joined stay on the server board only._";

export default defineCommand({
  name: "leaderboard",
  summary: "Ranks by points (week, month, all) or by knowledge kept (retention); a study group's own board",
  usage: [usage("leaderboard", { period: "week|month|all|retention", group: "<name>" })],
  args: z.object({
    period: z.enum(["week", "month", "all", "retention"], { message: "period must be week, month, all or retention" }).default("week"),
    group: z.string().trim().max(100).optional(),
  }),
  async run({ args, deps, space, member }) {
    const group = args.group ? await requireGroup(deps, space.id, args.group) : undefined;
    if (group && args.period === "retention") throw new UserError("leaderboard.retentionGroup", { name: group.name });
    if (args.period === "retention") {
      const top = await deps.reviews.retentionTop(space.id, LONG_STABILITY_DAYS, 10);
      const mine = await deps.reviews.retentionOf(space.id, member.id, LONG_STABILITY_DAYS);
      return board(`${TITLES.retention}: questions you would still recall in ${LONG_STABILITY_DAYS}+ days`, top, mine, member.id, "cards");
    }
    const period = periodsOf(deps.clock.now(), space.timezone)[args.period];
    const top = await deps.points.top(space.id, period, 10, group?.id);
    const mine = await deps.points.standing(space.id, period, member.id, group?.id);
    if (!group) return board(TITLES[args.period], top, mine, member.id, "pts");
    const reply = board(`${TITLES[args.period]} — ${group.name}`, top, mine, member.id, "pts");
    return { ...reply, blocks: [...reply.blocks, text(GROUP_FOOTER)] };
  },
});

function board(title: string, top: BoardRow[], mine: BoardRow | undefined, me: number, unit: string): Reply {
  if (top.length === 0) return privateReply(title, [text(`Nobody is on this board yet. Answer a ${cmd("quiz")} to be the first.`)]);
  const lines = top.map((r) => `${r.rank}. ${r.memberId === me ? `**${r.name}**` : r.name} — ${r.points} ${unit}`);
  const blocks = [text(lines.join("\n"))];
  if (mine && !top.some((r) => r.memberId === me)) blocks.push(text(`…\n${mine.rank}. **${mine.name}** (you) — ${mine.points} ${unit}`));
  if (!mine) blocks.push(text("_You are not on this board yet._"));
  if (mine) blocks.push(fields(["Your rank", String(mine.rank)], ["Your score", `${mine.points} ${unit}`]));
  return privateReply(title, blocks);
}
