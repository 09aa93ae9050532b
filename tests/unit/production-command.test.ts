/** Production starts one way: the Dockerfile's CMD, `npm run start:prod` and the bench's process figures agree. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { productionCommand } from "../../bench/production-command.js";

const ROOT = join(import.meta.dirname, "../..");
const scripts = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

describe("the production command", () => {
  it("is the Dockerfile's CMD, and npm run start:prod runs the same line", () => {
    const cmd = productionCommand(ROOT);
    expect(cmd[0]).toBe(process.execPath);
    expect(["node", ...cmd.slice(1)].join(" ")).toBe(scripts["start:prod"]);
  });

  it("sizes V8's heap for memory (the 200 MB target), in the bench and npm start alike", () => {
    expect(productionCommand(ROOT)).toContain("--optimize-for-size");
    expect(scripts.start).toContain("--optimize-for-size");
    expect(scripts.bench).toContain("--optimize-for-size");
  });
});
