import { presentEntry, type AnswerService } from "../answers/answer.js";
import { scorer, type Logistic, type ModelFile } from "../answers/answer-model.js";
import { CONFIDENCE_FEATURE_NAMES, FEATURE_NAMES, featureVector, isEligible, leadOver, type Features } from "../answers/features.js";
import { fitLogistic } from "./logistic.js";
import { judge, type QualityQuestion } from "./score.js";
import { chooseThreshold, type Judged, type ThresholdChoice } from "./threshold.js";

/** Folds for cross-fitting: the confidence model learns from ranking scores the ranker did not see the answers to. */
const FOLDS = 5;
const L2 = 1;

interface LabelledCandidate {
  features: Features;
  eligible: boolean;
  right: boolean;
}

interface LabelledQuestion {
  candidates: LabelledCandidate[];
}

function asLogistic(names: readonly string[], fit: ReturnType<typeof fitLogistic>): Logistic {
  return { features: [...names], ...fit };
}

/** A model that rates every candidate alike, to gather features before anything is fitted. */
export function untrainedModel(threshold: number): ModelFile {
  const flat = (names: readonly string[]): Logistic => ({ features: [...names], mean: names.map(() => 0), scale: names.map(() => 1), weights: names.map(() => 0), bias: 0 });
  return { ranker: flat(FEATURE_NAMES), confidence: flat(CONFIDENCE_FEATURE_NAMES), threshold, fittedOn: [], thresholdChosenOn: [] };
}

/** Every candidate of every question the models decide, labelled by whether the entry it would show is right. */
export function labelQuestions(answers: AnswerService, questions: QualityQuestion[]): LabelledQuestion[] {
  return questions
    .filter((question) => !answers.direct(question.q))
    .map((question) => {
      const ranking = answers.ranker.rank(question.q);
      return {
        candidates: ranking.candidates.map((candidate) => {
          const shown = answers.ranker.shownFor(candidate.hit.entry, ranking.context);
          return { features: candidate.features, eligible: isEligible(candidate.features), right: judge(question, presentEntry(shown)).ok };
        }),
      };
    });
}

function fitRanker(questions: LabelledQuestion[]): Logistic {
  const rows = questions.flatMap((question) => question.candidates.map((candidate) => featureVector(candidate.features, FEATURE_NAMES)));
  const labels = questions.flatMap((question) => question.candidates.map((candidate) => Number(candidate.right)));
  return asLogistic(FEATURE_NAMES, fitLogistic(rows, labels, L2));
}

/** The best eligible candidate's features as the confidence model sees them, with rank scores from `ranker`. */
function decisionRow(question: LabelledQuestion, ranker: Logistic): { vector: number[]; right: boolean } | undefined {
  const rank = scorer(ranker, FEATURE_NAMES, "ranking");
  const scores = question.candidates.map((candidate) => rank(candidate.features));
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const best = order.find((i) => question.candidates[i]!.eligible);
  if (best === undefined) return undefined;
  const rankMargin = leadOver(scores, best);
  const features = { ...question.candidates[best]!.features, rankScore: scores[best]!, rankMargin };
  return { vector: featureVector(features, CONFIDENCE_FEATURE_NAMES), right: question.candidates[best]!.right };
}

/** Fits the ranker on every question, and the confidence model on rank scores cross-fitted in folds. */
export function fitModels(questions: LabelledQuestion[]): Pick<ModelFile, "ranker" | "confidence"> & { rows: number; right: number } {
  const ranker = fitRanker(questions);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const foldRanker = fitRanker(questions.filter((_, i) => i % FOLDS !== fold));
    questions.forEach((question, i) => {
      if (i % FOLDS !== fold) return;
      const row = decisionRow(question, foldRanker);
      if (!row) return;
      rows.push(row.vector);
      labels.push(Number(row.right));
    });
  }
  const confidence = asLogistic(CONFIDENCE_FEATURE_NAMES, fitLogistic(rows, labels, L2));
  return { ranker, confidence, rows: rows.length, right: labels.filter(Boolean).length };
}

/** Asks every question with no threshold and picks the threshold that does best when a wrong answer costs `wrongCost` right ones. */
export function pickThreshold(answers: AnswerService, questions: QualityQuestion[], wrongCost: number): ThresholdChoice {
  const judged: Judged[] = questions.map((question) => {
    const answer = answers.ask(question.q, undefined, 0);
    return { confidence: answer.answered ? answer.confidence : -1, right: judge(question, answer).ok, outOfScope: question.expect.abstain === true };
  });
  return chooseThreshold(judged, wrongCost);
}
