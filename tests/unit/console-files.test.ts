import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { createConsoleAdapter, CONSOLE_SPACE } from "../../src/adapters/console/index.js";
import { saveAttachments } from "../../src/adapters/console/files.js";
import { createTestCore } from "../fakes/core.js";
import { pngInfo } from "../fakes/png.js";

const dir = mkdtempSync(join(tmpdir(), "prepcoach-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runConsole(lines: string[], filesDir: string, seed?: (core: ReturnType<typeof createTestCore>) => Promise<void>) {
  const core = createTestCore();
  await seed?.(core);
  const output = new PassThrough();
  let printed = "";
  output.on("data", (c: Buffer) => { printed += c.toString(); });
  const adapter = createConsoleAdapter({
    input: Readable.from(lines.map((l) => `${l}\n`)), output, dispatcher: core.dispatcher, commands: core.dispatcher.commands,
    user: { id: "me", name: "Me" }, filesDir,
  });
  await adapter.run();
  return printed;
}

describe("console adapter: reply attachments", () => {
  it("saves the /stats chart to the files folder and prints where", async () => {
    const filesDir = join(dir, "stats");
    const printed = await runConsole(["/stats"], filesDir, async (core) => {
      const space = `console:${CONSOLE_SPACE}`;
      const m = await core.repos.members.ensure(space, { id: "me", name: "Me" });
      const at = core.clock.now();
      await core.repos.quizzes.open({ id: "x1", spaceId: space, memberId: m.id, questionId: "q-caching-1-01", channelId: "console", kind: "quiz", cardBefore: null, createdAt: at });
      await core.repos.quizzes.recordAnswer({
        spaceId: space, memberId: m.id, sessionId: "x1", questionId: "q-caching-1-01", topic: "caching", level: 1, format: "mcq", answer: "A", score: 1, isCorrect: true, at,
      });
    });
    const path = /Chart saved to (\S+\.png)/.exec(printed)?.[1];
    expect(path?.startsWith(filesDir)).toBe(true);
    expect(pngInfo(readFileSync(path!)).isPng).toBe(true);
  });

  it("saves a JSON export too, and never overwrites an earlier file of the same name", async () => {
    const filesDir = join(dir, "export");
    const printed = await runConsole(["/topics", "/me export", "/me export"], filesDir); // a profile first: export creates none
    const paths = [...printed.matchAll(/File saved to (\S+\.json)/g)].map((m) => m[1]!);
    expect(paths).toHaveLength(2);
    expect(new Set(paths).size).toBe(2);
    expect(readdirSync(filesDir)).toHaveLength(2);
    expect(JSON.parse(readFileSync(paths[0]!, "utf8")).tables.members[0]).toMatchObject({ platformUserId: "me" });
  });

  it("keeps odd characters out of file names", async () => {
    const [line] = await saveAttachments([{ name: "../../etc/pass wd.json", contentType: "application/json", data: Buffer.from("{}").toString("base64") }], join(dir, "odd"));
    const path = line!.replace("File saved to ", "");
    expect(path.startsWith(join(dir, "odd"))).toBe(true);
    expect(readdirSync(join(dir, "odd"))).toHaveLength(1);
    expect(readFileSync(path, "utf8")).toBe("{}");
  });
});
