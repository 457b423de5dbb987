import { MIN_PREFIX, mayBeTypoOf, Postings, TextIndex, trigrams, type IndexedTerms, type PostingList, type TermIndex } from "./text-index.js";
import { sortedIndexOf } from "./sorted.js";

/**
 * Every token and word a compact index has seen, each spelled once and known by number. The words of
 * thousands of servers' facts are mostly the same few thousand, so this stays small while each index
 * holds numbers only.
 */
const numbers = new Map<string, number>();
const spellings: string[] = [];

function numberOf(text: string): number {
  let number = numbers.get(text);
  if (number === undefined) {
    number = spellings.length;
    spellings.push(text);
    numbers.set(text, number);
  }
  return number;
}

/**
 * The index of a scope with few documents (a server's own facts), in a handful of typed arrays instead of
 * a map and two arrays per token: a few kilobytes per server where TextIndex takes a few hundred, so ten
 * thousand servers fit in memory. Each change rebuilds the arrays, which costs little at this size; a scope
 * that grows past `CompactTextIndex.MAX_DOCUMENTS` moves to a TextIndex (see `grown`). Postings keep
 * TextIndex's order (a new document last, a removed one replaced by the last), so both score alike.
 */
export class CompactTextIndex implements TermIndex {
  static readonly MAX_DOCUMENTS = 64;

  private documents = 0;
  /** Token numbers, ascending; the postings of tokens[i] are at starts[i] up to starts[i + 1]. */
  private tokens = new Int32Array(0);
  private starts = new Int32Array(1);
  private docs = new Int32Array(0);
  private weights = new Float32Array(0);
  /** Word numbers in the order they first came, each with its uses and its token's number. */
  private words = new Int32Array(0);
  private wordUses = new Int32Array(0);
  private wordTokens = new Int32Array(0);

  add(doc: number, terms: IndexedTerms): void {
    const added = [...terms.tokenWeights].map(([token, weight]) => ({ token: numberOf(token), weight })).sort((a, b) => a.token - b.token);
    const tokens = new Int32Array(this.tokens.length + added.length);
    const starts = new Int32Array(tokens.length + 1);
    const docs = new Int32Array(this.docs.length + added.length);
    const weights = new Float32Array(docs.length);
    let [kept, next, tokenCount, size] = [0, 0, 0, 0];
    while (kept < this.tokens.length || next < added.length) {
      const old = kept < this.tokens.length ? this.tokens[kept]! : Infinity;
      const token = Math.min(old, next < added.length ? added[next]!.token : Infinity);
      tokens[tokenCount] = token;
      starts[tokenCount] = size;
      if (old === token) {
        const [from, to] = [this.starts[kept]!, this.starts[kept + 1]!];
        docs.set(this.docs.subarray(from, to), size);
        weights.set(this.weights.subarray(from, to), size);
        size += to - from;
        kept++;
      }
      if (next < added.length && added[next]!.token === token) {
        docs[size] = doc;
        weights[size++] = added[next++]!.weight;
      }
      tokenCount++;
    }
    starts[tokenCount] = size;
    [this.tokens, this.starts, this.docs, this.weights] = [tokens.slice(0, tokenCount), starts.slice(0, tokenCount + 1), docs, weights];
    for (const [word, token] of terms.words) this.useWord(numberOf(word), numberOf(token));
    this.documents++;
  }

  remove(doc: number, terms: IndexedTerms): void {
    const ends = this.starts.slice(1);
    for (const token of terms.tokenWeights.keys()) {
      const at = numbers.has(token) ? sortedIndexOf(this.tokens, numbers.get(token)!) : -1;
      if (at < 0) continue;
      const from = this.starts[at]!;
      for (let i = from; i < ends[at]!; i++) {
        if (this.docs[i] !== doc) continue;
        const last = --ends[at]!;
        this.docs[i] = this.docs[last]!;
        this.weights[i] = this.weights[last]!;
        break;
      }
    }
    const keep = this.tokens.map((_, i) => (ends[i]! > this.starts[i]! ? 1 : 0));
    const tokenCount = keep.reduce((sum, kept) => sum + kept, 0);
    const size = this.tokens.reduce((sum, _, i) => sum + ends[i]! - this.starts[i]!, 0);
    const tokens = new Int32Array(tokenCount);
    const starts = new Int32Array(tokenCount + 1);
    const docs = new Int32Array(size);
    const weights = new Float32Array(size);
    let [kept, written] = [0, 0];
    for (let i = 0; i < this.tokens.length; i++) {
      if (!keep[i]) continue;
      tokens[kept] = this.tokens[i]!;
      starts[kept++] = written;
      docs.set(this.docs.subarray(this.starts[i]!, ends[i]!), written);
      weights.set(this.weights.subarray(this.starts[i]!, ends[i]!), written);
      written += ends[i]! - this.starts[i]!;
    }
    starts[kept] = written;
    [this.tokens, this.starts, this.docs, this.weights] = [tokens, starts, docs, weights];
    for (const word of terms.words.keys()) if (numbers.has(word)) this.dropWord(numbers.get(word)!);
    this.documents--;
  }

