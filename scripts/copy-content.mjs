// tsc compiles TypeScript only; the curriculum's YAML travels beside the compiled loader.
import { cpSync, rmSync } from "node:fs";

rmSync("dist/curriculum/content", { recursive: true, force: true });
cpSync("src/curriculum/content", "dist/curriculum/content", { recursive: true });
