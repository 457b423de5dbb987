import type { KnowledgeEntry } from "../knowledge/model.js";
import { aliasKey, foldText, isCyrillic, transliterate } from "../text/normalize.js";
import { isMisspeltStopWord } from "../text/stopwords.js";
import type { Tokenizer, TokenAlternative } from "../text/tokenize.js";
import { withRussianInCyrillic } from "../text/transliterated.js";
import { fuzzyFields, fuzzySimilarities, type FuzzyField } from "./fuzzy-rerank.js";
import { CompactTextIndex } from "./compact-index.js";
import { TextIndex, type IndexedTerms, type TermIndex, type TextIndexData } from "./text-index.js";

/** The scope of the shipped knowledge; every other scope is one server's facts. */
export const CURATED_SCOPE = "curated";

/** How much a word counts in each part of an entry. */
const FIELD_WEIGHTS = { aliases: 4, title: 3, keywords: 3, questions: 2.5, text: 1, quotes: 0.5 } as const;
type Field = keyof typeof FIELD_WEIGHTS;
/** A word repeated within one field counts at most this often. */
const FIELD_REPEAT_CAP = 2;

/** BM25 constants: term-frequency saturation and a mild length normalisation. */
const K1 = 1.2;
const LENGTH_B = 0.3;

/**
 * Typo tolerance: one edit from 5 letters, two from 9. A shorter word one letter off is often
 * another word, so four letters are only forgiven two swapped letters ("naot").
 */
const typoEdits = (length: number) => (length >= 9 ? 2 : length >= 4 ? 1 : 0);
const SHORT_WORD = 5;
const sameLetters = (a: string, b: string) => a.length === b.length && [...a].sort().join("") === [...b].sort().join("");
const TYPO_WEIGHT = [1, 0.75, 0.6] as const;
/** fuse.js's fuzzy token score (src/search/fuzzy-rerank.ts) re-ranks this many best-scored candidates, on this many of the query's words. */
const RERANK_CANDIDATES = 20;
const RERANK_QUERY_WORDS = 5;
/** Autocomplete: Discord shows at most 25 choices; a partly typed word stands for up to 30 words. */
const MAX_AUTOCOMPLETE = 25;
const PREFIX_EXPANSIONS = 30;
const PREFIX_WEIGHT = 0.8;
const AUTOCOMPLETE_SCAN_LIMIT = 3_000;
/** Autocomplete orders this many best candidates by whether their title matches. */
const AUTOCOMPLETE_RANKED = 60;
const NO_NAMES: ReadonlySet<string> = new Set();

/** What indexing finds in an entry besides its terms, as plain data. */
export interface DocData {
  length: number;
  years: string[];
  sourceIds: string[];
  /** Question words its questions start with ("when", "why"...), to tell apart entries on one topic. */
  askedWith: string[];
  /** Tokens of the entry's aliases: the names of what it is the record of. */
  nameTokens: string[];
  /** Stemmed fields for fuse.js, which re-ranks the candidates. */
  rerankFields: { title: string; questions: string; keywords: string };
}

/** The curated knowledge's index as plain data (the build's snapshot keeps it): the text index, and each entry's other findings in the entries' order. */
export interface CuratedIndexData {
  index: TextIndexData;
  docs: DocData[];
}

interface IndexedDoc extends Omit<DocData, "nameTokens"> {
  entry: KnowledgeEntry;
  nameTokens: ReadonlySet<string>;
  /** The tokens of its title, each question and each keyword, worked out the first time it is a candidate. */
  phrasings?: string[][];
  /** Those tokens and its names' together: where a match counts as strong. */
  strongTokens?: ReadonlySet<string>;
  /** Its re-ranking fields prepared for the fuzzy similarity, kept for curated entries only. */
  fuzzyFields?: FuzzyField[];
}

const fuzzyFieldsOf = (doc: IndexedDoc) =>
  fuzzyFields([
    { value: doc.rerankFields.title, weight: 2 },
    { value: doc.rerankFields.questions, weight: 2 },
    { value: doc.rerankFields.keywords, weight: 1 },
  ]);

