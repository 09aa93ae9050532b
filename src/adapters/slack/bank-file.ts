/**
 * How a file reaches a command on Slack (`/coach bank import`, issue 22). Slash commands carry no
 * files, so two ways in (docs/question-bank.md):
 * - pasted: `/coach bank import` opens a modal with a multi-line input for the file's text
 *   (YAML or CSV; Slack's plain_text_input takes at most 3,000 characters);
 * - shared: a file shared in the DM with the bot (the `file_shared` event; `files:read`), read
 *   with files.info and downloaded from `url_private_download` with the bot token, as Slack asks
 *   (https://api.slack.com/types/file#authentication). Its size is checked before downloading.
 */
import type { types, webApi } from "@slack/bolt";
import type { Command } from "../../bot/command.js";
import { MAX_FILE_BYTES, type ArgValue } from "../../bot/event.js";
import { formatOf } from "../../curriculum/bank-file.js";

/** The callback id of the paste modal. */
export const PASTE_CALLBACK = "prepcoach_file_paste";
export const PASTE_NAME_BLOCK = "file_name";
export const PASTE_TEXT_BLOCK = "file_text";
export const PASTE_INPUT = "value";
/** plain_text_input's max_length (https://api.slack.com/reference/block-kit/block-elements#input). */
export const PASTE_MAX = 3_000;

/** A command action that takes a file (`bank import`): the core's `actionArgs` lists `file` for it. */
export interface FileCommand { name: string; action: string }

/** The command and action that take a file, if this invocation is one of them. */
export function fileCommandOf(commands: readonly Command[], name: string, args: Record<string, ArgValue>): FileCommand | undefined {
  const action = typeof args.action === "string" ? args.action : undefined;
  const c = commands.find((x) => x.name === name);
  return action && c?.actionArgs?.[action]?.includes("file") ? { name, action } : undefined;
}

/** The first command action that takes a file: what a file shared with the bot is for. */
export function sharedFileCommand(commands: readonly Command[]): FileCommand | undefined {
  for (const c of commands) {
    const action = Object.entries(c.actionArgs ?? {}).find(([, args]) => args.includes("file"))?.[0];
    if (action) return { name: c.name, action };
  }
  return undefined;
}

/** Where the pasted file's answer goes: the slash command's channel and response_url. */
export interface PasteOrigin extends FileCommand { channelId: string; responseUrl?: string }

export function pasteModal(origin: PasteOrigin, fileName: string | undefined): types.ModalView {
  return {
    type: "modal",
    callback_id: PASTE_CALLBACK,
    title: { type: "plain_text", text: "Import a question bank" },
    submit: { type: "plain_text", text: "Import" },
    close: { type: "plain_text", text: "Cancel" },
    private_metadata: JSON.stringify({ n: origin.name, a: origin.action, c: origin.channelId, r: origin.responseUrl }),
    blocks: [
      {
        type: "input", block_id: PASTE_NAME_BLOCK,
        label: { type: "plain_text", text: "File name" },
        hint: { type: "plain_text", text: "Ends in .yaml, .yml or .csv: it says which format you paste, and /coach bank export gives the bank back under it." },
        element: { type: "plain_text_input", action_id: PASTE_INPUT, initial_value: fileName ?? "question-bank.yaml", max_length: 100 },
      },
      {
        type: "input", block_id: PASTE_TEXT_BLOCK,
        label: { type: "plain_text", text: "The file's text (YAML or CSV)" },
        hint: { type: "plain_text", text: "Up to 3,000 characters. A longer file: share it with me in a direct message instead. The format is in docs/question-bank.md." },
        element: { type: "plain_text_input", action_id: PASTE_INPUT, multiline: true, max_length: PASTE_MAX },
      },
    ],
  };
}

export function parsePasteOrigin(metadata: string | undefined): PasteOrigin | undefined {
  try {
    const m = JSON.parse(metadata ?? "") as { n?: unknown; a?: unknown; c?: unknown; r?: unknown };
    if (typeof m.n !== "string" || typeof m.a !== "string" || typeof m.c !== "string") return undefined;
    return { name: m.n, action: m.a, channelId: m.c, ...(typeof m.r === "string" ? { responseUrl: m.r } : {}) };
  } catch {
    return undefined;
  }
}

/** A file name the modal refuses at once (Slack shows it under the input), or undefined when fine. */
export const badFileName = (name: string) => (formatOf(name) ? undefined : "The name must end in .yaml, .yml or .csv.");

export type SharedFile = { ok: true; name: string; text: string } | { ok: false; message: string };

/** How long a shared file may take to download. */
const DOWNLOAD_TIMEOUT_MS = 30_000;

/**
 * A file shared with the bot: files.info for its name and size, then its bytes from
 * url_private_download with the bot token. Slack answers a download without the token with a
 * redirect to its sign-in page (an HTML page), so anything but a 200 that is not HTML is a failure.
 */
export async function downloadSharedFile(client: webApi.WebClient, token: string, fileId: string, fetchFn: typeof fetch = fetch): Promise<SharedFile> {
  const info = await client.files.info({ file: fileId }).catch(() => undefined);
  const f = info?.file;
  const name = f?.name ?? "the file";
  if (!f?.url_private_download) return { ok: false, message: `I could not read ${name} from Slack. Please share it with me again.` };
  if (!formatOf(name)) return { ok: false, message: `I read question-bank files here: ${name} is not one (a bank file ends in .yaml, .yml or .csv; the format is in docs/question-bank.md).` };
  if ((f.size ?? 0) > MAX_FILE_BYTES) return { ok: false, message: `${name} is ${Math.ceil((f.size ?? 0) / 1024)} KB; a file may be at most ${MAX_FILE_BYTES / 1024} KB.` };
  const res = await fetchFn(f.url_private_download, {
    headers: { authorization: `Bearer ${token}` }, redirect: "manual", signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
  }).catch(() => undefined);
  const isPage = res?.headers.get("content-type")?.startsWith("text/html") ?? false;
  const text = res?.status === 200 && !isPage ? await res.text().catch(() => undefined) : undefined;
  if (text === undefined) return { ok: false, message: `I could not download ${name} from Slack. Please share it with me again.` };
  return { ok: true, name, text };
}
