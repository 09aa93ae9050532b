/** Reply → terminal text: cards as indented text, choices numbered for typing. */
import { spellReply } from "../../bot/command-ref.js";
import { mapReplyText, mapUserText, type Reply } from "../../bot/reply.js";
import { stripControl } from "./sanitize.js";
import { consoleSpeller } from "./spell.js";

export interface RenderedConsole {
  text: string;
  /** Action ids in the order they are numbered on screen (1-based when typed). */
  choices: string[];
  /** The form the next plain line answers, if the reply asks for one. */
  form?: { action: string; title: string };
}

/** Core markdown on a terminal: bold as-is is noisy, so strip the markers. */
const plain = (md: string) => md.replace(/\*\*(.+?)\*\*/gs, "$1").replace(/(^|\s)_(.+?)_(?=\s|$|[.,;:])/gs, "$1$2");

export function renderConsole(unspelled: Reply): RenderedConsole {
  // Member-written pieces print as typed, minus terminal control; so does everything else.
  // References are spelled first: stripControl would take their delimiters for terminal control.
  const clean = (s: string) => stripControl(mapUserText(s, (x) => x));
  const reply = mapReplyText(spellReply(unspelled, consoleSpeller), clean, clean);
  const out: string[] = [];
  const choices: string[] = [];
  let form: RenderedConsole["form"];
  if (reply.title) out.push(`━━ ${reply.title} ━━`);
  for (const block of reply.blocks) {
    switch (block.kind) {
      case "text":
        out.push(plain(block.markdown));
        break;
      case "fields":
        out.push(block.fields.map((f) => `${f.label}: ${f.channel ? `#${f.channel}` : plain(f.value)}`).join("\n"));
        break;
      case "choices":
        for (const o of block.options) {
          choices.push(o.action);
          out.push(`  ${choices.length}) ${plain(o.label)}`);
        }
        break;
      case "form":
        // On the console every typed line in a mock reaches the bot already.
        if (block.threadFallback) break;
        form = { action: block.action, title: block.title };
        out.push(`(Type your answer on one line and press Enter; up to ${block.maxLength} characters.)`);
        break;
      case "divider":
        out.push("──────────");
        break;
    }
  }
  if (choices.length) out.push(form ? "" : "(Type a number to choose.)");
  return { text: `${out.filter((l, i) => l !== "" || i < out.length - 1).join("\n")}\n`, choices, ...(form ? { form } : {}) };
}
