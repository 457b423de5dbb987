import { damerauLevenshtein } from "../text/edit-distance.js";

/** Shortest word start that autocomplete looks up, and the longest one the index keeps. */
export const MIN_PREFIX = 2;
const MAX_PREFIX = 8;

export function trigrams(token: string): string[] {
  const padded = `  ${token} `;
  const grams: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) grams.push(padded.slice(i, i + 3));
  return grams;
}

/** The starts of a word that autocomplete may be given. */
function starts(word: string): string[] {
  const result: string[] = [];
  for (let length = MIN_PREFIX; length <= Math.min(word.length, MAX_PREFIX); length++) result.push(word.slice(0, length));
  return result;
}

function addGrams(grams: Map<string, Set<string>>, word: string): void {
  for (const gram of trigrams(word)) addTo(grams, gram, word);
}

function addStarts(wordStarts: Map<string, Set<string>>, word: string): void {
  for (const start of starts(word)) addTo(wordStarts, start, word);
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

/**
 * The documents one token occurs in, with its weight in each, in two typed arrays: a hundred
 * thousand documents make millions of postings, which plain Maps would hold at several times the size.
 */
export class Postings {
  docs = new Int32Array(2);
  weights = new Float32Array(2);
  size = 0;

  /** Postings read back from a snapshot, in arrays of their exact size. */
  static of(docs: number[], weights: number[]): Postings {
    const postings = new Postings();
    postings.docs = Int32Array.from(docs);
    postings.weights = Float32Array.from(weights);
    postings.size = docs.length;
    return postings;
  }

  add(doc: number, weight: number): void {
    if (this.size === this.docs.length) {
      const docs = new Int32Array(this.size * 2);
      const weights = new Float32Array(this.size * 2);
      docs.set(this.docs);
      weights.set(this.weights);
      this.docs = docs;
      this.weights = weights;
    }
    this.docs[this.size] = doc;
    this.weights[this.size] = weight;
    this.size++;
  }

  /** Removes a document by moving the last posting into its place: order does not matter. */
  remove(doc: number): void {
    for (let i = 0; i < this.size; i++) {
      if (this.docs[i] !== doc) continue;
      this.size--;
      this.docs[i] = this.docs[this.size]!;
      this.weights[i] = this.weights[this.size]!;
      return;
    }
  }
}

/** The documents a token occurs in and its weight in each: the first `size` items of both arrays. */
export interface PostingList {
  readonly docs: Int32Array;
  readonly weights: Float32Array;
  readonly size: number;
}

/** What a document contributes to the index: a weight per token, and the words they came from. */
export interface IndexedTerms {
  tokenWeights: Map<string, number>;
  /** Folded word -> its token, for word-start lookups while a user types. */
  words: Map<string, string>;
}

/** A text index as plain data, in the order it was built: each token's postings, and each word with its token and how many documents use it. */
export interface TextIndexData {
  postings: [token: string, docs: number[], weights: number[]][];
  words: [word: string, token: string, uses: number][];
}

/** What the search asks of a scope's index; TextIndex and CompactTextIndex answer alike. */
export interface TermIndex {
  add(doc: number, terms: IndexedTerms): void;
  /** Removes a document; `terms` must be what it was added with. */
  remove(doc: number, terms: IndexedTerms): void;
  documentFrequency(token: string): number;
  postingsOf(token: string): PostingList | undefined;
  /** Tokens of the indexed words within a small edit distance of `word` (a folded word with a typo), closest first. */
  similarTokens(word: string, maxEdits: number): { word: string; token: string; edits: number }[];
  /** Tokens of the indexed words that start with `prefix` (a folded, partly typed word). */
  tokensOfWordsStartingWith(prefix: string, limit: number): string[];
}

/** Whether a word with these trigram counts in common with a query word, and this length, may be its typo. */
export function mayBeTypoOf(word: string, candidate: string, sharedGrams: number, maxEdits: number): number | undefined {
  if (sharedGrams < 2 || Math.abs(candidate.length - word.length) > maxEdits) return undefined;
  const edits = damerauLevenshtein(word, candidate, maxEdits);
  return edits <= maxEdits ? edits : undefined;
}

/**
 * Token postings for one set of documents, kept up to date one document at a time, so that
 * candidates come from the postings of the query's tokens and nothing scans the whole corpus.
 * The index keeps no copy of a document's terms: whoever removes one passes its terms again.
 */
export class TextIndex implements TermIndex {
  private readonly postings = new Map<string, Postings>();
  private readonly wordUses = new Map<string, number>();
  private readonly tokenOfWord = new Map<string, string>();
  /**
   * Lookups for typos and partly typed words, built on first use and kept up to date after it:
   * most start-ups answer their first question without needing them. Both work on whole words:
   * people misspell words, not stems ("regsitered" is one edit from "registered", three from "regist").
   */
  private wordGrams: Map<string, Set<string>> | undefined;
  private wordStarts: Map<string, Set<string>> | undefined;

  add(doc: number, terms: IndexedTerms): void {
    for (const [token, weight] of terms.tokenWeights) {
      let posting = this.postings.get(token);
      if (!posting) this.postings.set(token, (posting = new Postings()));
      posting.add(doc, weight);
    }
    for (const [word, token] of terms.words) {
      const uses = this.wordUses.get(word) ?? 0;
      this.wordUses.set(word, uses + 1);
      if (uses > 0) continue;
      this.tokenOfWord.set(word, token);
      if (this.wordGrams) addGrams(this.wordGrams, word);
      if (this.wordStarts) addStarts(this.wordStarts, word);
    }
  }

  /** Removes a document; `terms` must be what it was added with. */
  remove(doc: number, terms: IndexedTerms): void {
    for (const token of terms.tokenWeights.keys()) {
      const posting = this.postings.get(token);
      if (!posting) continue;
      posting.remove(doc);
      if (posting.size === 0) this.postings.delete(token);
    }
    for (const word of terms.words.keys()) {
      const uses = (this.wordUses.get(word) ?? 1) - 1;
      if (uses > 0) {
        this.wordUses.set(word, uses);
        continue;
      }
      this.wordUses.delete(word);
      this.tokenOfWord.delete(word);
      if (this.wordGrams) for (const gram of trigrams(word)) removeFrom(this.wordGrams, gram, word);
      if (this.wordStarts) for (const start of starts(word)) removeFrom(this.wordStarts, start, word);
    }
  }

  toData(): TextIndexData {
    return {
      postings: [...this.postings].map(([token, posting]) => [token, [...posting.docs.subarray(0, posting.size)], [...posting.weights.subarray(0, posting.size)]]),
      words: [...this.wordUses].map(([word, uses]) => [word, this.tokenOfWord.get(word)!, uses]),
    };
  }

  /** The index that `toData` described: the same postings and words, in the same order. */
  static fromData(data: TextIndexData): TextIndex {
    return TextIndex.of(
      data.postings.map(([token, docs, weights]) => [token, Postings.of(docs, weights)]),
      data.words.map(([word, token, uses]) => ({ word, token, uses })),
    );
  }

  /** An index holding what another one holds: each token's postings in their order, each word with its uses. */
  static of(postings: Iterable<[string, Postings]>, words: Iterable<{ word: string; token: string; uses: number }>): TextIndex {
    const index = new TextIndex();
    for (const [token, posting] of postings) index.postings.set(token, posting);
    for (const { word, token, uses } of words) {
      index.wordUses.set(word, uses);
      index.tokenOfWord.set(word, token);
    }
    return index;
  }

  documentFrequency(token: string): number {
    return this.postings.get(token)?.size ?? 0;
  }

  postingsOf(token: string): Postings | undefined {
    return this.postings.get(token);
  }

  similarTokens(word: string, maxEdits: number): { word: string; token: string; edits: number }[] {
    if (!this.wordGrams) {
      this.wordGrams = new Map();
      for (const known of this.wordUses.keys()) addGrams(this.wordGrams, known);
    }
    const shared = new Map<string, number>();
    for (const gram of trigrams(word)) {
      for (const candidate of this.wordGrams.get(gram) ?? []) shared.set(candidate, (shared.get(candidate) ?? 0) + 1);
    }
    const found: { word: string; token: string; edits: number }[] = [];
    for (const [candidate, count] of shared) {
      const edits = mayBeTypoOf(word, candidate, count, maxEdits);
      const token = this.tokenOfWord.get(candidate);
      if (edits !== undefined && token) found.push({ word: candidate, token, edits });
    }
    return found.sort((a, b) => a.edits - b.edits);
  }

  tokensOfWordsStartingWith(prefix: string, limit: number): string[] {
    if (prefix.length < MIN_PREFIX) return [];
    if (!this.wordStarts) {
      this.wordStarts = new Map();
      for (const word of this.wordUses.keys()) addStarts(this.wordStarts, word);
    }
    const words = this.wordStarts.get(prefix.slice(0, MAX_PREFIX)) ?? new Set<string>();
    const tokens = new Set<string>();
    for (const word of words) {
      if (!word.startsWith(prefix)) continue;
      const token = this.tokenOfWord.get(word);
      if (token) tokens.add(token);
      if (tokens.size >= limit) break;
    }
    return [...tokens];
  }
}
