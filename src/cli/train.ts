// npm run train: fits the ranking and confidence models on labelled question sets, chooses the
// answer threshold on another set, and writes knowledge/answer-model.json. Deterministic: the
// same sets and knowledge give the same file.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { basename, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { WEIGHTS_FILE, type Logistic, type ModelFile } from "../answers/answer-model.js";
import { answerServices, fitOn, judgeEachHeldOut, labelFitSets, unthresholded } from "../quality/held-out.js";
import { readQuestionSet } from "../quality/question-set.js";
import { atThreshold, chooseThreshold, fateAt } from "../quality/threshold.js";
import { judgeUnthresholded } from "../quality/train-model.js";

const path = (file: string) => fileURLToPath(new URL(`../../${file}`, import.meta.url));
/** Every students' set written for fitting (train.jsonl, train2.jsonl, …), then the team's and the public development set. */
const FIT_SETS = [
  ...readdirSync(path("eval"))
    .filter((file) => /^train\d*\.jsonl$/.test(file))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }))
    .map((file) => `eval/${file}`),
  "eval/team.jsonl",
  "eval/dev.jsonl",
];
const THRESHOLD_SETS = ["eval/tune.jsonl"];
/**
 * At most three answers in two hundred wrong on questions no model saw. The goal is 3% on any new
 * set, and a set of 130 answers scatters: expecting 1.5%, it stays within 3% about six times in
 * seven; expecting 2%, three in four. At 2% the rule once bought answers that were wrong one time in
 * four, just above the threshold: a bot that must be right or silent does not buy them at that price.
 */
const MAX_WRONG_SHARE = 0.015;
/** The fitting questions that held-out models get wrong or refuse: where to look for a general cause without reading a set reported on. */
const MISSES_FILE = "eval/results/held-out-misses.jsonl";
/** Where the trade-off between answering and staying silent is printed. */
const SHOWN_THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95];

const answersWith = answerServices();

const fitSets = FIT_SETS.map((file) => ({ set: basename(file, ".jsonl"), questions: readQuestionSet(path(file)) }));
const data = labelFitSets(fitSets, answersWith);
const { askedBefore } = data;

const { ranker, confidence, questions, rows, right } = fitOn(data, fitSets);

const printWeights = (title: string, model: Logistic) => {
  console.log(`\n${title}: weight per standard deviation`);
  const columns = [...model.features, ...model.features.flatMap((name, i) => model.bends[i]!.map((bend) => `${name} past ${Number(bend.toFixed(3))}`))];
  columns.forEach((name, i) => console.log(`  ${name.padEnd(30)}${model.weights[i]!.toFixed(3).padStart(8)}`));
  console.log(`  ${"bias".padEnd(30)}${model.bias.toFixed(3).padStart(8)}`);
};
console.log(`remembered ${askedBefore.length} questions asked before`);
console.log(`fitted on ${questions} questions from ${FIT_SETS.join(", ")}; the confidence model on ${rows} best candidates, ${right} right`);
printWeights("ranking", ranker);
printWeights("confidence", confidence);

// The threshold set alone is small: each fitting set also judges models fitted without it, a new writer's questions every time.
const heldOut = await judgeEachHeldOut(data);
const judged = [
  ...judgeUnthresholded(answersWith(unthresholded({ ranker, confidence }, askedBefore)), THRESHOLD_SETS.flatMap((file) => readQuestionSet(path(file)))),
  ...heldOut.flat(),
];
const choice = chooseThreshold(judged, MAX_WRONG_SHARE);
const percent = (part: number, whole: number) => `${((100 * part) / Math.max(1, whole)).toFixed(1)}%`;
console.log("\nthreshold   in scope right   wrong among answers");
for (const threshold of [...new Set([...SHOWN_THRESHOLDS, choice.threshold])].sort((a, b) => a - b)) {
  const at = atThreshold(judged, threshold);
  console.log(`${threshold.toFixed(2).padEnd(12)}${percent(at.right, at.inScope).padEnd(17)}${percent(at.wrong, at.answered)}`);
}
const chosenOn = [...THRESHOLD_SETS, ...FIT_SETS.map((file) => `${file} (by models fitted without it)`)];
console.log(`\nthreshold ${choice.threshold.toFixed(2)} on ${judged.length} questions: ${choice.right}/${choice.inScope} in scope right, ${choice.wrong}/${choice.answered} answers wrong`);
const misses = fitSets.flatMap(({ set, questions }, s) =>
  heldOut[s]!.flatMap((question, i) => {
    const fate = fateAt(question, choice.threshold);
    return fate === "right" ? [] : [{ set, id: question.id, kind: questions[i]!.kind, q: questions[i]!.q, fate, confidence: Number(question.confidence.toFixed(3)), verdict: question.verdict }];
  }),
);
mkdirSync(dirname(path(MISSES_FILE)), { recursive: true });
writeFileSync(path(MISSES_FILE), misses.map((miss) => JSON.stringify(miss)).join("\n") + "\n");
const wrongMisses = misses.filter(({ fate }) => fate === "wrong").length;
console.log(`fitting sets, each judged by models fitted without it: ${wrongMisses} wrong and ${misses.length - wrongMisses} in scope refused, listed in ${MISSES_FILE}`);
const model: ModelFile = { ranker, confidence, threshold: choice.threshold, fittedOn: FIT_SETS, askedBefore, thresholdChosenOn: chosenOn };
writeFileSync(WEIGHTS_FILE, `${JSON.stringify(model, null, 2)}\n`);
console.log(`wrote ${WEIGHTS_FILE}`);
