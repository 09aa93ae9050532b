/**
 * Surfaces other than messages: the answer modal (https://api.slack.com/surfaces/modals) and
 * the App Home tab (https://api.slack.com/surfaces/app-home). Both allow 100 blocks.
 */
import type { types } from "@slack/bolt";
import type { Reply } from "../../bot/reply.js";
import { plainText } from "./mrkdwn.js";
import { COMMAND_PREFIX, LIMITS, renderBlocks, type FormSpec } from "./render.js";

/** The callback id of every answer modal: one `app.view` listener handles them all. */
export const FORM_CALLBACK = "prepcoach_form";
export const ANSWER_BLOCK = "answer";
export const ANSWER_INPUT = "text";

/** Where a modal's answer goes back to: carried in the view's private_metadata (3,000 characters). */
export interface FormOrigin {
  /** The core's action id of the form. */
  action: string;
  channelId: string;
  threadId?: string;
  /** The clicked message's response_url, so the grade can replace the question in place. */
  responseUrl?: string;
  /** The clicked message was only visible to this person (ephemeral or a DM): replacing it is private. */
  isPrivate: boolean;
}

const MODAL_TITLE = 24; // title, submit and close: 24 characters each
const INPUT_MAX = 3_000; // plain_text_input's max_length

export function formModal(spec: FormSpec, origin: FormOrigin): types.ModalView {
  const metadata = JSON.stringify({
    a: origin.action, c: origin.channelId, t: origin.threadId, r: origin.responseUrl, p: origin.isPrivate,
  });
  return {
    type: "modal",
    callback_id: FORM_CALLBACK,
    title: { type: "plain_text", text: plainText(spec.title, MODAL_TITLE) },
    submit: { type: "plain_text", text: "Send" },
    close: { type: "plain_text", text: "Cancel" },
    // A response_url is ~100 characters; the rest is ids. Drop the URL rather than overflow.
    private_metadata: metadata.length <= 3_000 ? metadata : JSON.stringify({ a: origin.action, c: origin.channelId, t: origin.threadId, p: origin.isPrivate }),
    blocks: [{
      type: "input", block_id: ANSWER_BLOCK,
      label: { type: "plain_text", text: plainText(spec.label, 2_000) || "Your answer" },
      element: { type: "plain_text_input", action_id: ANSWER_INPUT, multiline: true, max_length: Math.min(spec.maxLength, INPUT_MAX) },
    }],
  };
}

export function parseFormOrigin(metadata: string | undefined): FormOrigin | undefined {
  try {
    const m = JSON.parse(metadata ?? "") as { a?: unknown; c?: unknown; t?: unknown; r?: unknown; p?: unknown };
    if (typeof m.a !== "string" || typeof m.c !== "string") return undefined;
    return {
      action: m.a, channelId: m.c, isPrivate: m.p === true,
      ...(typeof m.t === "string" ? { threadId: m.t } : {}),
      ...(typeof m.r === "string" ? { responseUrl: m.r } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Buttons that run a command, for the Home tab (its clicks have no message to answer under). */
const NAV = [
  { command: "quiz", label: "Start a quiz", primary: true },
  { command: "review", label: "Review what's due", primary: false },
  { command: "daily", label: "Today's task", primary: false },
] as const;

/** The Home tab: the core's progress card, then buttons to start. */
export function homeView(progress: Reply | undefined, availableCommands: ReadonlySet<string>): types.HomeView {
  const nav = NAV.filter((n) => availableCommands.has(n.command));
  const footer: types.KnownBlock[] = [
    { type: "divider" },
    {
      type: "actions",
      elements: nav.map((n) => ({
        type: "button" as const, action_id: `${COMMAND_PREFIX}${n.command}`,
        text: { type: "plain_text" as const, text: n.label },
        ...(n.primary ? { style: "primary" as const } : {}),
      })),
    },
    {
      type: "context",
      elements: [{ type: "mrkdwn", text: "Questions and grades arrive in your Messages tab with me. In any channel: `/quiz` or `/coach help`." }],
    },
  ];
  const intro: types.KnownBlock[] = progress
    ? renderBlocks(progress)
    : [{ type: "section", text: { type: "mrkdwn", text: "*prepcoach* coaches you for system-design interviews." } }];
  return { type: "home", blocks: [...intro.slice(0, LIMITS.blocksPerView - footer.length), ...(nav.length ? footer : footer.slice(2))] };
}
