// npm run train: fits the ranking and confidence models on labelled question sets, chooses the
// answer threshold on another set, and writes knowledge/answer-model.json. Deterministic: the
// same sets and knowledge give the same file.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { AnswerModel, WEIGHTS_FILE, type Logistic, type ModelFile } from "../answers/answer-model.js";
import { createKnowledgeBase } from "../knowledge/knowledge-base.js";
import { loadKnowledge } from "../knowledge/load.js";
import { readQuestionSet } from "../quality/question-set.js";
import { fitModels, labelQuestions, pickThreshold, untrainedModel } from "../quality/train-model.js";

const FIT_SETS = ["eval/train.jsonl", "eval/train2.jsonl", "eval/train3.jsonl", "eval/team.jsonl", "eval/dev.jsonl"];
const THRESHOLD_SETS = ["eval/tune.jsonl"];
/** A wrong answer costs as much as this many right ones: answer only what is right at least three times in four. */
const WRONG_ANSWER_COST = 3;

const path = (file: string) => fileURLToPath(new URL(`../../${file}`, import.meta.url));
const knowledge = loadKnowledge();

const gathering = createKnowledgeBase(knowledge, new AnswerModel(untrainedModel(0.5))).answers;
const labelled = labelQuestions(gathering, FIT_SETS.flatMap((file) => readQuestionSet(path(file))));
const { ranker, confidence, rows, right } = fitModels(labelled);

const printWeights = (title: string, model: Logistic) => {
  console.log(`\n${title}: weight per standard deviation`);
  model.features.forEach((name, i) => console.log(`  ${name.padEnd(19)}${model.weights[i]!.toFixed(3).padStart(8)}`));
  console.log(`  ${"bias".padEnd(19)}${model.bias.toFixed(3).padStart(8)}`);
};
console.log(`fitted on ${labelled.length} questions from ${FIT_SETS.join(", ")}; the confidence model on ${rows} best candidates, ${right} right`);
printWeights("ranking", ranker);
printWeights("confidence", confidence);

const fitted = (threshold: number): ModelFile => ({ ranker, confidence, threshold, fittedOn: FIT_SETS, thresholdChosenOn: THRESHOLD_SETS });
const fittedAnswers = createKnowledgeBase(knowledge, new AnswerModel(fitted(0))).answers;
const choice = pickThreshold(fittedAnswers, THRESHOLD_SETS.flatMap((file) => readQuestionSet(path(file))), WRONG_ANSWER_COST);
console.log(`\nthreshold ${choice.threshold.toFixed(2)} on ${THRESHOLD_SETS.join(", ")}: ${choice.right}/${choice.inScope} in scope right, ${choice.wrong}/${choice.answered} answers wrong`);
writeFileSync(WEIGHTS_FILE, `${JSON.stringify(fitted(choice.threshold), null, 2)}\n`);
console.log(`wrote ${WEIGHTS_FILE}`);
