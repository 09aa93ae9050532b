/**
 * `npm run grader:eval -- <cases.json> [--json] [--verbose] [--grader offline|model]`. Without
 * `--grader model` this is the offline eval (src/curriculum/eval-cli.ts), output unchanged. With it,
 * the model at LLM_BASE_URL grades every free-text answer beside the offline grader and the two
 * are compared per label (docs/llm.md). Exit 0 unless the file or the configuration is invalid.
 */
import { readFileSync } from "node:fs";
import { loadConfigOrExit } from "../config.js";
import { EvalFile } from "../curriculum/eval.js";
import { compareGraders, formatComparison } from "./eval-model.js";
import { createModel } from "./index.js";

function fail(message: string): never {
  process.stderr.write(`grader:eval: ${message}\n`);
  process.exit(1);
}

const at = process.argv.indexOf("--grader");
const grader = at >= 0 ? process.argv[at + 1] : "offline";
if (grader !== "offline" && grader !== "model") fail("--grader is offline or model");
// The offline eval reads process.argv itself: it gets the arguments without ours.
if (at >= 0) process.argv.splice(at, 2);

if (grader === "offline") {
  await import("../curriculum/eval-cli.js");
} else {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith("--"));
  if (!file) fail("usage: npm run grader:eval -- <cases.json> --grader model [--json]");
  const config = loadConfigOrExit("grader:eval");
  if (!config.LLM_BASE_URL || !config.LLM_MODEL) fail("--grader model needs LLM_BASE_URL and LLM_MODEL (docs/llm.md)");
  let parsed;
  try {
    parsed = EvalFile.safeParse(JSON.parse(readFileSync(file, "utf8")));
  } catch (err) {
    fail(`${file}: ${(err as Error).message.split("\n")[0]}`);
  }
  if (!parsed.success) fail(`${file}: ${parsed.error.issues[0]!.path.join(".") || "root"}: ${parsed.error.issues[0]!.message}`);
  const model = createModel({
    baseURL: config.LLM_BASE_URL, model: config.LLM_MODEL, timeoutMs: config.LLM_TIMEOUT_MS,
    ...(config.LLM_API_KEY ? { apiKey: config.LLM_API_KEY } : {}),
    // One run grades every case once: no daily cap here, and no warnings per fallback on stderr.
    dailyCallsPerMember: Number.MAX_SAFE_INTEGER, clock: { now: () => new Date() }, logger: { info() {}, warn() {}, error() {} },
  });
  const report = await compareGraders(parsed.data, model, (done, total) => {
    if (process.stderr.isTTY) process.stderr.write(`\rgraded ${done}/${total}`);
  });
  if (process.stderr.isTTY) process.stderr.write("\n");
  process.stdout.write(args.includes("--json") ? `${JSON.stringify(report)}\n` : `${formatComparison(report, config.LLM_MODEL)}\n`);
}
