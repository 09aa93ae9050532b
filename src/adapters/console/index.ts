/**
 * The console adapter: a terminal REPL (or a pipe) that turns typed lines into core events and
 * prints replies as text. `/quiz caching 2`, a number to pick a choice, a line to answer a form.
 */
import { randomUUID } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Command } from "../../bot/command.js";
import type { Dispatcher } from "../../bot/dispatcher.js";
import { MAX_FILE_BYTES, type BotEvent } from "../../bot/event.js";
import type { MessageRef, Outbox } from "../../bot/ports.js";
import type { Reply } from "../../bot/reply.js";
import type { PlatformAdapter } from "../platform.js";
import { defaultFilesDir, saveAttachments } from "./files.js";
import { parseForCommand } from "./parse.js";
import { readLine } from "./sanitize.js";
import { renderConsole, type RenderedConsole } from "./render.js";

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  dispatcher: Dispatcher;
  commands: readonly Command[];
  user: { id: string; name: string };
  /** Extra lines the host understands (":advance 25h"); return true when handled. */
  devCommand?: (line: string) => Promise<string | undefined>;
  /** Where reply attachments are written (default: <os tmpdir>/prepcoach). */
  filesDir?: string;
  /** When a submitted answer's reply is this late, "grading…" is shown (default BUSY_AFTER_MS). */
  busyAfterMs?: number;
}

/** Under this a reply feels immediate; past it the console shows "grading…". */
export const BUSY_AFTER_MS = 400;

export const CONSOLE_SPACE = "local";
export const CONSOLE_CHANNEL = "console";

/**
 * Nothing to connect, so `start` and `stop` do nothing; the process's foreground is `run`, which
 * main.ts awaits last and shuts down after.
 */
export interface ConsoleAdapter extends PlatformAdapter {
  readonly platform: "console";
  /** Reads lines until end of input or /quit. */
  run(): Promise<void>;
  readonly outbox: Outbox;
}

export function createConsoleAdapter(o: ConsoleOptions): ConsoleAdapter {
  const byName = new Map(o.commands.map((c) => [c.name, c]));
  let last: RenderedConsole | undefined;
  /** The thread a mock interview opened: plain lines go there until a command is typed. */
  let thread: string | undefined;
  let threads = 0;
  /** Who is typing: `:as Ravi` plays another member (to try peer mocks alone); `:as` comes back. */
  let user = { ...o.user, isAdmin: true };
  const write = (s: string) => o.output.write(s);

  const event = (kind: BotEvent["kind"], name: string, args: BotEvent["args"]): BotEvent => ({
    platform: "console", space: { id: CONSOLE_SPACE, name: "console" }, channel: { id: CONSOLE_CHANNEL },
    ...(thread ? { thread: { id: thread } } : {}),
    user, kind, name, args, idempotencyKey: randomUUID(),
  });

  async function show(reply: Reply | undefined) {
    if (!reply) return;
    const rendered = renderConsole(reply);
    // A reply without choices or a form keeps the earlier ones answerable (e.g. after "empty answer").
    if (rendered.choices.length || rendered.form) last = rendered;
    write(`${rendered.text}\n`);
    for (const line of await saveAttachments(reply.files ?? [], o.filesDir ?? defaultFilesDir())) write(`${line}\n`);
    if (reply.files?.length) write("\n");
  }

  /** An answer still being graded after a moment (a model call can take seconds) says so on screen. */
  async function withBusyLine<T>(work: Promise<T>): Promise<T> {
    const timer = setTimeout(() => write("grading…\n"), o.busyAfterMs ?? BUSY_AFTER_MS);
    try {
      return await work;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The file's name and text, or why it cannot be read (a line for the person at the console). */
  async function readPath(path: string): Promise<{ name: string; text: string } | string> {
    try {
      const size = (await stat(path)).size;
      if (size > MAX_FILE_BYTES) return `${path} is ${Math.ceil(size / 1024)} KB; a file may be at most ${MAX_FILE_BYTES / 1024} KB.`;
      return { name: path, text: await readFile(path, "utf8") };
    } catch (err) {
      return `Could not read ${path}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message}.`;
    }
  }

  async function handleLine(raw: string): Promise<boolean> {
    const line = raw.trim();
    if (line === "/quit" || line === "/exit") return false;
    if (line === ":as" || line.startsWith(":as ")) {
      const name = line.slice(3).trim();
      user = name ? { id: `as-${name.toLowerCase().replace(/\s+/g, "-")}`, name, isAdmin: false } : { ...o.user, isAdmin: true };
      last = undefined;
      write(`You are now ${user.name}${name ? " (another member of this console space; :as alone comes back)" : ""}.\n\n`);
    } else if (line.startsWith(":") && o.devCommand) {
      write(`${(await o.devCommand(line)) ?? `Unknown dev command ${line}`}\n\n`);
    } else if (line.startsWith("/")) {
      const head = line.slice(1).split(/\s+/)[0]?.toLowerCase() ?? "";
      const { name, args } = parseForCommand(line, byName.get(head));
      last = undefined;
      if (name !== "mock") thread = undefined;
      // A command's `file` is a path on the console: read here, so the core gets the text.
      const file = typeof args.file === "string" ? await readPath(args.file) : undefined;
      if (typeof file === "string") write(`${file}\n\n`);
      else await show(await o.dispatcher.handle({ ...event("command", name, args), ...(file ? { file } : {}) }));
    } else if (last?.form) {
      const form = last.form;
      await show(await withBusyLine(o.dispatcher.handle(event("submit", form.action, { text: raw }))));
    } else if (/^\d+$/.test(line) && last?.choices.length) {
      const action = last.choices[Number(line) - 1];
      if (action) await show(await o.dispatcher.handle(event("action", action, {})));
      else write(`Pick a number from 1 to ${last.choices.length}.\n\n`);
    } else if (line && thread) {
      // Inside a mock interview: the line is part of the transcript; questions get an answer.
      const reply = await o.dispatcher.handle(event("message", "message", { text: raw }));
      if (reply) await show(reply);
    } else if (line) {
      write("Commands start with / — type /help to see them.\n\n");
    }
    return true;
  }

  return {
    platform: "console",
    async start() {},
    async stop() {},
    async run() {
      write("prepcoach console — type /help to start, /quit to leave.\n\n");
      const rl = createInterface({ input: o.input, terminal: false });
      for await (const typed of rl) {
        const read = readLine(typed);
        if (!read.ok) write(`${read.message}\n\n`);
        else if (!(await handleLine(read.line))) break;
      }
      rl.close();
    },
    outbox: {
      async openThread(target, name, first) {
        thread = `thread-${++threads}`;
        write(`🧵 [thread: ${name}] — type your answers; lines go to the interviewer until you type a /command.\n`);
        await show(first);
        return { channelId: target.channelId, threadId: thread, messageId: randomUUID() };
      },
      async post(target, reply): Promise<MessageRef> {
        // A post into a mock's thread (a phase timer) puts the console there: after a restart,
        // that is how typed lines find the running interview again.
        if (target.threadId) thread = target.threadId;
        write(`[post to #${target.channelId}${target.userId ? `, privately to ${target.userId}` : ""}]\n`);
        await show(reply);
        return { channelId: target.channelId, messageId: randomUUID() };
      },
    },
  };
}