interface Candidate {
  doc: IndexedDoc;
  score: number;
  /** Coverage: the share of the query's importance this document matches. */
  matched: number;
  /** Bit i is set when the document matches query word i (the first 32 words). */
  wordMask: number;
}

/** Per-document accumulators for one query at a time, grown as documents are added. */
class ScoreScratch {
  score = new Float64Array(0);
  matched = new Float64Array(0);
  wordBest = new Float64Array(0);
  wordWeight = new Float64Array(0);
  length = new Float64Array(0);
  seen = new Uint8Array(0);
  wordMask = new Uint32Array(0);

  reserve(size: number): this {
    if (size <= this.score.length) return this;
    const capacity = Math.max(1024, size * 2);
    const grow = <T extends Float64Array | Uint8Array | Uint32Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.score = grow(this.score, (n) => new Float64Array(n));
    this.matched = grow(this.matched, (n) => new Float64Array(n));
    this.wordBest = grow(this.wordBest, (n) => new Float64Array(n));
    this.wordWeight = grow(this.wordWeight, (n) => new Float64Array(n));
    this.length = grow(this.length, (n) => new Float64Array(n));
    this.seen = grow(this.seen, (n) => new Uint8Array(n));
    this.wordMask = grow(this.wordMask, (n) => new Uint32Array(n));
    return this;
  }

  clear(num: number): void {
    this.score[num] = 0;
    this.matched[num] = 0;
    this.seen[num] = 0;
    this.wordMask[num] = 0;
  }
}

/** The `count` items with the highest key, best first: a min-heap of the best so far, O(n log count). */
function topBy(items: number[], count: number, keyOf: (item: number) => number): number[] {
  const heap: { item: number; key: number }[] = [];
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j]!, heap[i]!]);
  const siftDown = (start: number) => {
    for (let i = start; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && heap[left]!.key < heap[smallest]!.key) smallest = left;
      if (right < heap.length && heap[right]!.key < heap[smallest]!.key) smallest = right;
      if (smallest === i) return;
      swap(i, smallest);
      i = smallest;
    }
  };
  for (const item of items) {
    const key = keyOf(item);
    if (heap.length < count) {
      heap.push({ item, key });
      for (let i = heap.length - 1; i > 0 && heap[(i - 1) >> 1]!.key > heap[i]!.key; i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
    } else if (count > 0 && key > heap[0]!.key) {
      heap[0] = { item, key };
      siftDown(0);
    }
  }
  return heap.sort((a, b) => b.key - a.key).map((entry) => entry.item);
}

class Scope {
  /** A server's scope starts compact, since most hold a few dozen facts; the curated knowledge's does not. */
  constructor(public index: TermIndex) {}
  readonly docs = new Map<number, IndexedDoc>();
  readonly numById = new Map<string, number>();
  readonly entryByAlias = new Map<string, KnowledgeEntry>();
  totalLength = 0;
}

export interface QueryWord {
  word: string;
  alternatives: TokenAlternative[];
  /** Inverse document frequency of the word's best known token; 0 for a word the knowledge never uses. */
  importance: number;
  known: boolean;
}

export interface AnalyzedQuery {
  text: string;
  /** The question word the query starts with, if any. */
  askedWith?: string | undefined;
  words: QueryWord[];
  years: string[];
  /** Sources whose author or publisher the query names. */
  namedSources: Set<string>;
}

/** What the engine measured of one candidate: the evidence a confidence model weighs. */
export interface HitSignals {
  /** BM25 score, a word counted once at its best alternative. */
  bm25: number;
  /** fuse.js similarity of the query's most telling words to the title, questions and keywords, 0..1. */
  fuse: number;
  /** How closely the query reads like one of the entry's own questions, titles or keywords, 0..1. */
  phrasing: number;
  /** Share of the query's weight matched in the title, questions, keywords or aliases, 0..1. */
  strongCoverage: number;
  /** Bit i is set when the entry matches query word i (the first 32 words). */
  matchedWords: number;
  /** The entry is asked with the query's question word ("when", "how many"...). */
  sameQuestionWord: boolean;
  /** The entry is only ever asked with other question words ("who is" for a "what did" query). */
  otherQuestionWord: boolean;
  /** The query names a year the entry never mentions. */
  yearMismatch: boolean;
  /** The query names an author or publisher the entry does not cite. */
  otherAuthor: boolean;
  /** The entry is the record of a named thing (a country) that the query does not name. */
  unnamedRecord: boolean;
}

