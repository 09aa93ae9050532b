/** How a mock interview looks: the opening, phase changes, timer notices, the scorecard. */
import { cmd } from "../command-ref.js";
import type { FactKind, Framework, Problem } from "../../curriculum/schema.js";
import { encodeAction, SELF_BANDS } from "../action-ids.js";
import type { MockSession } from "../ports.js";
import { divider, fields, text, type Block, type Reply } from "../reply.js";
import { whiteboardLine } from "../whiteboard.js";

/** A phase of the interview as planned from the framework, with its share of the minutes. */
export interface PlannedPhase { id: string; title: string; minutes: number; prompt: string; cover: readonly string[] }

/** What the transcript covered; the mock service works it out from the problem. */
export interface Coverage {
  /** The kinds of the facts asked about and not (one entry per fact; views word them). */
  factsAsked: { covered: FactKind[]; missed: FactKind[] };
  components: { covered: string[]; missed: string[] };
  deepDives: { covered: string[]; missed: string[] };
  /** 0..1 over facts, components and deep dives together. */
  score: number;
}

/** Narratives per rubric item, in rubric order, from the model. */
export type RubricNotes = { by: "model"; notes: Array<{ label: string; narrative: string }> } | { by: "offline" };

/** Next phase / End, and an Answer form for platforms whose threads the bot cannot read. */
export const controls = (sessionId: string): Block[] => [{
  kind: "choices",
  options: [
    { action: encodeAction({ type: "mock.next", sessionId }), label: "Next phase", style: "primary" },
    { action: encodeAction({ type: "mock.end", sessionId }), label: "End interview" },
  ],
}, {
  kind: "form", action: encodeAction({ type: "mock.say", sessionId }), buttonLabel: "Answer", title: "Say it in the interview",
  inputLabel: "Your answer, or a question for the interviewer", maxLength: 2_000, threadFallback: true,
}];

/** The action ids of a mock's controls, retired when it ends (see Outbox.retire). */
export const controlActions = (sessionId: string): string[] =>
  controls(sessionId).flatMap((b) => (b.kind === "choices" ? b.options.map((o) => o.action) : b.kind === "form" ? [b.action] : []));

export const phaseLine = (p: PlannedPhase, i: number) => `${i + 1}. **${p.title}** — ${p.minutes} min`;

/** `whiteboard`: the mock's fresh shared-whiteboard room (whiteboard.ts). */
export function mockOpening(problem: Problem, framework: Framework, plan: PlannedPhase[], sessionId: string, who: string, whiteboard: string): Reply {
  const first = plan[0]!;
  const blocks: Block[] = [
    text(`**${problem.title}** — a mock interview for ${who}\n\n${problem.prompt}`),
    text(`**Plan (${framework.title}):**\n${plan.map(phaseLine).join("\n")}`),
    text(whiteboardLine(whiteboard, false)),
    divider,
    text(`**Phase 1: ${first.title}.** ${first.prompt}`),
    ...controls(sessionId),
  ];
  return { visibility: "channel", title: `Mock interview: ${problem.title}`, blocks, fallback: `Mock interview: ${problem.title}` };
}

/** `probe`: the interviewer's follow-up at this phase change (issue 20), when there is one. */
export function phaseReply(plan: PlannedPhase[], s: MockSession, probe?: string): Reply {
  const p = plan[s.phase]!;
  const blocks: Block[] = [
    ...(probe ? [text(`**Interviewer:** ${probe}`)] : []),
    text(`**Phase ${s.phase + 1}: ${p.title}** (${p.minutes} min). ${p.prompt}`),
    text(p.cover.map((c) => `• ${c}`).join("\n")),
    ...controls(s.id),
  ];
  return { visibility: "channel", blocks, fallback: `Phase ${s.phase + 1}: ${p.title}` };
}

export function timerNotice(plan: PlannedPhase[], s: MockSession, kind: "over" | "warn5"): Reply {
  const p = plan[s.phase];
  const message = kind === "warn5"
    ? "⏰ Five minutes left. Start wrapping up: summarise your design, the trade-offs you made and what you would do next."
    : `⏰ The time for **${p?.title ?? "this phase"}** is up. Finish your point and move on with ${cmd("mock next", {}, { inThread: { button: "Next phase" } })}.`;
  return { visibility: "channel", blocks: [text(message), ...controls(s.id)], fallback: message };
}

