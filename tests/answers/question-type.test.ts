import { describe, expect, it } from "vitest";
import { answerTypeOf } from "../../src/answers/question.js";

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
  ])("%j asks %s", (question, type) => {
    expect(answerTypeOf(question)).toBe(type);
  });
});
