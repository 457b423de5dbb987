import { describe, expect, it } from "vitest";
import { EvidenceReader } from "../../src/answers/evidence.js";
import { createKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import type { KnowledgeEntry } from "../../src/knowledge/model.js";

const { answers, knowledge, tokenizer } = createKnowledgeBase();
/** The candidate the ranking puts first. */
const top = (question: string) => answers.ranker.rank(question).candidates[0];
/** The features of one entry among the candidates for a question, if it is one. */
const featuresOf = (question: string, entryId: string) => answers.ranker.rank(question).candidates.find((candidate) => candidate.hit.entry.id === entryId)?.features;

describe("an entry is checked for what the question asks", () => {
  it("counts only a figure of the thing asked about", () => {
    expect(top("how many soldiers were sent to kazakhstan in january 2022")?.features.typeAnswered).toBe(1);
    const deaths = answers.ranker.rank("how many people died in the kazakhstan unrest in january 2022");
    expect(deaths.candidates.every((candidate) => candidate.features.typeAnswered === 0)).toBe(true);
  });

  it.each(["сколько военных ОДКБ отправила в Казахстан в 2022 году", "how many troops did the csto send to kazakhstan", "how many vehicles did the csto send to kazakhstan"])(
    "counts in other words what %j asks to count: the troops in '2,030 soldiers', the vehicles in '250 vehicles'",
    (question) => {
      expect(featuresOf(question, "update-kazakhstan-troops-and-vehicles")?.typeAnswered).toBe(1);
    },
  );

  it("counts the thing after a name that only says whose: 'how many Russian bases', 'how many CSTO troops'", () => {
    expect(featuresOf("how many Russian military bases are there in Belarus", "bescotti-b-russian-bases-belarus-airbase-2015")?.typeAnswered).toBe(1);
    expect(featuresOf("how many csto troops went to kazakhstan", "update-kazakhstan-troops-and-vehicles")?.typeAnswered).toBe(1);
  });

  it("takes any figure when the counted word is one the knowledge never uses (a typo beyond correction)", () => {
    expect(featuresOf("how many vehiculs did the csto send to kazakhstan", "update-kazakhstan-troops-and-vehicles")?.typeAnswered).toBe(1);
  });

  it("reads a capital as its country when checking the names a question gives", () => {
    expect(featuresOf("how did moscow react when yerevan froze its csto participation", "overview-armenia-and-the-csto")?.unmatchedNames).toBe(0);
  });

  it("takes a country with no record of its own as a name that the answer must share", () => {
    const brazil = answers.ranker.rank("what language do people speak in brazil");
    expect(brazil.candidates.every((candidate) => candidate.features.unmatchedNames > 0)).toBe(true);
    expect(featuresOf("what language do people speak in the csto", "bescotti-c-russian-lingua-franca")?.unmatchedNames).toBe(0);
  });

  it("takes any figure for 'how large was …': the word after it is a verb, not the thing counted", () => {
    expect(featuresOf("how large was the csto force sent to kazakhstan in 2022", "overview-kazakhstan-january-2022")?.typeAnswered).toBe(1);
  });

  it("wants a city for 'in which city', not a country", () => {
    expect(featuresOf("in which city was the september 2015 csto summit held", "nikitina-summit-15-september-2015")?.typeUnanswered).toBe(1);
  });

  it("takes a country's name, not its adjective, as a place: 'Russian military exercise' says no where", () => {
    const answer = answers.ask("where was the september 2015 csto summit held");
    expect(answer.answered).toBe(false);
    expect(answer.outcome).toBe("near-miss");
    expect(answer.notice).toMatch(/not where\.$/);
  });

  it("does not take the author every entry names as the answer to 'who'", () => {
    expect(featuresOf("who heads the csto university league", "nikitina-university-league-2014")?.typeUnanswered).toBe(1);
  });

  it("says what it knows instead of answering a near miss", () => {
    const answer = answers.ask("in which city was the september 2015 csto summit held");
    expect(answer.answered).toBe(false);
    // The question itself says when; the entry adds who was there, not where.
    expect(answer.notice).toMatch(/^I know .*, not where\.$/);
    expect(answer.suggestions[0]?.id).toBe("nikitina-summit-15-september-2015");
  });

  it("wants a month for 'in which month' and a day for 'on what day': a year alone is a near miss", () => {
    const month = "in which month of 2006 did uzbekistan rejoin the csto";
    expect(featuresOf(month, "bescotti-a-uzbekistan-2006-2012")?.typeUnanswered).toBe(1);
    const answer = answers.ask(month);
    expect(answer.answered).toBe(false);
    expect(answer.notice).toBe("I know the year, not the month.");
  });

  it("wants the month of the year asked about: a day of 2002 does not answer 'in what month of 1999'", () => {
    const answer = answers.ask("in what month of 1999 did georgia and azerbaijan leave the treaty");
    expect(answer.answered).toBe(false);
    expect(answer.notice).toBe("I know the year, not the month.");
  });

  it("says it knows the month when only the day is missing", () => {
    const answer = answers.ask("On which day in June 2012 did Karimov suspend Uzbekistan's participation?");
    expect(answer.answered).toBe(false);
    expect(answer.notice).toBe("I know the month, not the day.");
  });

  it("takes a year that only names a thing ('the strategy to 2025') as no year a date is asked in", () => {
    const answer = answers.ask("On what exact date was the CSTO collective security strategy to 2025 adopted?");
    expect(answer.answered).toBe(true);
    expect(answer.answer?.text).toContain("14 October 2016");
  });

  it("answers 'on what day' from an entry that gives the day", () => {
    const answer = answers.ask("on what day did tokayev ask the csto for help");
    expect(answer.answered).toBe(true);
    expect(`${answer.answer?.text} ${answer.answer?.quote}`).toMatch(/5 January|January 5/);
  });

  it("does not answer with an entry that never mentions the year asked about", () => {
    const answer = answers.ask("what share of the vote did lukashenko get in 2020");
    expect(answer.answered).toBe(false);
  });
});

const countries = knowledge.entries.flatMap((entry) => (entry.country ? [entry.country.name] : []));
const reader = new EvidenceReader(tokenizer, knowledge.namedThings, countries);
const passage = (text: string) => reader.of({ ...knowledge.entries[0]!, title: "", quotes: [], text, date: undefined } as KnowledgeEntry);

describe("the places a passage names", () => {
  it("finds names of several words, and countries, as whole words", () => {
    const { places, localities } = passage("Troops moved from South Ossetia to Armenia, then on to Central Asia.");
    expect([...places].sort()).toEqual(["armenia", "asia", "central asia", "south ossetia"]);
    expect([...localities].sort()).toEqual(["asia", "central asia", "south ossetia"]);
  });

  it("takes no adjective or part of a word for a place", () => {
    expect([...passage("Russian and Armenian officers met in a southern town near the Caspian-side port.").places]).toEqual(["caspian"]);
    expect([...passage("Ossetian and Asian delegates met.").places]).toEqual([]);
  });

  it("reads a name at the very start and the very end of a passage", () => {
    expect([...passage("Almaty hosted the talks, not Bishkek").places].sort()).toEqual(["almaty", "bishkek"]);
  });
});

describe("the finest date a passage gives", () => {
  it.each([
    ["The treaty was signed on 15 May 1992 in Tashkent.", "day"],
    ["Tokayev asked for help on January 5th.", "day"],
    ["Uzbekistan rejoined in June 2006.", "month"],
    ["The force was tested in May 2015.", "month"],
    ["Members may leave, as Uzbekistan did in 2012.", "year"],
    ["Members may leave at any time.", undefined],
  ])("%j gives the %s", (text, finest) => {
    expect(passage(text).finestDate).toBe(finest);
  });

  it("gives each year its finest date, a day or month with no year of its own taking the year named before it", () => {
    const { datesByYear } = passage("On 5 January 2022 Tokayev asked for help; on 6 January the council agreed. The states that renewed the treaty in 1999 founded the CSTO on 7 October 2002, and Uzbekistan left in June 2012.");
    expect(Object.fromEntries(datesByYear)).toEqual({ "2022": "day", "1999": "year", "2002": "day", "2012": "month" });
  });

  it("reads 'May 2015' as a month of 2015, not as a day 'May 2'", () => {
    expect(passage("The force was tested in May 2015.").datesByYear.get("2015")).toBe("month");
  });

  it("counts a record's own date for its year", () => {
    const { datesByYear } = reader.of({ ...knowledge.entries[0]!, title: "", quotes: [], text: "Uzbekistan suspended its participation.", date: "2012-06-28" } as KnowledgeEntry);
    expect(datesByYear.get("2012")).toBe("day");
  });
});
