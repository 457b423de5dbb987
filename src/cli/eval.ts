// npm run eval [-- [FILE...] [--typos] [--failures]]: answer quality per set and per kind (in-scope
// answered right, out-of-scope refused, wrong among the answers given) and a calibration table.
// --typos asks every in-scope question again with two letters of one word swapped.
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createKnowledgeBase } from "../knowledge/knowledge-base.js";
import { calibration } from "../quality/calibration.js";
import { readQuestionSet } from "../quality/question-set.js";
import { scoreQuestion, summarize, type Outcome } from "../quality/score.js";
import { seededRandom, withTypo } from "../quality/typos.js";

const { values, positionals } = parseArgs({
  options: { typos: { type: "boolean", default: false }, failures: { type: "boolean", default: false } },
  allowPositionals: true,
});
const files = positionals.length > 0 ? positionals : [fileURLToPath(new URL("../../eval/dev.jsonl", import.meta.url))];
const { answers } = createKnowledgeBase();
const pct = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : "n/a");

/** Every question asked with no threshold: what the bot would answer, how sure it was, and whether it was right. */
const unthresholded: Outcome[] = [];
for (const file of files) {
  const questions = readQuestionSet(file);
  const outcomes = questions.map((question) => scoreQuestion(question, () => answers.ask(question.q)));
  unthresholded.push(...questions.map((question) => scoreQuestion(question, () => answers.ask(question.q, undefined, 0))));
  const report = summarize(outcomes);
  console.log(`\n${file} (${questions.length} questions)`);
  console.log("kind        in scope right   out of scope refused   wrong among answers");
  for (const [kind, row] of [...report.byKind, ["all", report] as const]) {
    const inScope = row.inScope ? `${row.correct}/${row.inScope}` : "-";
    const outOfScope = row.outOfScope ? `${row.abstained}/${row.outOfScope}` : "-";
    console.log(`${kind.padEnd(12)}${inScope.padEnd(17)}${outOfScope.padEnd(23)}${row.answeredWrong}/${row.answered}`);
  }
  console.log(
    `in scope answered right ${pct(report.correct, report.inScope)} · out of scope refused ${pct(report.abstained, report.outOfScope)} · wrong among answers given ${pct(report.answeredWrong, report.answered)}`,
  );
  if (values.typos) {
    const random = seededRandom(1);
    const typed = questions.filter((question) => !question.expect.abstain).map((question) => ({ ...question, q: withTypo(question.q, random) }));
    const typedReport = summarize(typed.map((question) => scoreQuestion(question, () => answers.ask(question.q))));
    console.log(`the same, one typo in each question: ${typedReport.correct}/${typedReport.inScope} = ${pct(typedReport.correct, typedReport.inScope)}`);
  }
  if (values.failures) {
    for (const failure of outcomes.filter((outcome) => !outcome.ok)) console.log(`  ${failure.id} [${failure.kind}] ${failure.question}\n      ${failure.reason}`);
  }
}

console.log(`\nCalibration over ${files.length > 1 ? "these sets" : "this set"}: every question asked with no threshold, by the confidence of the answer it would get, and how often that answer was right`);
console.log("confidence   answers   right");
for (const row of calibration(unthresholded)) console.log(`${row.label.padEnd(13)}${String(row.answers).padEnd(10)}${pct(row.right, row.answers)}`);
console.log(`(threshold ${answers.threshold.toFixed(2)}: below it the bot does not answer)`);
