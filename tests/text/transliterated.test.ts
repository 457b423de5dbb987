import { describe, expect, it } from "vitest";
import { createKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import { withRussianInCyrillic, type WordKnowledge } from "../../src/text/transliterated.js";

/** A small English vocabulary and a few Russian words, folded as the knowledge folds them. */
const knowledge: WordKnowledge = {
  englishWord: (word) => (["the", "is", "who", "what", "when", "to", "on", "by"].includes(word) ? "stop word" : ["secretary", "general", "im", "like", "net", "operation", "odkb"].includes(word) ? "word" : undefined),
  isRussianStopWord: (word) => ["кто", "в", "что", "когда", "сколько", "им", "нет", "так"].includes(word),
  isRussianWord: (word) => ["генеральныи", "секретарь", "основал", "канал", "членов", "операция", "казахстан"].includes(word),
};

describe("Russian typed in Latin letters", () => {
  it.each([
    ["kto osnoval odkb", "кто основал odkb"],
    ["Kto generalnyj sekretar ODKB?", "кто генеральныи секретарь ODKB?"],
    ["skolko chlenov v odkb", "сколько членов в odkb"],
    ["chto takoe operaciya kanal", "что takoe операция канал"],
  ])("%j is read as %j", (typed, read) => {
    expect(withRussianInCyrillic(typed, knowledge)).toBe(read);
  });

  it.each([
    "who is the secretary general",
    // "im" and "kanal" could be Russian, but "im" is English too and one Russian word proves nothing.
    "explain operation kanal like im 5",
    "is the csto a net security provider",
    "kto?",
  ])("leaves %j as it is", (typed) => {
    expect(withRussianInCyrillic(typed, knowledge)).toBe(typed);
  });
});

describe("Russian typed in Latin letters, against the shipped knowledge", () => {
  const { engine, answers } = createKnowledgeBase();

  it.each([
    ["kakie strany vhodyat v odkb", "какие страны входят в ОДКБ"],
    ["skolko chlenov v odkb", "сколько членов в ОДКБ"],
    ["kto generalnyj sekretar odkb", "кто генеральный секретарь ОДКБ"],
  ])("%j is answered as %j is", (typed, inCyrillic) => {
    const answer = answers.ask(typed);
    expect(answer.answered).toBe(true);
    expect(answer.answer?.id).toBe(answers.ask(inCyrillic).answer?.id);
    expect(answer.query).toBe(typed);
  });

  it("leaves the English questions of a study group as they are", () => {
    for (const question of ["who are the members of the csto", "tbh idk what zhanaozen has to do w the csto", "Who is Taalatbek Masadykov and when did he tak over?", "explain operation kanal like im 5"]) {
      expect(engine.readQuestion(question)).toBe(question);
    }
  });
});
