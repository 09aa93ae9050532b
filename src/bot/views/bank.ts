/** Replies of `/bank`: what an import stored, why a file was refused, the bank's topics. */
import type { BankItem } from "../../curriculum/bank-schema.js";
import { cmd } from "../command-ref.js";
import { fields, privateReply, text, userText, type Attachment, type Reply } from "../reply.js";

/** Past this many, a refusal's reasons come as a text file too (a chat message has a length limit). */
const SHOWN_ERRORS = 25;

const count = (items: readonly Pick<BankItem, "kind">[], kind: BankItem["kind"]) => items.filter((i) => i.kind === kind).length;

export function importedReply(fileName: string, items: readonly BankItem[], replaced: number): Reply {
  const title = "Question bank imported";
  return privateReply(title, [
    text(`Imported ${userText(fileName)}: ${items.length} items${replaced ? `, replacing the ${replaced} imported before` : ""}. Only this space sees them.`),
    fields(["Topics", String(count(items, "topic"))], ["Questions", String(count(items, "question"))],
      ["Drills", String(count(items, "drill"))], ["Problems", String(count(items, "problem"))]),
    text(`They show in ${cmd("topics")}, ${cmd("quiz")} and rounds now. ${cmd("bank export")} gives the file back; ${cmd("bank remove")} takes them out.`),
  ], `${title}: ${items.length} items from ${fileName}`);
}

/** Every bad item with its line and reason; nothing was stored. */
export function refusedReply(fileName: string, errors: readonly string[]): Reply {
  const title = "Question bank not imported";
  const shown = errors.slice(0, SHOWN_ERRORS).map((e) => `• ${userText(e)}`).join("\n");
  const more = errors.length > SHOWN_ERRORS ? `\n_…and ${errors.length - SHOWN_ERRORS} more, all listed in the attached file._` : "";
  const files: Attachment[] = errors.length > SHOWN_ERRORS
    ? [{ name: "bank-errors.txt", contentType: "text/plain", data: Buffer.from(errors.join("\n") + "\n").toString("base64") }] : [];
  return {
    ...privateReply(title, [
      text(`Nothing was stored: ${userText(fileName)} has ${errors.length} problem${errors.length === 1 ? "" : "s"}. Fix ${errors.length === 1 ? "it" : "them"} and import the whole file again.`),
      text(shown + more),
      text("_The format, with an example, is in docs/question-bank.md._"),
    ], `${title}: ${errors.length} problems in ${fileName}`),
    ...(files.length ? { files } : {}),
  };
}

export function exportReply(fileName: string, format: "yaml" | "csv", body: string, items: number): Reply {
  const title = "Question bank export";
  return {
    ...privateReply(title, [text(`${items} items, as ${userText(fileName)} (${format.toUpperCase()}): edit it and ${cmd("bank import")} it again to replace the bank.`)]),
    files: [{ name: fileName, contentType: format === "csv" ? "text/csv" : "application/yaml", data: Buffer.from(body).toString("base64") }],
  };
}

export function removedReply(removed: number, id?: string): Reply {
  const what = id ? `the item ${userText(id)}` : `all ${removed} imported items`;
  return privateReply("Question bank", [text(`Removed ${what}. Members here no longer see ${removed === 1 ? "it" : "them"}; answers already given stay in their history.`)]);
}

export function topicsReply(builtIn: ReadonlyArray<{ id: string; title: string }>, off: ReadonlySet<string>, changed?: { topic: string; off: boolean }): Reply {
  const lines = builtIn.map((t) => `• ${off.has(t.id) ? "~~" : ""}**${t.id}**${off.has(t.id) ? "~~ — off" : ""} — ${t.title}`);
  const head = changed ? `Built-in topic **${changed.topic}** is ${changed.off ? "off" : "on"} for this space.` : `${off.size} of ${builtIn.length} built-in topics are off for this space.`;
  return privateReply("Built-in topics", [
    text(head),
    text(lines.join("\n")),
    text(`Switch one with ${cmd("bank topics", { topic: "<id>", state: "on|off" })}.`),
  ], head);
}
