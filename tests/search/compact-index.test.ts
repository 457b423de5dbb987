import { describe, expect, it } from "vitest";
import { CompactTextIndex } from "../../src/search/compact-index.js";
import { TextIndex, type IndexedTerms, type TermIndex } from "../../src/search/text-index.js";
import { seededRandom } from "../../src/quality/typos.js";

const WORDS = ["treaty", "treaties", "tashkent", "tajikistan", "armenia", "armenian", "observer", "observers", "charter", "chisinau", "summit", "security", "collective", "council"];

/** A document's terms: each word's token is its first six letters, weighted by where it came from. */
function termsOf(words: string[], random: () => number): IndexedTerms {
  const tokenWeights = new Map<string, number>();
  const wordsMap = new Map<string, string>();
  for (const word of words) {
    const token = word.slice(0, 6);
    tokenWeights.set(token, (tokenWeights.get(token) ?? 0) + 1 + Math.round(random() * 4) / 2);
    wordsMap.set(word, token);
  }
  return { tokenWeights, words: wordsMap };
}

/** Everything the search reads from an index, in the order it reads it. */
function contents(index: TermIndex) {
  const tokens = [...new Set(WORDS.map((word) => word.slice(0, 6)))];
  return {
    postings: tokens.map((token) => {
      const list = index.postingsOf(token);
      return [token, index.documentFrequency(token), list ? [...list.docs.subarray(0, list.size)] : [], list ? [...list.weights.subarray(0, list.size)] : []];
    }),
    typos: ["treatyy", "armenai", "obsrever", "sumit"].map((typo) => index.similarTokens(typo, 2).map(({ token, edits }) => `${token}:${edits}`).sort()),
    starts: ["tr", "ta", "arm", "ob", "c", "chi"].map((prefix) => index.tokensOfWordsStartingWith(prefix, 3)),
  };
}

describe("a compact index", () => {
  it("holds and answers what a TextIndex does, through additions and removals in any order", () => {
    const random = seededRandom(5);
    const compact = new CompactTextIndex();
    const plain = new TextIndex();
    const live = new Map<number, IndexedTerms>();
    for (let step = 0; step < 300; step++) {
      const doc = 1 + Math.floor(random() * 40);
      const existing = live.get(doc);
      if (existing) {
        compact.remove(doc, existing);
        plain.remove(doc, existing);
        live.delete(doc);
      } else {
        const terms = termsOf(Array.from({ length: 1 + Math.floor(random() * 6) }, () => WORDS[Math.floor(random() * WORDS.length)]!), random);
        compact.add(doc, terms);
        plain.add(doc, terms);
        live.set(doc, terms);
      }
      expect(contents(compact)).toEqual(contents(plain));
    }
  });

  it("moves to a TextIndex holding the same once it has more documents than it is made for", () => {
    const random = seededRandom(9);
    const compact = new CompactTextIndex();
    const plain = new TextIndex();
    for (let doc = 1; doc <= CompactTextIndex.MAX_DOCUMENTS; doc++) {
      const terms = termsOf([WORDS[doc % WORDS.length]!, WORDS[(doc * 7) % WORDS.length]!], random);
      compact.add(doc, terms);
      plain.add(doc, terms);
    }
    expect(compact.grown()).toBeUndefined();
    const last = termsOf(["summit"], random);
    compact.add(CompactTextIndex.MAX_DOCUMENTS + 1, last);
    plain.add(CompactTextIndex.MAX_DOCUMENTS + 1, last);
    const grown = compact.grown()!;
    expect(grown).toBeInstanceOf(TextIndex);
    expect(contents(grown)).toEqual(contents(plain));
  });
});
