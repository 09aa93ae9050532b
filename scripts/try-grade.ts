/** Authoring aid: `npx tsx scripts/try-grade.ts <question-id> "<answer>"` prints the grade. */
import { loadCurriculum } from "../src/curriculum/loader.js";
import { gradeFree } from "../src/curriculum/grading.js";

const [id, answer = ""] = process.argv.slice(2);
const q = id ? loadCurriculum().questionsById.get(id) : undefined;
if (!q || q.format !== "free") {
  process.stderr.write(`usage: try-grade <free-text question id> "<answer>"\n`);
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(gradeFree(q, answer), null, 2)}\n`);