  /** A TextIndex holding the same, once the scope has outgrown this one; undefined until then. */
  grown(): TextIndex | undefined {
    if (this.documents <= CompactTextIndex.MAX_DOCUMENTS) return undefined;
    const postings = Array.from(this.tokens, (token, i): [string, Postings] => {
      const posting = new Postings();
      posting.docs = this.docs.slice(this.starts[i], this.starts[i + 1]);
      posting.weights = this.weights.slice(this.starts[i], this.starts[i + 1]);
      posting.size = posting.docs.length;
      return [spellings[token]!, posting];
    });
    const words = Array.from(this.words, (word, i) => ({ word: spellings[word]!, token: spellings[this.wordTokens[i]!]!, uses: this.wordUses[i]! }));
    return TextIndex.of(postings, words);
  }

  documentFrequency(token: string): number {
    const at = this.tokenAt(token);
    return at < 0 ? 0 : this.starts[at + 1]! - this.starts[at]!;
  }

  postingsOf(token: string): PostingList | undefined {
    const at = this.tokenAt(token);
    if (at < 0) return undefined;
    const [from, to] = [this.starts[at]!, this.starts[at + 1]!];
    return { docs: this.docs.subarray(from, to), weights: this.weights.subarray(from, to), size: to - from };
  }

  similarTokens(word: string, maxEdits: number): { word: string; token: string; edits: number }[] {
    const grams = trigrams(word);
    const found: { word: string; token: string; edits: number }[] = [];
    this.words.forEach((number, i) => {
      const candidate = spellings[number]!;
      const candidateGrams = new Set(trigrams(candidate));
      const shared = grams.reduce((count, gram) => count + (candidateGrams.has(gram) ? 1 : 0), 0);
      const edits = mayBeTypoOf(word, candidate, shared, maxEdits);
      if (edits !== undefined) found.push({ word: candidate, token: spellings[this.wordTokens[i]!]!, edits });
    });
    return found.sort((a, b) => a.edits - b.edits);
  }

  tokensOfWordsStartingWith(prefix: string, limit: number): string[] {
    if (prefix.length < MIN_PREFIX) return [];
    const tokens = new Set<string>();
    for (let i = 0; i < this.words.length && tokens.size < limit; i++) {
      if (spellings[this.words[i]!]!.startsWith(prefix)) tokens.add(spellings[this.wordTokens[i]!]!);
    }
    return [...tokens];
  }

  private tokenAt(token: string): number {
    const number = numbers.get(token);
    return number === undefined ? -1 : sortedIndexOf(this.tokens, number);
  }

  private useWord(word: number, token: number): void {
    const at = this.words.indexOf(word);
    if (at >= 0) {
      this.wordUses[at]!++;
      return;
    }
    const grow = <T extends Int32Array>(array: T, value: number): T => {
      const grown = new Int32Array(array.length + 1) as T;
      grown.set(array);
      grown[array.length] = value;
      return grown;
    };
    [this.words, this.wordUses, this.wordTokens] = [grow(this.words, word), grow(this.wordUses, 1), grow(this.wordTokens, token)];
  }

  private dropWord(word: number): void {
    const at = this.words.indexOf(word);
    if (at < 0) return;
    if (--this.wordUses[at]! > 0) return;
    const without = (array: Int32Array) => Int32Array.from([...array.subarray(0, at), ...array.subarray(at + 1)]);
    [this.words, this.wordUses, this.wordTokens] = [without(this.words), without(this.wordUses), without(this.wordTokens)];
  }
}
