import { stemmer as stemEnglish } from "@orama/stemmers/english";
import { stemmer as stemRussian } from "@orama/stemmers/russian";
import { damerauLevenshtein } from "./edit-distance.js";
import { foldText, isCyrillic, transliterate } from "./normalize.js";
import { ENGLISH_STOPWORDS, RUSSIAN_STOPWORDS } from "./stopwords.js";
import type { WordKnowledge } from "./transliterated.js";

/**
 * Spelling knowledge the tokenizer applies on both sides, documents and queries: phrases that name
 * one thing ("united nations" -> "un"), single-word variants ("belorussia" -> "belarus") and
 * Russian stems with their English meaning.
 */
export interface Lexicon {
  /** Folded multi-word phrase -> the single token that stands for it. */
  phrases: Map<string, string>;
  /** Folded word -> canonical folded word(s). */
  variants: Map<string, string[]>;
  /** Russian stem -> English words (unstemmed, folded). */
  russian: Map<string, string[]>;
}

export const EMPTY_LEXICON: Lexicon = { phrases: new Map(), variants: new Map(), russian: new Map() };

/** How much an alternative of a query word counts, relative to the word itself. */
export const ALTERNATIVE_WEIGHT = { exact: 1, variant: 1, translation: 0.9, transliteration: 0.85 } as const;

export interface TokenAlternative {
  token: string;
  weight: number;
}

/** One word of the text and every token it may stand for. */
export interface WordGroup {
  word: string;
  alternatives: TokenAlternative[];
}

const NUMBER_FOLLOWS = /^\d+$/;
const ARTICLE_WORDS = new Set(["article", "art", "articl", "статья", "статьи", "статье", "ст"]);

/** British spellings fold into American ones so "organisation" and "organization" meet. */
function americanize(word: string): string {
  if (word.length < 6) return word;
  return word.replace(/isation(s?)$/, "ization$1").replace(/is(e|es|ed|ing)$/, "iz$1");
}

function stemLatin(word: string): string {
  return /^\d+$/.test(word) ? word : stemEnglish(americanize(word));
}

/** "Islamic State" is written "IS": keep it apart from the verb before case folding loses it. */
function markAcronyms(text: string): string {
  return text.replace(/\bIS\b/g, " isis ");
}

/** Distinct words remembered with their alternatives; past this the memo starts afresh. */
const MEMO_LIMIT = 100_000;

export class Tokenizer {
  private readonly russianStems: [string, string[]][];
  /** Stemming is the costly part of tokenizing, and the same words come back all the time. */
  private readonly memo = new Map<string, TokenAlternative[]>();
  /** Phrases by their first word, longest first, so one pass over the words finds them all. */
  private readonly phrasesByFirstWord = new Map<string, { words: string[]; token: string }[]>();
  /** A query word -> the phrases it starts give or take one typo: every word of every question is looked up. */
  private readonly misspeltPhraseStarts = new Map<string, { words: string[]; token: string }[]>();

  /**
   * @param isEnglishWord whether a folded Latin word is English (the word vectors' vocabulary): it
   *   tells Russian typed in Latin letters from English
   */
  constructor(
    private readonly lexicon: Lexicon = EMPTY_LEXICON,
    private readonly isEnglishWord?: (word: string) => boolean,
  ) {
    // Longest stems first, so the most specific translation wins.
    this.russianStems = [...lexicon.russian].sort((a, b) => b[0].length - a[0].length);
    for (const [phrase, token] of lexicon.phrases) {
      const words = phrase.split(" ");
      const list = this.phrasesByFirstWord.get(words[0]!) ?? [];
      list.push({ words, token });
      list.sort((a, b) => b.words.length - a.words.length);
      this.phrasesByFirstWord.set(words[0]!, list);
    }
  }

  /**
   * Folded words of a text, phrases joined, before stop words and stemming.
   * @param tolerateTypos a query may misspell a longer word of a phrase by one letter ("economic comunity")
   */
  words(text: string, tolerateTypos = false): string[] {
    const folded = foldText(markAcronyms(text));
    if (folded.length === 0) return [];
    const raw = folded.split(" ");
    const same = (part: string, word: string | undefined) =>
      part === word || (tolerateTypos && word !== undefined && isTypoOf(word, part));
    const words: string[] = [];
    for (let i = 0; i < raw.length; i++) {
      const phrase = this.phrasesStartingWith(raw[i]!, tolerateTypos).find(({ words: parts }) => parts.every((part, j) => same(part, raw[i + j])));
      if (phrase) {
        words.push(phrase.token);
        i += phrase.words.length - 1;
      } else words.push(raw[i]!);
    }
    return words;
  }

  /** Every word of the text with its alternatives; stop words dropped. */
  groups(text: string, tolerateTypos = false): WordGroup[] {
    const words = this.words(text, tolerateTypos);
    const groups: WordGroup[] = [];
    words.forEach((word, i) => {
      const next = words[i + 1];
      if (ARTICLE_WORDS.has(word) && next !== undefined && NUMBER_FOLLOWS.test(next)) {
        groups.push({ word: `${word} ${next}`, alternatives: [{ token: `article${next}`, weight: ALTERNATIVE_WEIGHT.exact }] });
      }
      const alternatives = this.alternatives(word);
      if (alternatives.length > 0) groups.push({ word, alternatives });
    });
    return groups;
  }

