import { describe, expect, it } from "vitest";
import { answerServices, judgeEachHeldOut, judgeHeldOut, labelFitSets } from "../../src/quality/held-out.js";
import { readQuestionSet } from "../../src/quality/question-set.js";

describe("judging each fitting set by models fitted without it", () => {
  it("gives on worker threads, in the sets' order, exactly what it gives on one thread", async () => {
    const answersWith = answerServices();
    // Small slices of three real sets: enough for every fit to see right and wrong candidates.
    const fitSets = ["train", "train2", "train3"].map((set) => ({ set, questions: readQuestionSet(`eval/${set}.jsonl`).slice(0, 60) }));
    const data = labelFitSets(fitSets, answersWith);
    const oneThread = fitSets.map((held) => judgeHeldOut(data, held, answersWith));
    expect(oneThread.map((judged) => judged.length)).toEqual([60, 60, 60]);
    // Fitted models that tell answers apart, not a constant that any order would reproduce.
    expect(new Set(oneThread.flat().map(({ confidence }) => confidence.toFixed(3))).size).toBeGreaterThan(20);
    expect(await judgeEachHeldOut(data, 2)).toEqual(oneThread);
  }, 120_000);
});
