/**
 * Preloaded (NODE_OPTIONS=--import) into every Node process of an `npm start`: the bot's own
 * process (the one running src/main.ts or dist/main.js) writes, as it exits, the packages its
 * CommonJS loader loaded (discord.js and bolt are CommonJS, so every file of theirs is there)
 * and its resident memory, to LOADED_MODULES_FILE.
 */
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const out = process.env.LOADED_MODULES_FILE;
const entry = process.argv[1] ?? "";
if (out && /[/\\](src[/\\]main\.ts|dist[/\\]main\.js)$/.test(entry)) {
  const cache = createRequire(import.meta.url).cache;
  process.on("exit", () => {
    const files = Object.keys(cache);
    writeFileSync(out, JSON.stringify({ files, rss: process.memoryUsage().rss, maxRss: process.resourceUsage().maxRSS * 1024 }));
  });
}