export interface Hit {
  entry: KnowledgeEntry;
  /** Retrieval order, only comparable within one query; the answers re-rank with a model. */
  score: number;
  /** Share of the query's weight that the entry matches, 0..1. */
  coverage: number;
  signals: HitSignals;
}

export interface SearchOptions {
  /** A server's scope, searched together with the curated knowledge. */
  scope?: string | undefined;
  /** Search the server's own facts only, without the curated knowledge. */
  ownFactsOnly?: boolean;
  limit?: number;
}

const YEAR = /^(1[89]|20)\d\d$/;
const QUESTION_WORDS = new Set(["when", "why", "who", "where", "which", "how", "what"]);

/** "How many" and "how much" ask for a figure, unlike a plain "how". */
const HOW_FIGURE = new Set(["many", "much"]);

/** How closely the query reads like one of the entry's phrasings: the share of the query it covers times the share of it the query uses. */
function phrasingMatch(query: AnalyzedQuery, queryTokens: ReadonlySet<string>, phrasings: string[][]): number {
  const total = query.words.reduce((sum, word) => sum + word.importance, 0);
  if (total === 0) return 0;
  let best = 0;
  for (const phrasing of phrasings) {
    if (phrasing.length === 0) continue;
    // Counted in loops, not with some() and filter(): this runs for every phrasing of every candidate.
    let covered = 0;
    for (const word of query.words) {
      for (const { token } of word.alternatives) {
        if (phrasing.includes(token)) {
          covered += word.importance;
          break;
        }
      }
    }
    let used = 0;
    for (const token of phrasing) if (queryTokens.has(token)) used++;
    best = Math.max(best, (covered / total) * (used / phrasing.length));
  }
  return best;
}

function questionWord(text: string): string | undefined {
  const [first = "", second = ""] = foldText(text).split(" ", 2);
  if (first === "how" && HOW_FIGURE.has(second)) return `how ${second}`;
  return QUESTION_WORDS.has(first) ? first : undefined;
}

export class SearchEngine {
  private readonly scopes = new Map<string, Scope>([[CURATED_SCOPE, new Scope(new TextIndex())]]);
  private nextDoc = 1;

  /**
   * @param sourceNames words that name each source (its author's surname, its publisher), so
   *   queries that name an author prefer what that author wrote
   */
  constructor(
    private readonly tokenizer: Tokenizer,
    private readonly sourceNames: Map<string, string[]> = new Map(),
  ) {}

  /** An engine holding the curated entries as `curatedData` described them, without tokenizing them again. */
  static fromCuratedData(tokenizer: Tokenizer, sourceNames: Map<string, string[]>, entries: readonly KnowledgeEntry[], data: CuratedIndexData): SearchEngine {
    if (entries.length !== data.docs.length) throw new Error(`the index describes ${data.docs.length} entries, not ${entries.length}`);
    const engine = new SearchEngine(tokenizer, sourceNames);
    const scope = new Scope(TextIndex.fromData(data.index));
    engine.scopes.set(CURATED_SCOPE, scope);
    entries.forEach((entry, i) => engine.place(scope, engine.nextDoc++, entry, data.docs[i]!));
    return engine;
  }

  /**
   * The curated knowledge's index as plain data, for the build's snapshot. Its documents must be
   * numbered 1, 2, 3... in the entries' order: an engine that was given them and nothing else.
   */
  curatedData(): CuratedIndexData {
    const curated = this.scopes.get(CURATED_SCOPE)!;
    if (this.scopes.size > 1 || this.nextDoc !== curated.docs.size + 1 || !(curated.index instanceof TextIndex)) {
      throw new Error("only an engine given the curated entries and nothing else can be described");
    }
    return {
      index: curated.index.toData(),
      docs: [...curated.docs.values()].map((doc) => ({
        length: doc.length,
        years: doc.years,
        sourceIds: doc.sourceIds,
        askedWith: doc.askedWith,
        nameTokens: [...doc.nameTokens],
        rerankFields: doc.rerankFields,
      })),
    };
  }

