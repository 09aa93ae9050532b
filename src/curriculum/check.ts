/**
 * `npm run curriculum:check [dir]`: validates every content file and the cross-references between
 * them, prints the counts, and exits non-zero on any defect. `dir` defaults to the bot's content.
 */
import { CurriculumError, loadCurriculum } from "./loader.js";
import { curriculumCounts, formatCounts } from "./counts.js";

try {
  const dir = process.argv[2];
  const curriculum = dir ? loadCurriculum(dir) : loadCurriculum();
  process.stdout.write(`${formatCounts(curriculumCounts(curriculum))}\n`);
} catch (err) {
  if (!(err instanceof CurriculumError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exitCode = 1;
}