  private phrasesStartingWith(word: string, tolerateTypos: boolean): { words: string[]; token: string }[] {
    const exact = this.phrasesByFirstWord.get(word);
    if (exact || !tolerateTypos) return exact ?? [];
    let misspelt = this.misspeltPhraseStarts.get(word);
    if (!misspelt) {
      if (this.misspeltPhraseStarts.size >= MEMO_LIMIT) this.misspeltPhraseStarts.clear();
      misspelt = [...this.phrasesByFirstWord].find(([first]) => isTypoOf(word, first))?.[1] ?? [];
      this.misspeltPhraseStarts.set(word, misspelt);
    }
    return misspelt;
  }

  /**
   * The alternatives of a word the index does not know, read as a lexicon word with one typo:
   * a spelling variant ("beylorussia") or a Russian stem ("бесоктти").
   */
  misspeltAlternatives(word: string): TokenAlternative[] {
    if (word.length < MIN_TYPO_LENGTH) return [];
    for (const [variant, canonical] of this.lexicon.variants) {
      if (variant.length >= MIN_TYPO_LENGTH && damerauLevenshtein(word, variant, 1) === 1) return this.alternatives(canonical[0]!);
    }
    if (!isCyrillic(word)) return [];
    const stem = stemRussian(word);
    const translation = this.russianStems.find(([key]) => key.length >= MIN_TYPO_LENGTH && (startsWithTypo(word, key) || startsWithTypo(stem, key)));
    return dedupe((translation?.[1] ?? []).flatMap((english) => this.latinTokens(english)).map((token) => ({ token, weight: ALTERNATIVE_WEIGHT.translation })));
  }

  /** What the knowledge knows of a word in either script, given which tokens are indexed. */
  wordKnowledge(indexed: (token: string) => boolean): WordKnowledge {
    return {
      englishWord: (word) => {
        if (ENGLISH_STOPWORDS.has(word)) return "stop word";
        // Without a vocabulary, an indexed word counts as English, though it may be a Russian word's transliteration.
        const english = this.isEnglishWord ? this.isEnglishWord(word) : indexed(stemLatin(word));
        return english || this.lexicon.variants.has(word) ? "word" : undefined;
      },
      isRussianStopWord: (word) => RUSSIAN_STOPWORDS.has(word),
      isRussianWord: (word) => {
        const stem = stemRussian(word);
        return indexed(stem) || this.russianStems.some(([key]) => matchesRussianKey(key, word, stem));
      },
    };
  }

  /** The distinct tokens of a text, for indexing. */
  tokens(text: string): string[] {
    const tokens: string[] = [];
    for (const group of this.groups(text)) for (const { token } of group.alternatives) tokens.push(token);
    return tokens;
  }

  private alternatives(word: string): TokenAlternative[] {
    let alternatives = this.memo.get(word);
    if (!alternatives) {
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      alternatives = this.computeAlternatives(word);
      this.memo.set(word, alternatives);
    }
    return alternatives;
  }

  private computeAlternatives(word: string): TokenAlternative[] {
    const variants = this.lexicon.variants.get(word);
    if (variants) return dedupe(variants.map((variant) => ({ token: stemLatin(variant), weight: ALTERNATIVE_WEIGHT.variant })));
    if (isCyrillic(word)) {
      if (RUSSIAN_STOPWORDS.has(word)) return [];
      const stem = stemRussian(word);
      const group: TokenAlternative[] = [{ token: stem, weight: ALTERNATIVE_WEIGHT.exact }];
      const translation = this.russianStems.find(([key]) => matchesRussianKey(key, word, stem));
      for (const english of translation?.[1] ?? []) {
        for (const token of this.latinTokens(english)) group.push({ token, weight: ALTERNATIVE_WEIGHT.translation });
      }
      for (const token of this.latinTokens(transliterate(word))) {
        group.push({ token, weight: ALTERNATIVE_WEIGHT.transliteration });
      }
      return dedupe(group);
    }
    if (ENGLISH_STOPWORDS.has(word)) return [];
    return [{ token: stemLatin(word), weight: ALTERNATIVE_WEIGHT.exact }];
  }

  private latinTokens(words: string): string[] {
    return words
      .split(" ")
      .filter((word) => word.length > 0 && !ENGLISH_STOPWORDS.has(word))
      .map((word) => stemLatin(this.lexicon.variants.get(word)?.[0] ?? word));
  }
}

/** Words shorter than this one letter apart are often different words. */
const MIN_TYPO_LENGTH = 5;

/** Whether `word` is `intended` with one typo, `intended` being long enough for that to be likely. */
export function isTypoOf(word: string, intended: string): boolean {
  return intended.length >= MIN_TYPO_LENGTH && damerauLevenshtein(word, intended, 1) === 1;
}

/** Whether the word starts with `prefix` give or take one typo (a dropped, doubled, wrong or swapped letter). */
function startsWithTypo(word: string, prefix: string): boolean {
  for (let length = prefix.length - 1; length <= prefix.length + 1; length++) {
    if (length <= word.length && damerauLevenshtein(word.slice(0, length), prefix, 1) <= 1) return true;
  }
  return false;
}

/** Short keys ("сил", "зас") must match a whole word or stem; longer ones match its start. */
const MIN_PREFIX_KEY = 4;
function matchesRussianKey(key: string, word: string, stem: string): boolean {
  if (key.length < MIN_PREFIX_KEY) return key === word || key === stem;
  return word.startsWith(key) || stem.startsWith(key);
}

function dedupe(group: TokenAlternative[]): TokenAlternative[] {
  const best = new Map<string, number>();
  for (const { token, weight } of group) best.set(token, Math.max(weight, best.get(token) ?? 0));
  return [...best].map(([token, weight]) => ({ token, weight }));
}