  /** The author and publisher tokens this engine recognises, to build another engine like it. */
  get sourceNameTokens(): Map<string, string[]> {
    return this.sourceNames;
  }

  /** How many entries servers added, across all servers. */
  get serverEntryCount(): number {
    let count = 0;
    for (const [name, scope] of this.scopes) if (name !== CURATED_SCOPE) count += scope.docs.size;
    return count;
  }

  /** Adds or replaces an entry; only that entry's postings change. */
  upsert(entry: KnowledgeEntry, scopeName: string = CURATED_SCOPE): void {
    let scope = this.scopes.get(scopeName);
    if (!scope) this.scopes.set(scopeName, (scope = new Scope(new CompactTextIndex())));
    this.remove(entry.id, scopeName);
    const num = this.nextDoc++;
    const { terms, doc } = this.indexDocument(entry);
    scope.index.add(num, terms);
    if (scope.index instanceof CompactTextIndex) scope.index = scope.index.grown() ?? scope.index;
    this.place(scope, num, entry, doc);
  }

  /** Files an indexed entry under its number; its terms are in the scope's text index already. */
  private place(scope: Scope, num: number, entry: KnowledgeEntry, data: DocData): void {
    const { nameTokens, ...fields } = data;
    // Most entries name nothing; they share one empty set rather than hold one each.
    const doc: IndexedDoc = { entry, ...fields, nameTokens: nameTokens.length > 0 ? new Set(nameTokens) : NO_NAMES };
    scope.docs.set(num, doc);
    scope.numById.set(entry.id, num);
    this.scratch.reserve(num + 1).length[num] = doc.length;
    scope.totalLength += doc.length;
    for (const alias of entry.aliases) scope.entryByAlias.set(aliasKey(alias), entry);
  }

  remove(id: string, scopeName: string = CURATED_SCOPE): boolean {
    const scope = this.scopes.get(scopeName);
    const num = scope?.numById.get(id);
    if (!scope || num === undefined) return false;
    const removed = scope.docs.get(num)!;
    // The index keeps no copy of a document's terms; deriving them again costs one entry's tokenizing.
    scope.index.remove(num, this.indexDocument(removed.entry).terms);
    scope.totalLength -= removed.length;
    for (const alias of removed.entry.aliases) scope.entryByAlias.delete(aliasKey(alias));
    scope.docs.delete(num);
    scope.numById.delete(id);
    return true;
  }

  /** An entry by id: the server's own first, then the curated knowledge. */
  get(id: string, scopeName?: string): KnowledgeEntry | undefined {
    for (const scope of this.searchedScopes(scopeName)) {
      const num = scope.numById.get(id);
      if (num !== undefined) return scope.docs.get(num)?.entry;
    }
    return undefined;
  }

  /** The entry that claims this alias (compared folded), the server's own first. */
  byAlias(alias: string, scopeName?: string): KnowledgeEntry | undefined {
    const key = aliasKey(alias);
    for (const scope of this.searchedScopes(scopeName)) {
      const entry = scope.entryByAlias.get(key);
      if (entry) return entry;
    }
    return undefined;
  }

  /** Entries that have aliases (countries, people, operations): few, whatever the corpus size. */
  *aliasedEntries(scopeName?: string): Iterable<KnowledgeEntry> {
    const seen = new Set<KnowledgeEntry>();
    for (const scope of this.searchedScopes(scopeName)) {
      for (const entry of scope.entryByAlias.values()) {
        if (!seen.has(entry)) yield entry;
        seen.add(entry);
      }
    }
  }