const list = (items: readonly string[]) => (items.length ? items.join(", ") : "—");

/** What a candidate asked about, in words (the facts' own `asks` are matching keywords, not names). */
const FACT_WORDS: Record<FactKind, string> = {
  users: "number of users", traffic: "traffic", "read-write": "read/write mix", latency: "latency", availability: "availability",
  consistency: "consistency", "data-size": "data size", retention: "retention", regions: "regions", features: "features", other: "other constraints",
};

/** Fact kinds in words, each once, with a count where a problem has several facts of a kind: "features (2)". */
function factList(kinds: readonly FactKind[]): string {
  const counts = new Map<FactKind, number>();
  for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
  return list([...counts].map(([k, n]) => `${FACT_WORDS[k]}${n > 1 ? ` (${n})` : ""}`));
}

/** Per rubric item, how it went (the model's narrative), or why there is none; nothing without a model. */
function notesBlocks(notes: RubricNotes | undefined): Block[] {
  if (!notes) return [];
  if (notes.by === "offline") return [text("_No per-item narrative: the model gave no usable answer in time, so this scorecard is offline._")];
  return [text(`**How it went, per rubric item** _(written by the model)_:\n${notes.notes.map((n) => `• **${n.label}:** ${n.narrative}`).join("\n")}`)];
}

export function scorecardReply(problem: Problem, plan: PlannedPhase[], s: MockSession, c: Coverage, why: string, notes?: RubricNotes): Reply {
  const blocks: Block[] = [
    text(`${why} Here is your scorecard for **${problem.title}**.`),
    ...coverageBlocks(problem, plan, s, c),
    ...notesBlocks(notes),
    divider,
    ...rateBlocks(problem, s.id, 0),
  ];
  return { visibility: "channel", title: `Scorecard: ${problem.title}`, blocks, fallback: `Scorecard: coverage ${Math.round(c.score * 100)}%` };
}

/** What the transcript covered and missed, the common mistakes and the model outline (solo and peer scorecards). */
export function coverageBlocks(problem: Problem, plan: PlannedPhase[], s: MockSession, c: Coverage): Block[] {
  return [
    fields(
      ["Coverage", `${Math.round(c.score * 100)}%`],
      ["Phases reached", `${Math.min(s.phase + 1, plan.length)} of ${plan.length}`],
    ),
    text(`**Requirements you asked about:** ${factList(c.factsAsked.covered)}\n**Not asked:** ${factList(c.factsAsked.missed)}`),
    text(`**Components you covered:** ${list(c.components.covered)}\n**Missing:** ${list(c.components.missed)}`),
    text(`**Deep dives you covered:** ${list(c.deepDives.covered)}\n**Missing:** ${list(c.deepDives.missed)}`),
    text(`**Common mistakes to check yourself against:**\n${problem.mistakes.map((m) => `• ${m}`).join("\n")}`),
    text(`**Model outline:**\n${problem.modelOutline}`),
  ];
}

function rateBlocks(problem: Problem, sessionId: string, index: number): Block[] {
  const c = problem.rubric[index];
  if (!c) return [];
  return [
    text(`**Rate yourself (${index + 1}/${problem.rubric.length}): ${c.label}** — weight ${c.weight}\nStrong: ${c.strong}\nWeak: ${c.weak}`),
    { kind: "choices", options: SELF_BANDS.map((band) => ({ action: encodeAction({ type: "mock.rate", sessionId, criterion: index, band }), label: band[0]!.toUpperCase() + band.slice(1) })) },
  ];
}

export function ratingReply(problem: Problem, s: MockSession, next: number, total: number): Reply {
  if (next < problem.rubric.length) {
    return { visibility: "private", blocks: rateBlocks(problem, s.id, next), fallback: `Rate yourself: ${problem.rubric[next]!.label}` };
  }
  const lines = problem.rubric.map((c) => `• ${c.label} (weight ${c.weight}): ${Math.round((s.ratings[c.id] ?? 0) * 100)}%`);
  const message = `**Weighted total: ${total}/100.** Saved — ${cmd("stats", {}, { inThread: {} })} shows your interview history.`;
  return { visibility: "private", title: "Your rubric", blocks: [text(lines.join("\n")), text(message)], fallback: `Weighted total ${total}/100` };
}
