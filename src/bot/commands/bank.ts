/**
 * `/bank`: a space's own question bank (issue 22; docs/question-bank.md). Admins import a YAML or
 * CSV file (all items valid or nothing stored), export it back, remove items, and switch
 * built-in topics off for the space. The adapter hands the file over as `event.file`.
 */
import { z } from "zod";
import { MAX_BANK_BYTES, parseBankFile, writeBankFile } from "../../curriculum/bank-file.js";
import { defineCommand } from "../command.js";
import { usage } from "../command-ref.js";
import { UserError } from "../errors.js";
import { exportReply, importedReply, refusedReply, removedReply, topicsReply } from "../views/bank.js";

const Args = z.object({
  action: z.enum(["import", "export", "remove", "topics"], { message: "action must be import, export, remove or topics" }),
  /** The file's name (Discord: the attachment; console: its path). The text comes as event.file. */
  file: z.string().trim().min(1).optional(),
  item: z.string().trim().toLowerCase().min(1).optional(),
  topic: z.string().trim().toLowerCase().min(1).optional(),
  state: z.enum(["on", "off"], { message: "state must be on or off" }).optional(),
});

export default defineCommand({
  name: "bank",
  summary: "Admins: this space's own questions, drills and problems (import, export, remove), and built-in topics on or off",
  usage: [usage("bank import", { file: "<file.yaml|file.csv>" }, []), usage("bank export"), usage("bank remove", { item: "<id>" }),
    usage("bank topics", { topic: "<id>", state: "on|off" })],
  args: Args,
  gates: ["adminOnly"],
  actionArgs: { import: ["file"], export: [], remove: ["item"], topics: ["topic", "state"] },
  async run({ args, deps, space, event }) {
    const builtIn = deps.builtInCurriculum ?? deps.curriculum;
    if (args.action === "import") {
      const file = event.file;
      if (!file) throw new UserError("bank.noFile");
      if (Buffer.byteLength(file.text) > MAX_BANK_BYTES) throw new UserError("bank.tooLarge", { max: `${MAX_BANK_BYTES / 1024} KB` });
      const parsed = parseBankFile(file.name, file.text, { builtInTopics: new Set(builtIn.topics.map((t) => t.id)) });
      if (!parsed.ok) return refusedReply(file.name, parsed.errors);
      const before = await deps.banks.get(space.id);
      await deps.banks.replace(space.id, { format: parsed.format, fileName: baseName(file.name), importedAt: deps.clock.now(), items: parsed.items });
      return importedReply(baseName(file.name), parsed.items, before?.items.length ?? 0);
    }
    if (args.action === "export") {
      const bank = await deps.banks.get(space.id);
      if (!bank) throw new UserError("bank.empty");
      return exportReply(bank.fileName, bank.format, writeBankFile(bank.format, bank.items), bank.items.length);
    }
    if (args.action === "remove") {
      const removed = await deps.banks.remove(space.id, args.item);
      if (!removed) throw new UserError(args.item ? "bank.noItem" : "bank.empty", { item: args.item ?? "" });
      return removedReply(removed, args.item);
    }
    if (args.topic || args.state) {
      if (!args.topic || !args.state) throw new UserError("bank.topicAndState");
      if (!builtIn.topics.some((t) => t.id === args.topic)) throw new UserError("bank.unknownTopic", { topic: args.topic.slice(0, 40) });
      await deps.banks.setTopicOff(space.id, args.topic, args.state === "off");
    }
    const off = new Set(await deps.banks.disabledTopics(space.id));
    return topicsReply(builtIn.topics, off, args.topic && args.state ? { topic: args.topic, off: args.state === "off" } : undefined);
  },
});

/** A console path or an upload's name: the name alone is what export gives back. */
const baseName = (name: string) => name.split(/[\\/]/).pop() || name;