  /**
   * A question as the search reads it: Russian typed in Latin letters ("kogda byla osnovana odkb")
   * in Cyrillic, the script the knowledge has its Russian in; any other question as it is.
   */
  readQuestion(text: string, scopeName?: string): string {
    const scopes = this.searchedScopes(scopeName);
    return withRussianInCyrillic(text, this.tokenizer.wordKnowledge((token) => this.documentFrequency(token, scopes) > 0));
  }

  /** Whether any word of the text is known to the index. */
  knowsAnyWord(text: string, scopeName?: string): boolean {
    return this.analyze(text, scopeName).words.some((word) => word.known);
  }

  *entries(scopeName?: string): Iterable<KnowledgeEntry> {
    for (const scope of this.searchedScopes(scopeName)) for (const doc of scope.docs.values()) yield doc.entry;
  }

  /**
   * @param completeLastWord treat the last word as partly typed (autocomplete): it also stands
   *   for the indexed words it begins
   */
  analyze(text: string, scopeName?: string, completeLastWord = false): AnalyzedQuery {
    const scopes = this.searchedScopes(scopeName);
    const total = scopes.reduce((sum, scope) => sum + scope.docs.size, 0);
    // How telling a word is comes from the curated knowledge when it has the word: a server's
    // thousands of facts would otherwise lower the weight of the domain's own words and, with it,
    // the confidence of answers that did not change.
    const curated = this.scopes.get(CURATED_SCOPE)!;
    const reference = curated.docs.size > 0 ? [curated] : scopes;
    const referenceTotal = reference.reduce((sum, scope) => sum + scope.docs.size, 0);
    const maxIdf = Math.log(1 + (referenceTotal + 0.5) / 1.5);
    const idf = (token: string) =>
      this.documentFrequency(token, reference) > 0 ? this.idf(token, reference, referenceTotal) : Math.min(maxIdf, this.idf(token, scopes, total));
    const namedSources = new Set<string>();
    const groups = this.tokenizer.groups(text, true);
    const partial = completeLastWord && !/\s$/.test(text) ? groups.at(-1) : undefined;
    const words: QueryWord[] = groups.flatMap((group) => {
      const alternatives = [...group.alternatives];
      if (group === partial) {
        for (const scope of scopes) {
          // A two-letter start fits hundreds of words: expand it to fewer.
          const expansions = Math.min(PREFIX_EXPANSIONS, 4 * group.word.length);
          for (const token of scope.index.tokensOfWordsStartingWith(group.word, expansions)) {
            alternatives.push({ token, weight: PREFIX_WEIGHT });
          }
        }
      }
      const known = alternatives.some(({ token }) => this.documentFrequency(token, scopes) > 0);
      if (!known) {
        const spellings = isCyrillic(group.word) ? [group.word, transliterate(group.word)] : [group.word];
        const similar = spellings.flatMap((spelling) => this.similarTokens(spelling, scopes));
        const throughLexicon = this.tokenizer.misspeltAlternatives(group.word);
        // "accroding" and "aobut" are stop words too.
        if (similar.length === 0 && throughLexicon.length === 0 && isMisspeltStopWord(group.word)) return [];
        for (const { token, edits } of similar) alternatives.push({ token, weight: TYPO_WEIGHT[edits]! });
        for (const { token, weight } of throughLexicon) alternatives.push({ token, weight: weight * TYPO_WEIGHT[1] });
      }
      let importance = 0;
      for (const { token, weight } of alternatives) {
        if (this.documentFrequency(token, scopes) > 0) importance = Math.max(importance, idf(token) * weight);
        for (const [sourceId, names] of this.sourceNames) if (names.includes(token)) namedSources.add(sourceId);
      }
      return [{ word: group.word, alternatives, importance, known: importance > 0 }];
    });
    const years = words.map((word) => word.word).filter((word) => YEAR.test(word));
    return { text, askedWith: questionWord(text), words, years, namedSources };
  }

  search(text: string, options: SearchOptions = {}): { query: AnalyzedQuery; hits: Hit[] } {
    const query = this.analyze(text, options.scope);
    const scopes = this.searchedScopes(options.scope).filter((scope) => !options.ownFactsOnly || scope !== this.scopes.get(CURATED_SCOPE));
    const hits = this.rerank(query, this.scoreCandidates(query, scopes, RERANK_CANDIDATES));
    return { query, hits: hits.slice(0, options.limit ?? 10) };
  }

