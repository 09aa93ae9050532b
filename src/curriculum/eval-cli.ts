/**
 * `npm run grader:eval -- <cases.json> [--json] [--verbose]`: runs the grader's eval on a cases
 * file and prints the report (or one JSON object). Exit 0 unless the file is invalid, then a
 * one-line error naming what is wrong and exit 1. `--verbose` also lists every miss.
 */
import { readFileSync } from "node:fs";
import { EvalFile, formatReport, runEval } from "./eval.js";

function fail(message: string): never {
  process.stderr.write(`grader:eval: ${message}\n`);
  process.exit(1);
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--"));
if (!file) fail("usage: npm run grader:eval -- <cases.json> [--json] [--verbose]");

let data: unknown;
try {
  data = JSON.parse(readFileSync(file, "utf8"));
} catch (err) {
  fail(`${file}: ${(err as Error).message.split("\n")[0]}`);
}
const parsed = EvalFile.safeParse(data);
if (!parsed.success) {
  const issue = parsed.error.issues[0]!;
  fail(`${file}: ${issue.path.join(".") || "root"}: ${issue.message}`);
}

const result = runEval(parsed.data);
if (args.includes("--json")) process.stdout.write(`${JSON.stringify(result.report)}\n`);
else {
  process.stdout.write(`${formatReport(result.report)}\n`);
  if (args.includes("--verbose")) {
    for (const r of result.free.filter((x) => !x.inRange || x.violations.length)) {
      process.stdout.write(`MISS ${r.id} score ${r.score} want [${r.expected.join(", ")}]${r.violations.length ? ` credited mustNotCredit: ${r.violations.join(" | ")}` : ""}\n`);
    }
    for (const r of result.numeric.filter((x) => x.got !== x.want)) process.stdout.write(`MISS ${r.id} "${r.answer}" want ${r.want} got ${r.got}\n`);
  }
}
