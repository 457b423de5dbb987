// npm run eval [-- [FILE] [--typos]]: answer quality per kind; --typos asks every in-scope
// question again with two letters of one word swapped.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createKnowledgeBase } from "../knowledge/knowledge-base.js";
import { scoreQuestion, summarize, type Outcome } from "../quality/score.js";
import { seededRandom, withTypo } from "../quality/typos.js";

const EvalQuestion = z.object({
  id: z.string(),
  q: z.string(),
  kind: z.string(),
  expect: z.object({
    all: z.array(z.array(z.string())).optional(),
    sources: z.array(z.string()).optional(),
    abstain: z.boolean().optional(),
  }),
  note: z.string().optional(),
});

const { values, positionals } = parseArgs({ options: { typos: { type: "boolean", default: false } }, allowPositionals: true });
const file = positionals[0] ?? fileURLToPath(new URL("../../eval/dev.jsonl", import.meta.url));
const questions = readFileSync(file, "utf8")
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => EvalQuestion.parse(JSON.parse(line)));

const { answers } = createKnowledgeBase();
const outcomes: Outcome[] = questions.map((question) => scoreQuestion(question, () => answers.ask(question.q)));
const report = summarize(outcomes);

console.log(`Quality on ${file} (${questions.length} questions)\n`);
console.log("kind        in scope correct     out of scope abstained");
for (const [kind, row] of report.byKind) {
  const inScope = row.inScope ? `${row.correct}/${row.inScope}` : "-";
  const outOfScope = row.outOfScope ? `${row.abstained}/${row.outOfScope}` : "-";
  console.log(`${kind.padEnd(12)}${inScope.padEnd(20)}${outOfScope}`);
}
const pct = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : "n/a");
console.log(`\nanswered correctly with the right source: ${report.correct}/${report.inScope} = ${pct(report.correct, report.inScope)}`);
console.log(`out-of-scope abstained on:              ${report.abstained}/${report.outOfScope} = ${pct(report.abstained, report.outOfScope)}`);
if (values.typos) {
  const random = seededRandom(1);
  const typed = questions.filter((question) => !question.expect.abstain).map((question) => ({ ...question, q: withTypo(question.q, random) }));
  const typedReport = summarize(typed.map((question) => scoreQuestion(question, () => answers.ask(question.q))));
  console.log(`the same, one typo in each question:     ${typedReport.correct}/${typedReport.inScope} = ${pct(typedReport.correct, typedReport.inScope)}`);
}
const failures = outcomes.filter((outcome) => !outcome.ok);
if (failures.length > 0) {
  console.log("\nFailures:");
  for (const failure of failures) console.log(`  ${failure.id} [${failure.kind}] ${failure.question}\n      ${failure.reason}`);
}