  /** Entries for a partly typed query, cheapest path first: no typo search, no re-ranking. */
  autocomplete(text: string, options: SearchOptions = {}): KnowledgeEntry[] {
    const limit = options.limit ?? MAX_AUTOCOMPLETE;
    const scopes = this.searchedScopes(options.scope);
    if (text.trim().length === 0) return this.firstEntries(scopes, limit);
    const query = this.analyze(text, options.scope, true);
    const candidates = this.scoreCandidates(query, scopes, AUTOCOMPLETE_RANKED, AUTOCOMPLETE_SCAN_LIMIT);
    const titleMatch = new Map<Candidate, number>();
    for (const candidate of candidates) {
      const titleTokens = candidate.doc.rerankFields.title.split(" ");
      const matches = query.words.every((word) => word.alternatives.some(({ token }) => titleTokens.includes(token)));
      titleMatch.set(candidate, matches ? 1 : 0);
    }
    return candidates
      .sort((a, b) => titleMatch.get(b)! - titleMatch.get(a)! || b.matched - a.matched || b.score - a.score)
      .slice(0, limit)
      .map((candidate) => candidate.doc.entry);
  }

  private firstEntries(scopes: Scope[], limit: number): KnowledgeEntry[] {
    const entries: KnowledgeEntry[] = [];
    for (const scope of scopes) {
      for (const doc of scope.docs.values()) {
        if (entries.length === limit) return entries;
        entries.push(doc.entry);
      }
    }
    return entries;
  }

  private searchedScopes(scopeName?: string): Scope[] {
    const curated = this.scopes.get(CURATED_SCOPE)!;
    const own = scopeName && scopeName !== CURATED_SCOPE ? this.scopes.get(scopeName) : undefined;
    return own ? [own, curated] : [curated];
  }

  private documentFrequency(token: string, scopes: Scope[]): number {
    let df = 0;
    for (const scope of scopes) df += scope.index.documentFrequency(token);
    return df;
  }

  private idf(token: string, scopes: Scope[], total: number): number {
    const df = this.documentFrequency(token, scopes);
    return Math.log(1 + (total - df + 0.5) / (df + 0.5));
  }

  /** Tokens of the indexed words closest to a misspelt word, across the scopes. */
  private similarTokens(word: string, scopes: Scope[]): { token: string; edits: number }[] {
    const edits = /^\d+$/.test(word) || word.includes(" ") ? 0 : typoEdits(word.length);
    if (edits === 0) return [];
    const found = new Map<string, number>();
    for (const scope of scopes) {
      for (const similar of scope.index.similarTokens(word, edits)) {
        if (word.length < SHORT_WORD && !sameLetters(word, similar.word)) continue;
        found.set(similar.token, Math.min(similar.edits, found.get(similar.token) ?? Infinity));
      }
    }
    const best = Math.min(...found.values());
    return [...found].filter(([, edits]) => edits === best).map(([similar, edits]) => ({ token: similar, edits }));
  }

  /** Accumulators indexed by document number, reused by every query so scoring allocates little. */
  private readonly scratch = new ScoreScratch();

