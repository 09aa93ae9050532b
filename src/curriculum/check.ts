/**
 * `npm run curriculum:check [dir]`: validates every content file and the cross-references between
 * them, prints the counts, and exits non-zero on any defect. For the bot's own content (no `dir`)
 * it also holds the content targets (CONTENT_TARGETS): a tree that falls short fails, naming why.
 */
import { CurriculumError, loadCurriculum } from "./loader.js";
import { contentShortfalls, curriculumCounts, formatCounts } from "./counts.js";

try {
  const dir = process.argv[2];
  const curriculum = dir ? loadCurriculum(dir) : loadCurriculum();
  const counts = curriculumCounts(curriculum);
  process.stdout.write(`${formatCounts(counts)}\n`);
  const shortfalls = dir ? [] : contentShortfalls(counts);
  if (shortfalls.length) {
    process.stderr.write(`The content falls short of its targets:\n${shortfalls.map((s) => `  ${s}`).join("\n")}\n`);
    process.exitCode = 1;
  }
} catch (err) {
  if (!(err instanceof CurriculumError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exitCode = 1;
}
