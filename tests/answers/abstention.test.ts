import { describe, expect, it } from "vitest";
import { UserFacingError } from "../../src/errors.js";
import { createKnowledgeBase } from "../../src/knowledge/knowledge-base.js";

const { answers } = createKnowledgeBase();

describe("abstention", () => {
  it.each([
    "who won the 2022 world cup",
    "what is the capital of france",
    "how do i bake sourdough bread",
    "weather in yerevan tomorrow",
    "what is nato's annual budget",
    "how many nuclear warheads does russia have",
    "what language do people speak in brazil",
  ])("does not answer the unrelated question %j", (question) => {
    const answer = answers.ask(question);
    expect(answer.answered).toBe(false);
    expect(answer.answer).toBeNull();
    expect(answer.confidence).toBeLessThan(answers.threshold);
  });

  it("offers the closest entries when it does not answer", () => {
    const answer = answers.ask("what did the csto do in 2019 in syria");
    expect(answer.answered).toBe(false);
    expect(answer.suggestions.length).toBeGreaterThan(0);
    expect(answer.suggestions.length).toBeLessThanOrEqual(5);
  });

  it("answers confidently when it does know", () => {
    const answer = answers.ask("member armenia");
    expect(answer.answered).toBe(true);
    expect(answer.confidence).toBeGreaterThan(0.9);
  });
});

describe("bad input", () => {
  it.each([
    ["an empty question", ""],
    ["whitespace", "   \n\t "],
    ["10,000 characters", "csto ".repeat(2000)],
    ["only control characters", "\u0000\u0007\u001b"],
  ])("rejects %s with a clear message", (_, input) => {
    expect(() => answers.ask(input)).toThrow(UserFacingError);
  });

  it.each([["emoji", "🤔🛡️🇦🇲"], ["mixed scripts", "ОДКБ csto Армения armenia"], ["symbols", "!!!???***"], ["a zero-width joiner inside a word", "arm\u200denia"]])(
    "handles %s without crashing",
    (_, input) => {
      expect(() => answers.ask(input)).not.toThrow();
    },
  );
});
