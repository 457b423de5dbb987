import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { DISAGREEMENT_TAG } from "../../src/quiz/generate.js";
import { rightChoice, type QuizQuestion } from "../../src/quiz/question.js";
import { QuizPool } from "../../src/quiz/quiz-pool.js";
import { questionProblems } from "../../src/quiz/validate-question.js";

const knowledge = loadKnowledge();
const TODAY = new Date("2026-06-01T00:00:00Z");
const pool = QuizPool.fromKnowledge(knowledge, undefined, undefined, TODAY);
const questions = await pool.questions(null);
const byId = (id: string) => questions.find((question) => question.id === id)!;

describe("the questions generated from the curated knowledge", () => {
  it("all pass the validator: four distinct choices, one right answer, a quote that backs it", () => {
    const problems = questions.flatMap((question) => questionProblems(question, knowledge.sources).map((problem) => `${question.id} ${problem}`));
    expect(problems).toEqual([]);
  });

  it("cover every kind: dated events, statuses, who said what and dated claims", () => {
    const kinds = new Set(questions.map((question) => question.kind));
    expect([...kinds].sort()).toEqual(["claim-year", "event-year", "quote-author", "status"]);
    expect(new Set(questions.map((question) => question.id)).size).toBe(questions.length);
  });

  it("ask when Uzbekistan suspended its participation, in Bescotti's words, with nearby years as wrong answers", () => {
    const question = byId("year-country-uzbekistan-suspended");
    expect(question.prompt).toBe("According to Bescotti (2017), in which year did Uzbekistan suspend its participation in the CSTO?");
    expect(rightChoice(question)).toBe("2012");
    expect(question.quote.text).toContain("June 2012");
    for (const year of question.choices) expect(Math.abs(Number(year) - 2012)).toBeLessThanOrEqual(6);
  });

  it("leave out a question with two right answers: Uzbekistan left in 1999 and again in 2012", () => {
    expect(questions.find((question) => question.id === "year-country-uzbekistan-left")).toBeUndefined();
  });

  it("ask which state is an observer with states of other statuses as the wrong answers", () => {
    const question = byId("status-country-serbia");
    const wrong = question.choices.filter((choice) => choice !== "Serbia");
    expect(wrong).not.toContain("Afghanistan");
    expect(rightChoice(question)).toBe("Serbia");
  });

  it("take the wrong states of status questions from those that took part in the treaty, which makes them plausible", () => {
    const tookPart = new Set(
      knowledge.entries.filter((entry) => entry.country?.events.some((event) => ["signed", "joined", "observer"].includes(event.type))).map((entry) => entry.country!.name),
    );
    for (const question of questions.filter((candidate) => candidate.kind === "status")) {
      for (const choice of question.choices) expect(tookPart.has(choice), `${question.id}: ${choice}`).toBe(true);
    }
  });

  it("ask who wrote a quote with the four authors as the choices", () => {
    const question = questions.find((candidate) => candidate.kind === "quote-author")!;
    expect([...question.choices].sort()).toEqual(["Ambassador Yakovenko", "Bescotti", "Kasonta", "Nikitina"]);
    expect(question.prompt).toContain(question.quote.text);
  });

  it("ask about a disagreement only as who wrote which side, and name the source when a year is disputed", () => {
    const disagreements = new Set(knowledge.entries.filter((entry) => entry.tags.includes(DISAGREEMENT_TAG)).map((entry) => entry.id));
    const fromDisagreements = questions.filter((question) => disagreements.has(question.entryId));
    expect(fromDisagreements.length).toBeGreaterThan(0);
    expect(fromDisagreements.every((question) => question.kind === "quote-author")).toBe(true);
    const disputed = questions.filter((question) => question.kind === "event-year" && ["1992", "1999", "2012"].includes(rightChoice(question)));
    expect(disputed.length).toBeGreaterThan(0);
    for (const question of disputed) expect(question.prompt).toMatch(/^According to /);
  });

  it("come out the same after a restart, so a turned-off id keeps meaning the same question", async () => {
    const again = await QuizPool.fromKnowledge(knowledge, undefined, undefined, TODAY).questions(null);
    expect(again).toEqual(questions);
  });
});

describe("the question validator", () => {
  const good = byId("year-country-uzbekistan-suspended");
  const withChoices = (choices: string[], answer = good.answer): QuizQuestion => ({ ...good, choices, answer });

  it("refuses two choices that read the same", () => {
    const choices = [...good.choices];
    choices[(good.answer + 1) % 4] = "2012";
    expect(questionProblems(withChoices(choices), knowledge.sources)).toContain("has two choices that read the same");
  });

  it("refuses a right answer the quote does not back, and a wrong answer the quote names", () => {
    const problems = questionProblems(withChoices(["2010", "2011", "2012", "2013"], 0), knowledge.sources);
    expect(problems).toContain("cites a quote that does not back 2010");
    expect(problems).toContain("offers 2012, which the quote also names, as a wrong answer");
  });

  it("refuses a question without a supporting quote or with three choices", () => {
    const problems = questionProblems({ ...good, choices: good.choices.slice(0, 3), answer: 0, quote: { ...good.quote, text: " " } }, knowledge.sources);
    expect(problems).toContain("has 3 choices instead of 4");
    expect(problems).toContain("has no supporting quote");
  });

  it("refuses the wrong author for a quote", () => {
    const question = questions.find((candidate) => candidate.kind === "quote-author")!;
    const wrongAuthor = question.choices.findIndex((_, i) => i !== question.answer);
    expect(questionProblems({ ...question, answer: wrongAuthor }, knowledge.sources)[0]).toMatch(/as the author of a quote/);
  });
});
