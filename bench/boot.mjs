// A bot process booting on the bench database, as production runs it: the compiled build
// (`npm run build`), no TypeScript loader. It loads what the bot loads, reconciles every
// subscription's schedulers from the database, and reports the time (the RSS figure is the whole
// bot's: process-rss.ts).
import { commands } from "../dist/bot/commands/index.js";
import { actions } from "../dist/bot/actions/index.js";
import { createDispatcher } from "../dist/bot/dispatcher.js";
import { loadCurriculum } from "../dist/curriculum/loader.js";
import { createJobs } from "../dist/jobs/index.js";
import { closeDatabase, openDatabase } from "../dist/storage/db.js";
import { createRepos } from "../dist/storage/index.js";

const [dbFile, redisUrl, prefix] = process.argv.slice(2);
const quiet = { info() {}, warn() {}, error() {} };
const db = openDatabase(dbFile);
const repos = createRepos(db);
const curriculum = loadCurriculum();
const clock = { now: () => new Date("2026-11-25T02:00:00Z") };
const jobs = createJobs({ redisUrl, prefix }, {
  subscriptions: repos.subscriptions, deliveries: repos.deliveries, clock, logger: quiet, maxLatenessMs: 1,
  deliver: async () => ({ kind: "skipped" }),
});
createDispatcher({
  curriculum, ...repos, clock, logger: quiet, defaultTimezone: "UTC", scheduler: jobs.scheduler,
  random: { next: Math.random, id: () => "x" },
}, commands, actions);
const t = performance.now();
const result = await jobs.reconcile();
const seconds = (performance.now() - t) / 1_000;
process.stdout.write(`${JSON.stringify({ seconds, ...result })}\n`);
await jobs.close();
await closeDatabase(db);
