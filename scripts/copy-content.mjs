// tsc compiles TypeScript only; the curriculum's YAML travels beside the compiled loader, and the
// chart worker (plain JS, so it runs under tsx too) beside the compiled pool that starts it.
import { cpSync, readdirSync, rmSync } from "node:fs";

rmSync("dist/curriculum/content", { recursive: true, force: true });
cpSync("src/curriculum/content", "dist/curriculum/content", { recursive: true });
for (const file of readdirSync("src/charts").filter((f) => f.endsWith(".mjs"))) cpSync(`src/charts/${file}`, `dist/charts/${file}`);
