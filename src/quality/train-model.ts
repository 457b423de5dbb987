import { presentEntry, type AnswerService } from "../answers/answer.js";
import { bentColumns, scorer, type AskedQuestion, type Logistic, type ModelFile } from "../answers/answer-model.js";
import { CONFIDENCE_FEATURE_NAMES, FEATURE_NAMES, featureVector, isEligible, leadOver, type Features } from "../answers/features.js";
import { fitLogistic } from "./logistic.js";
import { judge, type QualityQuestion } from "./score.js";
import type { Judged } from "./threshold.js";

/** Folds for cross-fitting: the confidence model learns from ranking scores the ranker did not see the answers to. */
const FOLDS = 5;
const L2 = 1;
/**
 * Bends per feature of the confidence model, at its quartiles: a weight that may change along a
 * feature's range, where a straight line misjudges its ends. The ranker stays straight: it fits on
 * every candidate, ten times the rows, and bends would multiply its fitting time.
 */
const CONFIDENCE_BENDS = 3;

interface LabelledCandidate {
  entryId: string;
  features: Features;
  eligible: boolean;
  right: boolean;
}

export interface LabelledQuestion {
  question: string;
  outOfScope: boolean;
  candidates: LabelledCandidate[];
}

/** Each column's `count` bends, where its values split evenly, each once and strictly inside its range; none for a yes-or-no column. */
export function bendsOf(rows: readonly number[][], count: number): number[][] {
  const width = rows[0]?.length ?? 0;
  return Array.from({ length: width }, (_, j) => {
    if (count === 0) return [];
    const values = rows.map((row) => row[j]!).sort((a, b) => a - b);
    if (new Set(values).size <= 2) return [];
    const quantiles = Array.from({ length: count }, (_, i) => values[Math.floor(((i + 1) / (count + 1)) * values.length)]!);
    return [...new Set(quantiles)].filter((bend) => bend > values[0]! && bend < values[values.length - 1]!);
  });
}

/** A logistic regression over `rows` of the named features and `count` bends of each. */
function fitBent(names: readonly string[], rows: number[][], labels: number[], count: number): Logistic {
  const bends = bendsOf(rows, count);
  return { features: [...names], bends, ...fitLogistic(rows.map((row) => bentColumns(row, bends)), labels, L2) };
}

/** A model that rates every candidate alike, to gather features before anything is fitted. */
export function untrainedModel(threshold: number, askedBefore: AskedQuestion[] = []): ModelFile {
  const flat = (names: readonly string[]): Logistic => ({ features: [...names], bends: names.map(() => []), mean: names.map(() => 0), scale: names.map(() => 1), weights: names.map(() => 0), bias: 0 });
  return { ranker: flat(FEATURE_NAMES), confidence: flat(CONFIDENCE_FEATURE_NAMES), threshold, fittedOn: [], askedBefore, thresholdChosenOn: [] };
}

/** Every candidate of every question the models decide, labelled by whether the entry it would show is right. */
export function labelQuestions(answers: AnswerService, questions: QualityQuestion[]): LabelledQuestion[] {
  return questions
    .filter((question) => !answers.direct(question.q))
    .map((question) => {
      const ranking = answers.ranker.rank(question.q);
      return {
        question: question.q,
        outOfScope: question.expect.abstain === true,
        candidates: ranking.candidates.map((candidate) => {
          const shown = answers.ranker.shownFor(candidate.hit.entry, ranking.context);
          return { entryId: candidate.hit.entry.id, features: candidate.features, eligible: isEligible(candidate.features), right: judge(question, presentEntry(shown)).ok };
        }),
      };
    });
}

/**
 * What "asked before" remembers of a labelled set: each question with the candidates that answered
 * it right. An in-scope question that no candidate answered says nothing about any entry and is left out.
 */
export function rememberAsked(questions: LabelledQuestion[], set: string): AskedQuestion[] {
  return questions.flatMap((labelled) => {
    const answeredBy = labelled.outOfScope ? [] : labelled.candidates.filter((candidate) => candidate.right).map((candidate) => candidate.entryId);
    return labelled.outOfScope || answeredBy.length > 0 ? [{ question: labelled.question, answeredBy, set }] : [];
  });
}

function fitRanker(questions: LabelledQuestion[]): Logistic {
  const rows = questions.flatMap((question) => question.candidates.map((candidate) => featureVector(candidate.features, FEATURE_NAMES)));
  const labels = questions.flatMap((question) => question.candidates.map((candidate) => Number(candidate.right)));
  return fitBent(FEATURE_NAMES, rows, labels, 0);
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
  const confidence = fitBent(CONFIDENCE_FEATURE_NAMES, rows, labels, CONFIDENCE_BENDS);
  return { ranker, confidence, rows: rows.length, right: labels.filter(Boolean).length };
}

/** Asks every question with no threshold: how sure the bot would be, and whether it would be right. */
export function judgeUnthresholded(answers: AnswerService, questions: QualityQuestion[]): Judged[] {
  return questions.map((question) => {
    const answer = answers.ask(question.q, undefined, 0);
    const { ok, reason } = judge(question, answer);
    return { id: question.id, confidence: answer.answered ? answer.confidence : -1, right: ok, outOfScope: question.expect.abstain === true, verdict: reason };
  });
}
