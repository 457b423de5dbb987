import { describe, expect, it } from "vitest";
import { createKnowledgeBase } from "../../src/knowledge/knowledge-base.js";

const { answers } = createKnowledgeBase();
const answerId = (question: string) => answers.ask(question).answer?.id;

/** Questions worded the way students type them, each with the entry that must answer it. */
const EXPECTED: [question: string, entryId: RegExp][] = [
  ["when was the treaty signed", /treaty-signed|signing/],
  ["where was the collective security treaty signed", /treaty-signed|signing/],
  ["who is nikolai bordyuzha", /bordyuzha/],
  ["operation kanal", /kanal/],
  ["what is operation nelegal", /nelegal/],
  ["how many soldiers went to kazakhstan in january 2022", /update-kazakhstan/],
  ["when did armenia freeze its participation", /armenia.*(froze|freez)/],
  ["who is the current csto secretary general", /secretary-general|masadykov/],
  ["what does yakovenko say about the great game", /yakovenko-great-game/],
  ["who is yulia nikitina", /nikitina-about-author/],
  ["article 4 of the treaty", /article-4|art-4/],
  ["Kirghizia membership", /country-kyrgyzstan/],
  ["tashkant treaty", /treaty-signed|signing|disputed-treaty-signing/],
  ["ОДКБ Армения", /armenia/],
  ["Кто наблюдал за операцией ОДКБ «Канал»?", /^bescotti-a-kanal-observers$/],
  ["who is in charge of the csto", /^update-who-is-csto-secretary-general$/],
];

/** The same questions with the slips people make, each with its clean wording. */
const MISTYPED: [typed: string, clean: string][] = [
  ["accroding to bescotti, why did armenia join the cst", "according to bescotti, why did armenia join the cst"],
  ["what did bordyuzah say aobut uzbekistan in october 2005", "what did bordyuzha say about uzbekistan in october 2005"],
  ["how does kasonta describe naot", "how does kasonta describe nato"],
  ["Кто такая Юлия Нкиитина?", "Кто такая Юлия Никитина?"],
  ["Что пишет Бесоктти о Белоруссии и НАТО?", "Что пишет Бескотти о Белоруссии и НАТО?"],
];

describe("search ranking on the real knowledge", () => {
  it.each(EXPECTED)("answers %j with the entry about it", (question, entryId) => {
    expect(answerId(question)).toMatch(entryId);
  });

  it.each(MISTYPED)("answers %j as if it were typed %j", (typed, clean) => {
    const expected = answers.ask(clean);
    expect(expected.answered).toBe(true);
    expect(answerId(typed)).toBe(expected.answer?.id);
  });

  it("cites the author a question names", () => {
    const answer = answers.ask("according to kasonta what did the 2022 summit discuss").answer;
    expect(answer?.sources.map((source) => source.id)).toContain("kasonta-2022");
  });

  it("answers a disputed founding date with every side, not one of them", () => {
    const answer = answers.ask("when was the csto established").answer;
    expect(answer?.sources.length).toBeGreaterThan(1);
    expect(answer?.text).toMatch(/2002/);
    expect(answer?.text).toMatch(/2003|1992/);
  });

  it("attributes an opinion to its author inside the answer", () => {
    const answer = answers.ask("what does yakovenko think of nato").answer;
    expect(answer?.text).toMatch(/Yakovenko/);
  });
});
