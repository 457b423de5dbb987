import { damerauLevenshtein } from "./edit-distance.js";

/** Shortest word start that autocomplete looks up, and the longest one the index keeps. */
const MIN_PREFIX = 2;
const MAX_PREFIX = 8;

function trigrams(token: string): string[] {
  const padded = `  ${token} `;
  const grams: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) grams.push(padded.slice(i, i + 3));
  return grams;
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

/** What a document contributes to the index: a weight per token, and the words they came from. */
export interface IndexedTerms {
  tokenWeights: Map<string, number>;
  /** Folded word -> its token, for word-start lookups while a user types. */
  words: Map<string, string>;
}

/**
 * Token postings for one set of documents, kept up to date one document at a time, so that
 * candidates come from the postings of the query's tokens and nothing scans the whole corpus.
 */
export class TextIndex {
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly termsOf = new Map<number, IndexedTerms>();
  private readonly tokenGrams = new Map<string, Set<string>>();
  private readonly wordStarts = new Map<string, Set<string>>();
  private readonly wordUses = new Map<string, number>();
  private readonly tokenOfWord = new Map<string, string>();

  get size(): number {
    return this.termsOf.size;
  }

  add(doc: number, terms: IndexedTerms): void {
    if (this.termsOf.has(doc)) this.remove(doc);
    this.termsOf.set(doc, terms);
    for (const [token, weight] of terms.tokenWeights) {
      let posting = this.postings.get(token);
      if (!posting) {
        this.postings.set(token, (posting = new Map()));
        for (const gram of trigrams(token)) addTo(this.tokenGrams, gram, token);
      }
      posting.set(doc, weight);
    }
    for (const [word, token] of terms.words) {
      const uses = this.wordUses.get(word) ?? 0;
      this.wordUses.set(word, uses + 1);
      if (uses > 0) continue;
      this.tokenOfWord.set(word, token);
      for (let length = MIN_PREFIX; length <= Math.min(word.length, MAX_PREFIX); length++) {
        addTo(this.wordStarts, word.slice(0, length), word);
      }
    }
  }

  remove(doc: number): void {
    const terms = this.termsOf.get(doc);
    if (!terms) return;
    this.termsOf.delete(doc);
    for (const token of terms.tokenWeights.keys()) {
      const posting = this.postings.get(token);
      posting?.delete(doc);
      if (posting?.size !== 0) continue;
      this.postings.delete(token);
      for (const gram of trigrams(token)) removeFrom(this.tokenGrams, gram, token);
    }
    for (const word of terms.words.keys()) {
      const uses = (this.wordUses.get(word) ?? 1) - 1;
      if (uses > 0) {
        this.wordUses.set(word, uses);
        continue;
      }
      this.wordUses.delete(word);
      this.tokenOfWord.delete(word);
      for (let length = MIN_PREFIX; length <= Math.min(word.length, MAX_PREFIX); length++) {
        removeFrom(this.wordStarts, word.slice(0, length), word);
      }
    }
  }

  documentFrequency(token: string): number {
    return this.postings.get(token)?.size ?? 0;
  }

  postingsOf(token: string): ReadonlyMap<number, number> | undefined {
    return this.postings.get(token);
  }

  /** Indexed tokens within a small edit distance of `token` (typos), closest first. */
  similarTokens(token: string, maxEdits: number): { token: string; edits: number }[] {
    const shared = new Map<string, number>();
    for (const gram of trigrams(token)) {
      for (const candidate of this.tokenGrams.get(gram) ?? []) shared.set(candidate, (shared.get(candidate) ?? 0) + 1);
    }
    const found: { token: string; edits: number }[] = [];
    for (const [candidate, count] of shared) {
      if (count < 2 || Math.abs(candidate.length - token.length) > maxEdits) continue;
      const edits = damerauLevenshtein(token, candidate, maxEdits);
      if (edits <= maxEdits) found.push({ token: candidate, edits });
    }
    return found.sort((a, b) => a.edits - b.edits);
  }

  /** Tokens of the indexed words that start with `prefix` (a folded, partly typed word). */
  tokensOfWordsStartingWith(prefix: string, limit: number): string[] {
    if (prefix.length < MIN_PREFIX) return [];
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
