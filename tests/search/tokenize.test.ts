import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { foldText, transliterate } from "../../src/text/normalize.js";
import { Tokenizer } from "../../src/text/tokenize.js";

const tokenizer = new Tokenizer(loadKnowledge().lexicon);
const tokens = (text: string) => tokenizer.tokens(text);

describe("text normalisation", () => {
  it("folds case, diacritics and punctuation", () => {
    expect(foldText("Naïve, “CSTO”-member!")).toBe("naive csto member");
  });

  it("romanises Cyrillic names", () => {
    expect(transliterate("бордюжа")).toBe("bordyuzha");
  });

  it("treats ODKB, ОДКБ and the full name as the CSTO", () => {
    const csto = tokens("CSTO");
    expect(tokens("ODKB")).toEqual(csto);
    expect(tokens("ОДКБ")).toEqual(csto);
    expect(tokens("Collective Security Treaty Organisation")).toEqual(csto);
  });

  it("recognises a name of several words in a query with one word misspelt, but not in a document", () => {
    const eurasec = tokenizer.words("Eurasian Economic Community");
    expect(tokenizer.words("the eurasian economic comunity", true)).toEqual(["the", ...eurasec]);
    expect(tokenizer.words("the eurasain economic community", true)).toEqual(["the", ...eurasec]);
    expect(tokenizer.words("eurasian economic comunity")).toHaveLength(3);
  });

  it("reads a misspelt spelling variant or Russian name through the lexicon", () => {
    const tokensOf = (word: string) => tokenizer.misspeltAlternatives(word).map(({ token }) => token);
    expect(tokensOf("beylorussia")).toEqual(tokens("Belarus"));
    expect(tokensOf("бесоктти")).toEqual(tokens("Bescotti"));
    expect(tokensOf("table")).toEqual([]);
  });

  it("maps old and transliterated country names to the current one", () => {
    expect(tokens("Kirghizia")).toEqual(tokens("Kyrgyzstan"));
    expect(tokens("Belorussia")).toEqual(tokens("Belarus"));
    expect(tokens("Беларусь")).toContain(tokens("Belarus")[0]);
  });

  it("accepts the common misspelling of Tashkent", () => {
    expect(tokens("tashkant treaty")).toEqual(tokens("Tashkent treaty"));
  });

  it("joins British and American spellings", () => {
    expect(tokens("organisation recognised")).toEqual(tokens("organization recognized"));
  });

  it("reads 'article 4' and 'Art. 4.1' as the same article", () => {
    expect(tokens("article 4")).toContain("article4");
    expect(tokens("Art. 4.1 of the treaty")).toContain("article4");
  });

  it("keeps the Islamic State apart from the verb 'is'", () => {
    expect(tokens("people joining IS")).toContain(tokens("ISIS")[0]);
    expect(tokens("what is it")).toEqual([]);
  });

  it("drops question words and keeps the content", () => {
    expect(tokens("What did the CSTO say?")).toEqual(tokens("CSTO"));
    expect(tokenizer.groups("Какой договор? Какую операцию?").map((group) => group.word)).toHaveLength(2);
  });

  it("reads a Russian question's key words in English", () => {
    expect(tokens("наркотрафика")).toEqual(expect.arrayContaining(tokens("trafficking")));
    expect(tokens("посол")).toEqual(expect.arrayContaining(tokens("ambassador")));
  });
});
