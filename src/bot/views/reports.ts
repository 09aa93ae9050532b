/** The Report button under every question and drill, the replies of its flow, and the admins' list. */
import { encodeAction } from "../action-ids.js";
import { cmd } from "../command-ref.js";
import { REPORT_KINDS, type ReportKind } from "../ports.js";
import { privateReply, text, type Block, type Reply, userText } from "../reply.js";

/** The kind buttons' labels. */
const REPORT_LABELS: Readonly<Record<ReportKind, string>> = {
  wrong: "Wrong", unclear: "Unclear", "too-easy": "Too easy", "too-hard": "Too hard", typo: "Typo",
};
/** A kind inside a sentence: "reported as too easy". */
const KIND_WORDS: Readonly<Record<ReportKind, string>> = {
  wrong: "wrong", unclear: "unclear", "too-easy": "too easy", "too-hard": "too hard", typo: "a typo",
};

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const quoted = (s: string, max: number) => `“${clip(s.replace(/\s+/g, " ").trim(), max)}”`;
/** A member's note, quoted as typed: never markup. */
const quotedNote = (s: string, max: number) => `“${userText(clip(s.replace(/\s+/g, " ").trim(), max))}”`;

/** The Report option, for a row of buttons under a grade. */
export const reportOption = (itemId: string) => ({ action: encodeAction({ type: "report.open", itemId }), label: "Report" });
/** The Report button under a question or drill, in a row of its own (apart from the answers). */
export const reportButton = (itemId: string): Block => ({ kind: "choices", options: [reportOption(itemId)] });

/** What is reported: a question or a drill, and its prompt (so the picker says which). */
export interface Reportable { itemId: string; what: "question" | "drill"; prompt: string }

/** The kinds to pick from. Beside the clicked message: the question stays as it was, still answerable. */
export function reportPickerReply(item: Reportable): Reply {
  const blocks: Block[] = [
    text(`What is wrong with this ${item.what}? ${quoted(item.prompt, 200)}`),
    { kind: "choices", options: REPORT_KINDS.map((kind) => ({ action: encodeAction({ type: "report.kind", itemId: item.itemId, kind }), label: REPORT_LABELS[kind] })) },
    text("_Pick one; you can add a note after._"),
  ];
  return { ...privateReply(`Report ${item.what} ${item.itemId}`, blocks, `What is wrong with ${item.itemId}?`), besideClicked: true };
}

/** The private confirmation, with a form for the optional note (at most `maxNote` characters). */
export function reportedReply(item: Reportable, kind: ReportKind, isNew: boolean, maxNote: number): Reply {
  const message = isNew
    ? `Thanks — reported as ${KIND_WORDS[kind]}. Admins see reports with ${cmd("config reports")}, and the authors read them to fix the ${item.what}.`
    : `You already reported this ${item.what} as ${KIND_WORDS[kind]}; it counts once.`;
  const blocks: Block[] = [
    text(message),
    {
      kind: "form", action: encodeAction({ type: "report.note", itemId: item.itemId, kind }), buttonLabel: "Add a note (optional)",
      title: "Your note", inputLabel: `What is ${KIND_WORDS[kind]} in ${item.itemId}? A sentence helps the authors.`, maxLength: maxNote,
    },
  ];
  return privateReply(isNew ? "Reported" : "Already reported", blocks, message);
}

export function notedReply(item: Reportable, kind: ReportKind, noted: boolean): Reply {
  const message = noted
    ? `Note added to your report of ${item.itemId} (${KIND_WORDS[kind]}). Thank you.`
    : `The note was empty, so nothing was added; your report of ${item.itemId} (${KIND_WORDS[kind]}) stands.`;
  return privateReply(undefined, [text(message)], message);
}

/** A space's reports of one item as one kind: how many, the latest, and the latest notes. */
export interface ReportGroup { itemId: string; kind: ReportKind; count: number; latest: string; notes: readonly string[] }

/**
 * `config reports`: the most reported first. `prompts` gives an item's prompt (admins do not know
 * ids by heart); `more`: groups left out.
 */
export function reportListReply(groups: readonly ReportGroup[], prompts: (itemId: string) => string | undefined, more: number): Reply {
  if (groups.length === 0) {
    const message = "No reports here yet. Members report a question or drill with the **Report** button under it "
      + "(wrong, unclear, too easy, too hard, typo, and an optional note); the reports show up here, grouped by item and kind.";
    return privateReply("Reported questions", [text(message)], message);
  }
  const lines = groups.map((g) => {
    const prompt = prompts(g.itemId);
    const head = `**${g.itemId}** · ${KIND_WORDS[g.kind]} · ${g.count} report${g.count === 1 ? "" : "s"} · latest ${g.latest}`;
    const notes = g.notes.length ? `\n   ${g.notes.map((n) => quotedNote(n, 120)).join(" · ")}` : "";
    return `${head}${prompt ? `\n   _${clip(prompt.replace(/\s+/g, " "), 90)}_` : ""}${notes}`;
  });
  if (more > 0) lines.push(`_…and ${more} more, reported less often._`);
  return privateReply("Reported questions", [text(lines.join("\n"))], "Reported questions and drills, the most reported first.");
}
