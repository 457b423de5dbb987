import { describe, expect, it } from "vitest";
import { answerTypeOf, datePrecisionOf, isAsFineAs } from "../../src/answers/question.js";

describe("what a question asks for", () => {
  it.each([
    ["how many soldiers went to kazakhstan", "count"],
    ["Сколько человек работает в секретариате ОДКБ?", "count"],
    ["what is the number of csto members", "count"],
    ["when was the treaty signed", "when"],
    ["yo when did the csto start", "when"],
    ["В каком году появилась ОДКБ?", "when"],
    ["where was the 2015 summit held", "where"],
    ["in which city was the september 2015 summit held", "where"],
    ["who is the secretary general", "who"],
    ["Кто наблюдал за операцией «Канал»?", "who"],
    ["which states sent troops to kazakhstan", "who"],
    ["Name the people who have led the CSTO secretariat", "who"],
    ["list all the members", "who"],
    ["Назовите страны, которые вышли из ОДКБ", "who"],
    ["why did uzbekistan leave", "why"],
    ["Почему Армения заморозила участие?", "why"],
    ["is serbia a member", "yes-no"],
    ["Является ли Сербия членом ОДКБ?", "yes-no"],
    ["what is the csto", "what-is"],
    ["what is the name of the russian base in tajikistan", "other"],
    ["who wrote a eurasian nato", "other"],
    ["according to nikitina what has to happen first", "other"],
    ["In which month of 2006 did Uzbekistan rejoin the CSTO?", "when"],
    ["On what exact date did Zas take office?", "when"],
  ])("%j asks %s", (question, type) => {
    expect(answerTypeOf(question)).toBe(type);
  });
});

describe("how fine a date a question wants", () => {
  it.each([
    ["when was the treaty signed", "year"],
    ["what date was the treaty signed", "year"],
    ["In which month of 2006 did Uzbekistan rejoin the CSTO?", "month"],
    ["в каком месяце узбекистан вернулся в одкб", "month"],
    ["On what exact date did Zas take office?", "day"],
    ["on which day did tokayev ask the csto for help", "day"],
    ["С какого числа Масадыков возглавляет ОДКБ?", "day"],
  ])("%j wants the %s", (question, precision) => {
    expect(datePrecisionOf(question)).toBe(precision);
  });

  it("takes a day as answering a month or a year, and a year as answering neither a month nor a day", () => {
    expect(isAsFineAs("day", "month")).toBe(true);
    expect(isAsFineAs("month", "month")).toBe(true);
    expect(isAsFineAs("year", "month")).toBe(false);
    expect(isAsFineAs("month", "day")).toBe(false);
    expect(isAsFineAs(undefined, "year")).toBe(false);
  });
});
