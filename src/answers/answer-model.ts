import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { PROJECT_ROOT } from "../project-root.js";
import { CONFIDENCE_FEATURE_NAMES, FEATURE_NAMES, type ConfidenceFeatures, type Features } from "./features.js";

/** Beside the knowledge it was fitted on, so the compiled bot and its image find it there too. */
export const WEIGHTS_FILE = join(PROJECT_ROOT, "knowledge", "answer-model.json");

const Logistic = z.strictObject({
  features: z.array(z.string()),
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

/** A function that applies a fitted model to named features, after checking the model names the same ones. */
export function scorer<Name extends string>(model: Logistic, names: readonly Name[], what: string): (features: Record<Name, number>) => number {
  if (model.features.length !== names.length || names.some((name) => !model.features.includes(name))) {
    throw new Error(`the ${what} model's features (${model.features.join(", ")}) are not the ones the code computes; run npm run train`);
  }
  const order = model.features as Name[];
  return (features) => {
    let z = model.bias;
    order.forEach((name, i) => {
      z += (model.weights[i]! * (features[name] - model.mean[i]!)) / model.scale[i]!;
    });
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

  static load(): AnswerModel {
    return new AnswerModel(ModelFile.parse(JSON.parse(readFileSync(WEIGHTS_FILE, "utf8"))));
  }

  get threshold(): number {
    return this.file.threshold;
  }
}
