import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { AnswerModel } from "../../src/answers/answer-model.js";
import { AskedBefore } from "../../src/answers/asked-before.js";
import { WordVectors } from "../../src/answers/meaning.js";
import { createKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import { rememberAsked } from "../../src/quality/train-model.js";

const { engine, knowledge } = createKnowledgeBase();
const model = AnswerModel.load();
const vectors = WordVectors.load();
const NAMES_NOTHING = { isName: () => false, standsFor: () => [] };

describe("questions asked before", () => {
  const memory = new AskedBefore(engine, vectors, NAMES_NOTHING, [
    { question: "when did armenia freeze its participation in the csto", answeredBy: ["country-armenia"], set: "a" },
    { question: "who will be the next secretary general", answeredBy: [], set: "a" },
  ]);

  it("finds the entry that answered the same question asked in other words", () => {
    const similar = memory.similarityFor(engine.analyze("armenia froze its csto participation when?"));
    expect(similar("country-armenia").here).toBeGreaterThan(0.5);
    expect(similar("country-armenia").elsewhere).toBe(0);
    expect(similar("country-russia").here).toBe(0);
    expect(similar("country-russia").elsewhere).toBe(similar("country-armenia").here);
  });

  it("tells a question like one the knowledge could not answer", () => {
    const similar = memory.similarityFor(engine.analyze("who is going to be the next secretary general?"));
    expect(similar("overview-secretaries-general").unanswerable).toBeGreaterThan(0.3);
    expect(memory.similarityFor(engine.analyze("when did armenia freeze its participation?"))("country-armenia").unanswerable).toBe(0);
  });

  it("lets the closest questions vote: an entry they agree on gets more of the vote than one they split on", () => {
    const split = new AskedBefore(engine, vectors, NAMES_NOTHING, [
      { question: "when did armenia freeze its participation in the csto", answeredBy: ["country-armenia"], set: "a" },
      { question: "when did armenia freeze its csto participation", answeredBy: ["country-armenia", "update-armenia-froze-participation-feb-2024"], set: "a" },
      { question: "when did armenia freeze its participation in the organisation", answeredBy: ["update-armenia-froze-participation-feb-2024"], set: "a" },
    ]);
    const similar = split.similarityFor(engine.analyze("when did armenia freeze its participation in the csto"));
    expect(similar("country-armenia").vote).toBeGreaterThan(similar("update-armenia-froze-participation-feb-2024").vote);
    expect(similar("country-russia").vote).toBe(0);
    expect(memory.similarityFor(engine.analyze("when did armenia freeze its csto participation?"))("country-armenia").vote).toBeGreaterThan(0);
  });

  it("makes a faint vote of faint resemblances, however much the few closest questions agree", () => {
    const alone = new AskedBefore(engine, vectors, NAMES_NOTHING, [{ question: "when did armenia freeze its participation in the csto", answeredBy: ["country-armenia"], set: "a" }]);
    const vote = (question: string) => alone.similarityFor(engine.analyze(question))("country-armenia").vote;
    expect(vote("when did armenia freeze its participation in the csto")).toBeGreaterThan(0);
    expect(vote("armenia csto summit")).toBeLessThan(vote("when did armenia freeze its participation in the csto"));
  });

  it("counts a word the knowledge never uses: it is often what makes a near miss another question", () => {
    const troops = new AskedBefore(engine, vectors, NAMES_NOTHING, [{ question: "how many troops were sent to kazakhstan", answeredBy: ["update-kazakhstan-mission-2022"], set: "a" }]);
    const here = (question: string) => troops.similarityFor(engine.analyze(question))("update-kazakhstan-mission-2022").here;
    expect(engine.analyze("how many troops died in kazakhstan").words.find((word) => word.word === "died")?.known).toBe(false);
    expect(here("how many troops were sent to kazakhstan?")).toBe(1);
    expect(here("how many troops died in kazakhstan")).toBeLessThan(0.3);
  });

  it("tells a question that asks for something else from one that shares its words", () => {
    const staff = new AskedBefore(engine, vectors, NAMES_NOTHING, [{ question: "how many people work at the csto secretariat", answeredBy: [], set: "a" }]);
    const unanswerable = (question: string) => staff.similarityFor(engine.analyze(question))("overview-secretaries-general").unanswerable;
    expect(unanswerable("how many people work in the csto secretariat?")).toBe(1);
    expect(unanswerable("name the people who have led the csto secretariat")).toBeLessThan(0.15);
    expect(unanswerable("name the people who have led the csto secretariat")).toBeLessThan(unanswerable("the people of the csto secretariat"));
  });

  it("tells a question about what is still to come from one about now, though 'will' is a stop word", () => {
    const succession = new AskedBefore(engine, vectors, NAMES_NOTHING, [
      { question: "who is secretary general masadykov", answeredBy: ["overview-secretaries-general"], set: "a" },
      { question: "who will be secretary general after masadykov", answeredBy: [], set: "a" },
    ]);
    const future = succession.similarityFor(engine.analyze("who's gonna be secretary general after masadykov"))("overview-secretaries-general");
    expect(future.unanswerable).toBeGreaterThan(future.here);
    const present = succession.similarityFor(engine.analyze("who is secretary general now, masadykov?"))("overview-secretaries-general");
    expect(present.here).toBeGreaterThan(present.unanswerable);
  });

  it("finds the entry whose earlier question meant the same, however worded", () => {
    const meant = new AskedBefore(engine, vectors, NAMES_NOTHING, [
      { question: "what caused the ethnic violence in southern kyrgyzstan in 2010", answeredBy: ["overview-kyrgyzstan-2010"], set: "a" },
      { question: "who is the current secretary general", answeredBy: ["overview-secretaries-general"], set: "a" },
    ]);
    const similar = meant.similarityFor(engine.analyze("why was there bloodshed in the south of kyrgyzstan"));
    expect(similar("overview-kyrgyzstan-2010").meaning).toBeGreaterThan(0.6);
    expect(similar("overview-kyrgyzstan-2010").meaning).toBeGreaterThan(similar("overview-secretaries-general").meaning + 0.3);
    expect(similar("country-russia").meaning, "no earlier question was answered by it").toBe(0);
  });

  it("tells a question that means the same as one out of scope, however worded, whichever entry is asked about", () => {
    const casualties = new AskedBefore(engine, vectors, NAMES_NOTHING, [
      { question: "how many people died during the unrest in kazakhstan", answeredBy: [], set: "a" },
      { question: "how many troops were sent to kazakhstan", answeredBy: ["update-kazakhstan-mission-2022"], set: "a" },
    ]);
    const wounded = casualties.similarityFor(engine.analyze("how many protesters were killed or injured in the kazakh riots"));
    expect(wounded("update-kazakhstan-mission-2022").unanswerableMeaning).toBeGreaterThan(wounded("update-kazakhstan-mission-2022").meaning);
    expect(wounded("country-russia").unanswerableMeaning).toBe(wounded("update-kazakhstan-mission-2022").unanswerableMeaning);
    const soldiers = casualties.similarityFor(engine.analyze("what number of soldiers did the alliance deploy to kazakhstan"))("update-kazakhstan-mission-2022");
    expect(soldiers.meaning).toBeGreaterThan(soldiers.unanswerableMeaning);
    expect(memory.similarityFor(engine.analyze("armenia froze its csto participation when?"))("country-armenia").unanswerableMeaning).toBeLessThan(0.7);
  });

  it("does not take a short query inside a long question for that question", () => {
    const similar = memory.similarityFor(engine.analyze("armenia"));
    expect(similar("country-armenia").here).toBeLessThan(0.2);
  });

  it("does not compare a question with earlier ones that share only its lightest words", () => {
    // "csto" is in nearly every question: sharing it alone makes no earlier question close.
    const sharingCsto = new AskedBefore(engine, vectors, NAMES_NOTHING, [{ question: "what is the csto", answeredBy: ["overview-what-is-the-csto"], set: "a" }]);
    const similar = (question: string) => sharingCsto.similarityFor(engine.analyze(question))("overview-what-is-the-csto");
    expect(similar("csto peacekeepers withdrawal kazakhstan january").here).toBe(0);
    expect(similar("csto peacekeepers withdrawal kazakhstan january").elsewhere).toBe(0);
    expect(similar("what is the csto for").here).toBeGreaterThan(0.5);
  });

  it("does not take a question about another place or year for the same question", () => {
    const named = new AskedBefore(engine, vectors, { isName: (word) => /^(armenia|belarus|yerevan|\d{4})$/.test(word.word), standsFor: (word) => (word.word === "yerevan" ? ["armenia"] : []) }, [
      { question: "when did armenia freeze its participation in the csto", answeredBy: ["country-armenia"], set: "a" },
    ]);
    expect(named.similarityFor(engine.analyze("when did armenia freeze its csto participation"))("country-armenia").here).toBeGreaterThan(0.5);
    expect(named.similarityFor(engine.analyze("when did belarus freeze its csto participation"))("country-armenia").here).toBe(0);
    expect(named.similarityFor(engine.analyze("when did yerevan freeze its csto participation"))("country-armenia").here).toBeGreaterThan(0.3);
  });

  it("remembers out-of-scope questions, and leaves out the ones in scope that no candidate answered", () => {
    const candidate = (entryId: string, right: boolean) => ({ entryId, features: {} as never, eligible: true, right });
    const remembered = rememberAsked(
      [
        { question: "answered", outOfScope: false, candidates: [candidate("a", false), candidate("b", true)] },
        { question: "unanswered", outOfScope: false, candidates: [candidate("a", false)] },
        { question: "out of scope", outOfScope: true, candidates: [candidate("a", true)] },
      ],
      "set",
    );
    expect(remembered).toEqual([
      { question: "answered", answeredBy: ["b"], set: "set" },
      { question: "out of scope", answeredBy: [], set: "set" },
    ]);
  });
});

describe("the shipped memory", () => {
  it("names only entries the knowledge has", () => {
    const ids = new Set(knowledge.entries.map((entry) => entry.id));
    const unknown = model.file.askedBefore.flatMap((asked) => asked.answeredBy.filter((id) => !ids.has(id)));
    expect(unknown, "run npm run train after renaming or removing entries").toEqual([]);
  });

  it("comes only from the sets the models were fitted on, never from those that choose the threshold or report", () => {
    const fitted = model.file.fittedOn.map((file) => basename(file, ".jsonl"));
    expect(new Set(model.file.askedBefore.map((asked) => asked.set))).toEqual(new Set(fitted));
    for (const reported of ["tune", "extra", "holdout", "holdout2", "holdout3"]) expect(fitted).not.toContain(reported);
  });
});
