/**
 * The command production runs: the Dockerfile's last CMD (`npm run start:prod` is the same line;
 * tests/unit/production-command.test.ts holds the two together), with `node` as this Node.
 * The bench's process figures run exactly it, V8 flags included.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export function productionCommand(root: string): string[] {
  const cmds = readFileSync(join(root, "Dockerfile"), "utf8").split("\n").filter((l) => l.startsWith("CMD "));
  const cmd = JSON.parse(cmds.at(-1)?.slice(4) ?? "null") as string[] | null;
  if (!cmd || cmd[0] !== "node") throw new Error("the Dockerfile's CMD is not a node command in exec form");
  return [process.execPath, ...cmd.slice(1)];
}
