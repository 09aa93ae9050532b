/**
 * Reply → Block Kit, within Slack's limits (https://api.slack.com/reference/block-kit/blocks):
 * 50 blocks a message, 3,000 characters a section, 10 fields of 2,000 a section, 25 elements an
 * actions block, 75 characters a button, 150 a header. Too much for one message becomes several.
 */
import type { types } from "@slack/bolt";
import { spellReply } from "../../bot/command-ref.js";
import type { Block, Reply } from "../../bot/reply.js";
import { plainText, slackPlainText, slackText, splitMrkdwn, toMrkdwn, truncate } from "./mrkdwn.js";
import { slackSpeller } from "./spell.js";

type KnownBlock = types.KnownBlock;
type Button = types.Button;

export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3_000,
  fieldsPerSection: 10,
  fieldText: 2_000,
  elementsPerActions: 25,
  buttonText: 75,
  buttonValue: 2_000,
  headerText: 150,
  /** chat.postMessage's `text` may be 40,000; as the notification line of a card, much less is plenty. */
  fallbackText: 3_000,
} as const;

/** Our own action ids (not the core's): a form button opens a modal; a command button runs a command. */
export const FORM_PREFIX = "form/";
export const COMMAND_PREFIX = "cmd/";

/** What a form button carries, so the modal can be opened without remembering anything. */
export interface FormSpec { action: string; title: string; label: string; maxLength: number }

export interface SlackMessage { text: string; blocks: KnownBlock[] }

export function renderBlocks(unspelled: Reply): KnownBlock[] {
  const reply = spellReply(unspelled, slackSpeller);
  const out: KnownBlock[] = [];
  if (reply.title) out.push({ type: "header", text: { type: "plain_text", text: plainText(reply.title, LIMITS.headerText), emoji: true } });
  for (const block of reply.blocks) out.push(...renderBlock(block));
  return out;
}

export function renderBlock(block: Block): KnownBlock[] {
  switch (block.kind) {
    case "text":
      return splitMrkdwn(toMrkdwn(block.markdown), LIMITS.sectionText)
        .map((chunk) => ({ type: "section", text: { type: "mrkdwn", text: chunk } }));
    case "fields": {
      const fields = block.fields.map((f) => ({
        type: "mrkdwn" as const,
        text: truncate(`*${slackText(f.label)}*\n${f.channel ? `<#${f.channel}>` : toMrkdwn(f.value) || "—"}`, LIMITS.fieldText),
      }));
      return chunk(fields, LIMITS.fieldsPerSection).map((group) => ({ type: "section", fields: group }));
    }
    case "choices":
      return choiceBlocks(block.options);
    case "form":
      // Slack passes thread replies to the bot (message events): members write there instead.
      if (block.threadFallback) return [];
      return [{
        type: "actions",
        elements: [{
          type: "button", action_id: `${FORM_PREFIX}${block.action}`, style: "primary",
          text: { type: "plain_text", text: plainText(block.buttonLabel, LIMITS.buttonText), emoji: true },
          value: formSpecValue(block),
        }],
      }];
    case "divider":
      return [{ type: "divider" }];
  }
}

type Option = Extract<Block, { kind: "choices" }>["options"][number];

/**
 * Choices become buttons. A label too long for a button (75 characters) would lose words, so
 * then the options are listed in full above and the buttons carry their numbers.
 */
function choiceBlocks(options: readonly Option[]): KnownBlock[] {
  const fits = options.every((o) => plainText(o.label, Infinity).length <= LIMITS.buttonText);
  const out: KnownBlock[] = [];
  if (!fits) {
    const list = options.map((o, i) => `*${i + 1}.* ${toMrkdwn(o.label)}`).join("\n");
    for (const text of splitMrkdwn(list, LIMITS.sectionText)) out.push({ type: "section", text: { type: "mrkdwn", text } });
  }
  const buttons = options.map((o, i): Button => ({
    type: "button", action_id: o.action,
    text: { type: "plain_text", emoji: true, text: fits ? plainText(o.label, LIMITS.buttonText) : plainText(`${i + 1}. ${o.label}`, LIMITS.buttonText) },
    ...(o.style === "primary" ? { style: "primary" as const } : {}),
  }));
  for (const group of chunk(buttons, LIMITS.elementsPerActions)) out.push({ type: "actions", elements: group });
  return out;
}

/**
 * The reply as one or more messages of at most 50 blocks. A cut never separates an actions
 * block from the block just before it (the question its buttons answer).
 */
export function renderMessages(unspelled: Reply): SlackMessage[] {
  const reply = spellReply(unspelled, slackSpeller);
  const blocks = renderBlocks(reply);
  // The notification line and what screen readers read: plain text, never markdown markers.
  const text = truncate(slackPlainText(reply.fallback), LIMITS.fallbackText);
  const messages: SlackMessage[] = [];
  let rest = blocks;
  while (rest.length > LIMITS.blocksPerMessage) {
    let cut = LIMITS.blocksPerMessage;
    if (rest[cut]?.type === "actions" && rest[cut - 1]?.type !== "actions") cut -= 1;
    messages.push({ text, blocks: rest.slice(0, cut) });
    rest = rest.slice(cut);
  }
  messages.push({ text, blocks: rest });
  return messages;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * A message's blocks without the buttons of `actions` (theirs, or a form's for them); an actions
 * block left empty goes too. Undefined when the message had none of them.
 */
export function withoutButtons(blocks: readonly KnownBlock[], actions: readonly string[]): KnownBlock[] | undefined {
  const gone = new Set(actions.flatMap((a) => [a, `${FORM_PREFIX}${a}`]));
  let changed = false;
  const out = blocks.flatMap((b): KnownBlock[] => {
    if (b.type !== "actions") return [b];
    const kept = b.elements.filter((e) => !("action_id" in e && typeof e.action_id === "string" && gone.has(e.action_id)));
    if (kept.length === b.elements.length) return [b];
    changed = true;
    return kept.length ? [{ ...b, elements: kept }] : [];
  });
  return changed ? out : undefined;
}

/**
 * A form's spec as its button's value (2,000 characters). The label (the whole question, shown
 * as the modal's input label, which allows 2,000) is shortened until the JSON fits, so the
 * value always parses.
 */
function formSpecValue(block: Extract<Block, { kind: "form" }>): string {
  let label = block.inputLabel;
  for (;;) {
    const value = JSON.stringify({ t: block.title, l: label, m: block.maxLength });
    if (value.length <= LIMITS.buttonValue || !label) return value;
    label = truncate(label, Math.max(0, label.length - (value.length - LIMITS.buttonValue) - 1));
  }
}

/** Reads a form button's value back (undefined if it was not ours). */
export function parseFormSpec(actionId: string, value: string | undefined): FormSpec | undefined {
  if (!actionId.startsWith(FORM_PREFIX) || !value) return undefined;
  try {
    const v = JSON.parse(value) as { t?: unknown; l?: unknown; m?: unknown };
    return {
      action: actionId.slice(FORM_PREFIX.length),
      title: typeof v.t === "string" ? v.t : "Your answer",
      label: typeof v.l === "string" ? v.l : "Your answer",
      maxLength: typeof v.m === "number" ? v.m : 2_000,
    };
  } catch {
    return undefined;
  }
}