  /**
   * Scores every document in the postings of the query's tokens (BM25 with a word counted once, at
   * its best alternative) and keeps the `keep` best by coverage and score.
   * @param scanLimit postings read per token and scope: autocomplete reads fewer, trading recall for speed
   */
  private scoreCandidates(query: AnalyzedQuery, scopes: Scope[], keep: number, scanLimit = Infinity): Candidate[] {
    const total = scopes.reduce((sum, scope) => sum + scope.docs.size, 0);
    const totalLength = scopes.reduce((sum, scope) => sum + scope.totalLength, 0);
    const averageLength = total > 0 ? totalLength / total : 1;
    const totalImportance = query.words.reduce((sum, word) => sum + word.importance, 0);
    const scratch = this.scratch.reserve(this.nextDoc);
    const touched: number[] = [];

    for (const [wordIndex, word] of query.words.entries()) {
      const wordBit = wordIndex < 32 ? 1 << wordIndex : 0;
      const wordTouched: number[] = [];
      for (const { token, weight } of word.alternatives) {
        if (this.documentFrequency(token, scopes) === 0) continue;
        const idf = this.idf(token, scopes, total);
        for (const scope of scopes) {
          const postings = scope.index.postingsOf(token);
          if (!postings) continue;
          const scanned = Math.min(postings.size, scanLimit);
          for (let i = 0; i < scanned; i++) {
            const num = postings.docs[i]!;
            const tf = postings.weights[i]!;
            const norm = 1 - LENGTH_B + (LENGTH_B * scratch.length[num]!) / averageLength;
            const contribution = weight * idf * ((tf * (K1 + 1)) / (tf + K1 * norm));
            if (scratch.wordBest[num] === 0) wordTouched.push(num);
            if (contribution > scratch.wordBest[num]!) scratch.wordBest[num] = contribution;
            if (weight > scratch.wordWeight[num]!) scratch.wordWeight[num] = weight;
          }
        }
      }
      for (const num of wordTouched) {
        if (scratch.seen[num] === 0) {
          scratch.seen[num] = 1;
          touched.push(num);
        }
        scratch.score[num]! += scratch.wordBest[num]!;
        // Coverage credits each word once, at the weight of the best alternative that matched.
        scratch.matched[num]! += word.importance * Math.min(1, scratch.wordWeight[num]!);
        scratch.wordMask[num]! |= wordBit;
        scratch.wordBest[num] = 0;
        scratch.wordWeight[num] = 0;
      }
    }

    let bestScore = 0;
    for (const num of touched) bestScore = Math.max(bestScore, scratch.score[num]!);
    const keyOf = (num: number) => scratch.matched[num]! / (totalImportance || 1) + (0.5 * scratch.score[num]!) / (bestScore || 1);
    const chosen = topBy(touched, keep, keyOf);
    const candidates: Candidate[] = [];
    for (const num of chosen) {
      const doc = this.docByNum(num, scopes);
      if (doc) {
        const matched = totalImportance > 0 ? scratch.matched[num]! / totalImportance : 0;
        candidates.push({ doc, score: scratch.score[num]!, matched, wordMask: scratch.wordMask[num]! });
      }
    }
    for (const num of touched) scratch.clear(num);
    return candidates;
  }

  private docByNum(num: number, scopes: Scope[]): IndexedDoc | undefined {
    for (const scope of scopes) {
      const doc = scope.docs.get(num);
      if (doc) return doc;
    }
    return undefined;
  }

  private rerank(query: AnalyzedQuery, top: Candidate[]): Hit[] {
    if (top.length === 0) return [];
    // Bitap's cost grows with the pattern: the few most telling words are enough to re-rank.
    const fuseQuery = [...query.words]
      .sort((a, b) => b.importance - a.importance)
      .slice(0, RERANK_QUERY_WORDS)
      .map((word) => word.alternatives[0]?.token ?? "")
      .join(" ");
    const fuzzy = fuzzySimilarities(
      fuseQuery,
      // The curated entries keep theirs; servers' facts, up to 200,000 of them, are prepared for each answer instead of holding them.
      top.map(({ doc }) => (doc.entry.origin.type === "curated" ? (doc.fuzzyFields ??= fuzzyFieldsOf(doc)) : fuzzyFieldsOf(doc))),
    );

    const bestScore = Math.max(...top.map((candidate) => candidate.score));
    const queryTokens = new Set(query.words.flatMap((word) => word.alternatives.map(({ token }) => token)));
    const totalImportance = query.words.reduce((sum, word) => sum + word.importance, 0);
    const hits = top.map(({ doc, score, matched, wordMask }, position): Hit => {
      const phrasings = this.phrasingsOf(doc);
      const strongTokens = (doc.strongTokens ??= new Set([...phrasings.flat(), ...doc.nameTokens]));
      const strongMatched = query.words.reduce(
        (sum, word) => sum + (word.alternatives.some(({ token }) => strongTokens.has(token)) ? word.importance : 0),
        0,
      );
      const signals: HitSignals = {
        bm25: score,
        fuse: fuzzy[position]!,
        phrasing: phrasingMatch(query, queryTokens, phrasings),
        strongCoverage: totalImportance > 0 ? strongMatched / totalImportance : 0,
        matchedWords: wordMask,
        sameQuestionWord: query.askedWith !== undefined && doc.askedWith.includes(query.askedWith),
        otherQuestionWord: query.askedWith !== undefined && doc.askedWith.length > 0 && !doc.askedWith.includes(query.askedWith),
        yearMismatch: query.years.some((year) => !doc.years.includes(year)),
        otherAuthor: query.namedSources.size > 0 && !doc.sourceIds.some((id) => query.namedSources.has(id)),
        unnamedRecord: doc.nameTokens.size > 0 && !query.words.some((word) => word.alternatives.some(({ token }) => doc.nameTokens.has(token))),
      };
      // Retrieval order only: the answers re-rank these candidates with a fitted model.
      const rank = score / bestScore + matched + signals.fuse + signals.phrasing;
      return { entry: doc.entry, score: rank, coverage: matched, signals };
    });
    return hits.sort((a, b) => b.score - a.score);
  }

