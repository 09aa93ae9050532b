/**
 * `npm run curriculum:check [dir] [--eval evalDir]`: validates every content file (the lexicon
 * with them, in the loader) and the cross-references between them, the grader's eval sets,
 * prints the counts, and exits non-zero on any defect. For the bot's own content (no `dir`) it
 * also holds the content targets (CONTENT_TARGETS) and checks the eval sets beside it (EVAL_DIR);
 * a tree that falls short fails, naming why. A fixture tree's eval sets are checked with `--eval`.
 */
import { CurriculumError, loadCurriculum } from "./loader.js";
import { contentShortfalls, curriculumCounts, formatCounts } from "./counts.js";
import { checkEvalSets, EVAL_DIR, formatEvalCounts } from "./eval-check.js";

function argsOf(argv: readonly string[]): { dir?: string; evalDir?: string } {
  const at = argv.indexOf("--eval");
  const evalDir = at >= 0 ? argv[at + 1] : undefined;
  const dir = argv.find((a, i) => !a.startsWith("--") && (at < 0 || i !== at + 1));
  return { ...(dir ? { dir } : {}), ...(evalDir ? { evalDir } : dir ? {} : { evalDir: EVAL_DIR }) };
}

const fail = (heading: string, lines: readonly string[]) => {
  process.stderr.write(`${heading}\n${lines.map((s) => `  ${s}`).join("\n")}\n`);
  process.exitCode = 1;
};

try {
  const { dir, evalDir } = argsOf(process.argv.slice(2));
  const curriculum = dir ? loadCurriculum(dir) : loadCurriculum();
  const counts = curriculumCounts(curriculum);
  process.stdout.write(`${formatCounts(counts)}\n`);
  const shortfalls = dir ? [] : contentShortfalls(counts);
  if (shortfalls.length) fail("The content falls short of its targets:", shortfalls);
  if (evalDir) {
    const evals = checkEvalSets(curriculum, evalDir);
    process.stdout.write(`${formatEvalCounts(evals.counts)}\n`);
    if (evals.defects.length) fail(`The eval sets have ${evals.defects.length} defect(s):`, evals.defects);
    if (evals.shortfalls.length) fail(`${evals.shortfalls.length} free question(s) lack a full answer set in the eval sets:`, evals.shortfalls);
  }
} catch (err) {
  if (!(err instanceof CurriculumError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exitCode = 1;
}
