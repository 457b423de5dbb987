import { describe, expect, it } from "vitest";
import { AnswerModel, bentColumns, scorer } from "../../src/answers/answer-model.js";
import { CONFIDENCE_FEATURE_NAMES, FEATURE_NAMES } from "../../src/answers/features.js";
import { calibration } from "../../src/quality/calibration.js";
import { fitLogistic, sigmoid } from "../../src/quality/logistic.js";
import type { Outcome } from "../../src/quality/score.js";
import { chooseThreshold, fateAt, type Judged } from "../../src/quality/threshold.js";
import { bendsOf } from "../../src/quality/train-model.js";

/** Rows whose label follows the first column, with a second column of noise. */
function separable(): { rows: number[][]; labels: number[] } {
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < 200; i++) {
    const x = (i % 20) / 10 - 1;
    rows.push([x, (i * 7919) % 13]);
    labels.push(x + ((i * 31) % 7) / 10 - 0.3 > 0 ? 1 : 0);
  }
  return { rows, labels };
}

describe("fitting the logistic regression", () => {
  it("learns the column that predicts the label and gives the same weights every time", () => {
    const { rows, labels } = separable();
    const first = fitLogistic(rows, labels);
    expect(fitLogistic(rows, labels)).toEqual(first);
    expect(first.weights[0]!).toBeGreaterThan(1);
    expect(Math.abs(first.weights[1]!)).toBeLessThan(0.5);
    const predicted = rows.map((row) => sigmoid(first.bias + first.weights.reduce((z, w, j) => z + (w * (row[j]! - first.mean[j]!)) / first.scale[j]!, 0)));
    const right = predicted.filter((p, i) => (p > 0.5 ? 1 : 0) === labels[i]).length;
    expect(right / rows.length).toBeGreaterThan(0.8);
  });
});

describe("bends in a feature's weight", () => {
  // Right answers are likeliest in the middle of the range: no straight line follows that.
  const rows = Array.from({ length: 400 }, (_, i) => [(i % 100) / 100, i % 2]);
  const labels = rows.map(([x], i) => (Math.abs(x! - 0.5) < 0.2 !== (i % 13 === 0) ? 1 : 0));
  const accuracy = (columns: number[][]) => {
    const fit = fitLogistic(columns, labels);
    const predicted = columns.map((row) => sigmoid(fit.bias + fit.weights.reduce((z, w, j) => z + (w * (row[j]! - fit.mean[j]!)) / fit.scale[j]!, 0)));
    return predicted.filter((p, i) => (p > 0.5 ? 1 : 0) === labels[i]).length / rows.length;
  };

  it("are placed where a column's values split evenly, and never on a yes-or-no column", () => {
    expect(bendsOf(rows, 3)).toEqual([[0.25, 0.5, 0.75], []]);
    expect(bendsOf(rows, 0)).toEqual([[], []]);
  });

  it("let the model follow a feature that is best in the middle, which a straight line cannot", () => {
    const bends = bendsOf(rows, 3);
    expect(bentColumns([0.875, 1], bends)).toEqual([0.875, 1, 0.625, 0.375, 0.125]);
    expect(bentColumns([0.1, 0], bends)).toEqual([0.1, 0, 0, 0, 0]);
    expect(accuracy(rows)).toBeLessThan(0.7);
    expect(accuracy(rows.map((row) => bentColumns(row, bends)))).toBeGreaterThan(0.85);
  });

  it("must match the model's weights, or the model is refused before it can answer", () => {
    const model = { features: ["x"], bends: [[0.5]], mean: [0], scale: [1], weights: [1], bias: 0 };
    expect(() => scorer(model, ["x"], "test")).toThrow(/npm run train/);
    expect(scorer({ ...model, mean: [0, 0], scale: [1, 1], weights: [1, 2] }, ["x"], "test")({ x: 1 })).toBeCloseTo(sigmoid(1 + 2 * 0.5));
  });
});

describe("choosing the threshold", () => {
  const judged = (confidence: number, right: boolean, outOfScope = false): Judged => ({ id: "q", confidence, right, outOfScope, verdict: "" });

  it("raises the threshold above confident wrong answers until few enough of the answers are wrong", () => {
    const questions = [judged(0.99, true), judged(0.98, true), judged(0.9, false), judged(0.85, true), judged(0.8, true), judged(0.6, false, true)];
    // 0.91 to 0.98 all answer the two right ones only, none wrong: the middle of that range.
    expect(chooseThreshold(questions, 0.025).threshold).toBeCloseTo(0.94);
    // Allowing one wrong answer in five lets it answer more.
    expect(chooseThreshold(questions, 0.2).threshold).toBeLessThanOrEqual(0.8);
  });

  it("refuses everything rather than answer when every answer would be wrong", () => {
    const choice = chooseThreshold([judged(0.9, false), judged(0.7, false, true)], 0.025);
    expect(choice.answered).toBe(0);
  });

  it("tells each question's fate at a threshold: an in-scope question below it is refused, an out-of-scope one rightly so", () => {
    expect(fateAt(judged(0.9, true), 0.74)).toBe("right");
    expect(fateAt(judged(0.9, false), 0.74)).toBe("wrong");
    expect(fateAt(judged(0.6, true), 0.74)).toBe("refused");
    expect(fateAt(judged(-1, false), 0.74)).toBe("refused");
    expect(fateAt(judged(0.6, true, true), 0.74)).toBe("right");
    // An out-of-scope question answered at all is answered wrong, whatever the entry.
    expect(fateAt(judged(0.9, true, true), 0.74)).toBe("wrong");
  });
});

describe("the shipped model", () => {
  it("loads, computes the features its weights name, and gives probabilities", () => {
    const model = AnswerModel.load();
    expect(model.file.ranker.features).toEqual([...FEATURE_NAMES]);
    expect(model.file.confidence.features).toEqual([...CONFIDENCE_FEATURE_NAMES]);
    expect(model.file.confidence.bends.some((bends) => bends.length > 0)).toBe(true);
    expect(model.threshold).toBeGreaterThan(0.5);
    expect(model.file.thresholdChosenOn.some((set) => model.file.fittedOn.includes(set))).toBe(false);
  });
});

describe("the calibration table", () => {
  it("groups the answers given by confidence, with how many were right", () => {
    const outcome = (confidence: number, ok: boolean, answered = true): Outcome => ({ id: "q", kind: "fact", question: "q", outOfScope: false, answered, confidence, ok, reason: "" });
    const rows = calibration([outcome(0.97, true), outcome(0.96, false), outcome(0.72, true), outcome(0.3, false, false)]);
    expect(rows.find((row) => row.label === "0.95–1.00")).toEqual({ label: "0.95–1.00", answers: 2, right: 1 });
    expect(rows.find((row) => row.label === "0.70–0.80")).toEqual({ label: "0.70–0.80", answers: 1, right: 1 });
    expect(rows.reduce((sum, row) => sum + row.answers, 0)).toBe(3);
  });
});
