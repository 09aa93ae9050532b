/** Lines of a member's mock-interview history for `/stats`: solo self-ratings and peer scores received. */
import type { Deps } from "../command.js";
import type { MockSession } from "../ports.js";
import { localDayText } from "../time.js";
import { weightedTotal } from "./mock.js";
import { userText } from "../reply.js";

/** `tz`: the member's zone, for the day each interview ended. */
export async function mockHistoryLines(deps: Deps, memberId: number, mocks: readonly MockSession[], tz: string): Promise<string[]> {
  const lines: string[] = [];
  for (const m of mocks) {
    const problem = deps.curriculum.problems.find((p) => p.id === m.problemId);
    const title = problem?.title ?? m.problemId;
    const day = localDayText(m.endedAt!, tz);
    if (m.partnerId === null) {
      const total = problem && Object.keys(m.ratings).length ? ` — self-rated ${weightedTotal(problem, m.ratings)}/100` : "";
      lines.push(`• ${day} ${title}${total}`);
      continue;
    }
    const isCandidate = m.memberId === memberId;
    const partner = await deps.members.get(isCandidate ? m.partnerId : m.memberId);
    const received = (await deps.pairs.scoresFor(m.id)).find((s) => s.rateeId === memberId);
    const score = received ? ` — peer score ${Math.round(received.total)}/100` : " — not scored by your partner yet";
    lines.push(`• ${day} ${title} (peer mock, ${isCandidate ? "candidate" : "interviewer"} with ${partner ? userText(partner.displayName) : "a partner"})${score}`);
  }
  return lines;
}
