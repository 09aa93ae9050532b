import { z } from "zod";
import { defineCommand } from "../command.js";
import { cmd, usage } from "../command-ref.js";
import { UserError } from "../errors.js";
import type { BoardRow } from "../ports.js";
import { channelReply, fields, privateReply, text, type Reply, userText } from "../reply.js";
import { requireGroup } from "../services/groups.js";
import { periodsOf } from "../services/points.js";
import { LONG_STABILITY_DAYS } from "../services/spaced-repetition.js";
import { rankLine, rankLines } from "../views/board.js";

const TITLES = { week: "This week", month: "This month", all: "All time", retention: "Knowledge kept" } as const;
/** Awards reach a group board only while the member is in the group (storage applyAward). */
const GROUP_FOOTER = "_A group board counts points earned while a member: points from before someone joined stay on the server board only._";
const EMPTY_POINTS = `Nobody is on this board yet. Answer a ${cmd("quiz")} to be the first.`;
/** Why the retention board is empty, and how a card gets on it (stability: spaced-repetition.ts). */
const EMPTY_RETENTION = `Nobody is on this board yet. A question counts here once you would still recall it ${LONG_STABILITY_DAYS} or more days later: ` +
  `answer it, then answer it again each time ${cmd("review")} brings it back. Every good recall pushes the next one further out, and after a few ` +
  "(usually three or four, over some weeks) it is kept.";

export default defineCommand({
  name: "leaderboard",
  summary: "Ranks by points (week, month, all) or by knowledge kept (retention); a study group's own board",
  usage: [usage("leaderboard", { period: "week|month|all|retention", public: "public", group: "<name>" })],
  args: z.object({
    period: z.enum(["week", "month", "all", "retention"], { message: "period must be week, month, all or retention" }).default("week"),
    /** Posts the board in the channel for everyone; by default only the member sees it. */
    public: z.boolean().default(false),
    group: z.string().trim().max(100).optional(),
  }),
  async run({ args, deps, space, member }) {
    const group = args.group ? await requireGroup(deps, space.id, args.group) : undefined;
    if (group && args.period === "retention") throw new UserError("leaderboard.retentionGroup", { name: group.name });
    const shown = { isPublic: args.public, by: member.displayName, me: member.id };
    if (args.period === "retention") {
      const top = await deps.reviews.retentionTop(space.id, LONG_STABILITY_DAYS, 10);
      const mine = await deps.reviews.retentionOf(space.id, member.id, LONG_STABILITY_DAYS);
      return board(`${TITLES.retention}: questions you would still recall in ${LONG_STABILITY_DAYS}+ days`, top, mine, "cards", shown, EMPTY_RETENTION);
    }
    const period = periodsOf(deps.clock.now(), space.timezone)[args.period];
    const top = await deps.points.top(space.id, period, 10, group?.id);
    const mine = await deps.points.standing(space.id, period, member.id, group?.id);
    if (!group) return board(TITLES[args.period], top, mine, "pts", shown, EMPTY_POINTS);
    const reply = board(`${TITLES[args.period]} — ${userText(group.name)}`, top, mine, "pts", shown, EMPTY_POINTS);
    return { ...reply, blocks: [...reply.blocks, text(GROUP_FOOTER)] };
  },
});

interface Shown { isPublic: boolean; by: string; me: number }

function board(title: string, top: BoardRow[], mine: BoardRow | undefined, unit: string, shown: Shown, empty: string): Reply {
  if (top.length === 0) return privateReply(title, [text(empty)]);
  // In public nobody is singled out: the reader's own line and rank are for a private board.
  if (shown.isPublic) return channelReply(title, [text(rankLines(top, unit).join("\n")), text(`_Shared by ${userText(shown.by)}._`)]);
  const blocks = [text(rankLines(top, unit, shown.me).join("\n"))];
  const tied = (r: BoardRow) => top.some((t) => t.rank === r.rank && t.memberId !== r.memberId);
  if (mine && !top.some((r) => r.memberId === shown.me)) blocks.push(text(`…\n${rankLine(mine, unit, true, tied(mine))} (you)`));
  if (!mine) blocks.push(text("_You are not on this board yet._"));
  if (mine) blocks.push(fields(["Your rank", `${mine.rank}${tied(mine) ? " (tied)" : ""}`], ["Your score", `${mine.points} ${unit}`]));
  return privateReply(title, blocks);
}
