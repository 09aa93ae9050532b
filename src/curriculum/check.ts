/**
 * `npm run curriculum:check`: validates every content file and the cross-references between
 * them, prints the counts, and exits non-zero on any defect.
 */
import { CurriculumError, loadCurriculum } from "./loader.js";
import { curriculumCounts, formatCounts } from "./counts.js";

try {
  const curriculum = loadCurriculum();
  process.stdout.write(`${formatCounts(curriculumCounts(curriculum))}\n`);
} catch (err) {
  if (!(err instanceof CurriculumError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exitCode = 1;
}
