import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { DEFAULT_KNOWLEDGE_DIR, MODEL_FILE } from "../knowledge/files.js";
import { CONFIDENCE_FEATURE_NAMES, FEATURE_NAMES, type ConfidenceFeatures, type Features } from "./features.js";

/** Beside the knowledge it was fitted on, so the compiled bot and its image find it there too. */
export const WEIGHTS_FILE = join(DEFAULT_KNOWLEDGE_DIR, MODEL_FILE);

const Logistic = z.strictObject({
  features: z.array(z.string()),
  /** Per feature, the values where its weight may change: each adds a column, how far the value lies past it. */
  bends: z.array(z.array(z.number())),
  mean: z.array(z.number()),
  scale: z.array(z.number()),
  weights: z.array(z.number()),
  bias: z.number(),
});
export type Logistic = z.infer<typeof Logistic>;

/** A labelled question from a fitting set, with the entries that answered it right (none for one out of scope). */
const AskedQuestion = z.strictObject({
  question: z.string(),
  answeredBy: z.array(z.string()),
  /** The set it came from, so training can leave a set's own questions out of that set's features. */
  set: z.string(),
});
export type AskedQuestion = z.infer<typeof AskedQuestion>;

/** Two logistic regressions over standardised named features, fitted by `npm run train`. */
export const ModelFile = z.strictObject({
  /** Orders the candidates: the probability that this one answers the question right. */
  ranker: Logistic,
  /** Decides about the best candidate: the probability that the answer given is right. */
  confidence: Logistic,
  /** Below this confidence the bot does not answer; chosen for precision on a set used for neither fit. */
  threshold: z.number().min(0).max(1),
  fittedOn: z.array(z.string()),
  /** The fitting sets' questions with the entries that answered them right: what "asked before" compares with. */
  askedBefore: z.array(AskedQuestion),
  thresholdChosenOn: z.array(z.string()),
});
export type ModelFile = z.infer<typeof ModelFile>;

/** How far a value lies past a bend: the bend's column. */
const past = (value: number, bend: number) => Math.max(0, value - bend);

/** The columns a model weighs: the features' values, then how far each value lies past each of its bends. */
export function bentColumns(values: readonly number[], bends: readonly (readonly number[])[]): number[] {
  const columns = [...values];
  values.forEach((value, i) => {
    for (const bend of bends[i]!) columns.push(past(value, bend));
  });
  return columns;
}

/** A function that applies a fitted model to named features, after checking the model names the same ones. */
export function scorer<Name extends string>(model: Logistic, names: readonly Name[], what: string): (features: Record<Name, number>) => number {
  if (model.features.length !== names.length || names.some((name) => !model.features.includes(name))) {
    throw new Error(`the ${what} model's features (${model.features.join(", ")}) are not the ones the code computes; run npm run train`);
  }
  const width = model.features.length + model.bends.flat().length;
  if (model.bends.length !== model.features.length || [model.weights, model.mean, model.scale].some((list) => list.length !== width)) {
    throw new Error(`the ${what} model's bends and weights do not match its features; run npm run train`);
  }
  const order = model.features as Name[];
  const { weights, mean, scale, bends } = model;
  // Summed in the order of bentColumns, without building its array: this runs for every candidate of every answer.
  return (features) => {
    let z = model.bias;
    for (let i = 0; i < order.length; i++) z += (weights[i]! * (features[order[i]!] - mean[i]!)) / scale[i]!;
    let column = order.length;
    for (let i = 0; i < order.length; i++) {
      for (const bend of bends[i]!) {
        z += (weights[column]! * (past(features[order[i]!], bend) - mean[column]!)) / scale[column]!;
        column++;
      }
    }
    return 1 / (1 + Math.exp(-z));
  };
}

export class AnswerModel {
  readonly rank: (features: Features) => number;
  readonly confidence: (features: ConfidenceFeatures) => number;

  constructor(readonly file: ModelFile) {
    this.rank = scorer(file.ranker, FEATURE_NAMES, "ranking");
    this.confidence = scorer(file.confidence, CONFIDENCE_FEATURE_NAMES, "confidence");
  }

  static load(path = WEIGHTS_FILE): AnswerModel {
    return new AnswerModel(ModelFile.parse(JSON.parse(readFileSync(path, "utf8"))));
  }

  get threshold(): number {
    return this.file.threshold;
  }
}
