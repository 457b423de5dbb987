// Judging each fitting set by models fitted without it: the costly part of `npm run train`, so it
// is spread over worker threads. Each set's judgement depends only on the data, never on the
// thread, and the results come back in the sets' order: the model file is the same either way.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { AnswerService } from "../answers/answer.js";
import { AnswerModel, type AskedQuestion, type ModelFile } from "../answers/answer-model.js";
import { WordVectors } from "../answers/meaning.js";
import { createAnswers, createKnowledgeBase } from "../knowledge/knowledge-base.js";
import { loadKnowledge } from "../knowledge/load.js";
import type { QualityQuestion } from "./score.js";
import type { Judged } from "./threshold.js";
import { fitModels, judgeUnthresholded, labelQuestions, rememberAsked, untrainedModel, type LabelledQuestion } from "./train-model.js";

export interface FitSet {
  set: string;
  questions: QualityQuestion[];
}

/** What every held-out judgement reads: the fitting sets, each labelled with only the others' questions in memory, and that memory. */
export interface HeldOutData {
  fitSets: FitSet[];
  labelled: Map<string, LabelledQuestion[]>;
  askedBefore: AskedQuestion[];
}

/** Answer services over the knowledge for any model, the search engine and the word vectors read once. */
export function answerServices(): (model: ModelFile) => AnswerService {
  const knowledge = loadKnowledge();
  const wordVectors = WordVectors.load();
  const { tokenizer, engine } = createKnowledgeBase(knowledge, new AnswerModel(untrainedModel(0.5)), undefined, wordVectors);
  return (model) => createAnswers(knowledge, tokenizer, engine, new AnswerModel(model), undefined, wordVectors);
}

/**
 * The fitting sets labelled for fitting. A set's questions would find themselves in the memory:
 * each set is read with the other sets' questions only, as a new writer's would be. Read once and
 * reused by every fit; a fit that holds a set out still reads the others with it in memory, which
 * leaves the held set's own features and labels out of its judgement.
 */
export function labelFitSets(fitSets: FitSet[], answersWith: (model: ModelFile) => AnswerService): HeldOutData {
  const unaided = answersWith(untrainedModel(0.5));
  const askedBefore = fitSets.flatMap(({ set, questions }) => rememberAsked(labelQuestions(unaided, questions), set));
  const labelled = new Map(fitSets.map(({ set, questions }) => [set, labelQuestions(answersWith(untrainedModel(0.5, askedBefore.filter((question) => question.set !== set))), questions)]));
  return { fitSets, labelled, askedBefore };
}

/** Both models fitted on the labelled questions of `sets`. */
export function fitOn({ labelled }: HeldOutData, sets: FitSet[]) {
  const questions = sets.flatMap(({ set }) => labelled.get(set)!);
  return { questions: questions.length, ...fitModels(questions) };
}

/** A model file for judging, with no threshold. */
export function unthresholded(models: Pick<ModelFile, "ranker" | "confidence">, askedBefore: AskedQuestion[]): ModelFile {
  return { ...models, threshold: 0, fittedOn: [], askedBefore, thresholdChosenOn: [] };
}

/** The set's questions asked of models fitted on every other set, with only the others' questions in memory. */
export function judgeHeldOut(data: HeldOutData, held: FitSet, answersWith: (model: ModelFile) => AnswerService): Judged[] {
  const asked = data.askedBefore.filter((question) => question.set !== held.set);
  const models = fitOn(data, data.fitSets.filter(({ set }) => set !== held.set));
  return judgeUnthresholded(answersWith(unthresholded(models, asked)), held.questions);
}

/** Runs a TypeScript worker from the sources, as `npm run train` runs under tsx. */
function startWorker(data: HeldOutData): Worker {
  const tsx = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./held-out-worker.ts", import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`, { eval: true, workerData: data });
}

/** Every fitting set judged by models fitted without it, in the sets' order, on as many threads as the machine has. */
export async function judgeEachHeldOut(data: HeldOutData, threads = availableParallelism()): Promise<Judged[][]> {
  const results: Judged[][] = [];
  let next = 0;
  const drain = () =>
    new Promise<void>((resolve, reject) => {
      const worker = startWorker(data);
      let finished = false;
      const giveNext = () => {
        if (next < data.fitSets.length) {
          worker.postMessage(next++);
        } else {
          finished = true;
          void worker.terminate().then(() => resolve());
        }
      };
      worker.on("message", ({ index, judged }: { index: number; judged: Judged[] }) => {
        results[index] = judged;
        giveNext();
      });
      worker.on("error", reject);
      // A worker that stops on its own would otherwise leave training waiting for ever.
      worker.on("exit", (code) => finished || reject(new Error(`a training worker stopped early (exit code ${code})`)));
      giveNext();
    });
  await Promise.all(Array.from({ length: Math.max(1, Math.min(threads, data.fitSets.length)) }, drain));
  return results;
}