  private phrasingsOf(doc: IndexedDoc): string[][] {
    doc.phrasings ??= [doc.entry.title, ...doc.entry.questions, ...doc.entry.keywords].map((value) => [...new Set(this.tokenizer.tokens(value))]);
    return doc.phrasings;
  }

  private indexDocument(entry: KnowledgeEntry): { terms: IndexedTerms; doc: DocData } {
    const fields: Record<Field, string[]> = {
      aliases: entry.aliases,
      title: [entry.title],
      keywords: entry.keywords,
      questions: entry.questions,
      text: [entry.text],
      quotes: entry.quotes.map((quote) => quote.text),
    };
    const tokenWeights = new Map<string, number>();
    const nameTokens = new Set<string>();
    const words = new Map<string, string>();
    /** The first value of each field, stemmed: what fuse.js re-ranks on. */
    const stemmed: Partial<Record<Field, string>> = {};
    let length = 0;
    for (const field of Object.keys(fields) as Field[]) {
      const fieldWeights = new Map<string, number>();
      let fieldTokenCount = 0;
      fields[field].forEach((value, valueIndex) => {
        const valueTokens: string[] = [];
        for (const group of this.tokenizer.groups(value)) {
          const first = group.alternatives[0];
          if (first && !group.word.includes(" ")) words.set(group.word, first.token);
          if (first) valueTokens.push(first.token);
          for (const { token, weight } of group.alternatives) {
            fieldWeights.set(token, Math.min(FIELD_REPEAT_CAP, (fieldWeights.get(token) ?? 0) + weight));
            if (field === "aliases") nameTokens.add(token);
          }
        }
        fieldTokenCount += valueTokens.length;
        if (valueIndex === 0) stemmed[field] = valueTokens.join(" ");
      });
      length += fieldTokenCount * FIELD_WEIGHTS[field];
      for (const [token, count] of fieldWeights) {
        tokenWeights.set(token, (tokenWeights.get(token) ?? 0) + count * FIELD_WEIGHTS[field]);
      }
    }
    const years = new Set([...tokenWeights.keys()].filter((token) => YEAR.test(token)));
    if (entry.date) years.add(entry.date.slice(0, 4));
    const askedWith = new Set(entry.questions.map(questionWord).filter((word): word is string => word !== undefined));
    return {
      terms: { tokenWeights, words },
      doc: {
        length,
        years: [...years],
        sourceIds: entry.sources.map((source) => source.id),
        askedWith: [...askedWith],
        nameTokens: [...nameTokens],
        rerankFields: {
          title: stemmed.title ?? "",
          questions: [stemmed.questions, entry.aliases.length > 0 ? stemmed.aliases : undefined].filter(Boolean).join(" "),
          keywords: stemmed.keywords ?? "",
        },
      },
    };
  }
}
