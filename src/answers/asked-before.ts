import { CURATED_SCOPE, type AnalyzedQuery, type QueryWord, type SearchEngine } from "../search/engine.js";
import type { AskedQuestion } from "./answer-model.js";

/** How closely questions asked before resemble a new one, seen from one candidate entry. */
export interface AskedSimilarity {
  /** The closest earlier question this entry answered right, 0..1. */
  here: number;
  /** The closest earlier question that other entries answered, 0..1. */
  elsewhere: number;
  /** The closest earlier question that the knowledge could not answer, 0..1. */
  unanswerable: number;
  /** How the few closest earlier questions vote for this entry: the share of their similarity held by those it answered. */
  vote: number;
}

/** A question as the comparison reads it, in plain data (the build's snapshot keeps those asked before). */
export interface QuestionReading {
  /** Each word that carries weight: its importance and its tokens. */
  weighted: [importance: number, tokens: string[]][];
  /** The tokens of each word that names a person, place, organisation or year. */
  names: string[][];
  /** Every token of its words, the weightless ones too. */
  tokens: string[];
}

interface Remembered extends Omit<QuestionReading, "tokens"> {
  tokens: ReadonlySet<string>;
  answeredBy: ReadonlySet<string>;
}

/** Tells the words that name a person, place, organisation or year, and what a name also stands for. */
export interface NameReader {
  isName(word: QueryWord): boolean;
  standsFor(word: QueryWord): string[];
}

const NOT_ASKED: AskedSimilarity = { here: 0, elsewhere: 0, unanswerable: 0, vote: 0 };
/** How many of the closest earlier questions vote; three to ten did about as well when fitted. */
const VOTERS = 5;

/** Every token of the words, and what their names stand for. */
const tokensOf = (words: QueryWord[], names: string[][]) => new Set([...words.flatMap((word) => word.alternatives.map(({ token }) => token)), ...names.flat()]);
const mentions = (wordTokens: string[], tokens: ReadonlySet<string>) => wordTokens.some((token) => tokens.has(token));
/** The tokens of the words that carry weight, each once. */
const weightedTokens = (reading: Pick<QuestionReading, "weighted">) => new Set(reading.weighted.flatMap(([, tokens]) => tokens));

/** Share of the question's weight whose words occur among `tokens`. */
function weightCovered(weighted: QuestionReading["weighted"], tokens: ReadonlySet<string>): number {
  let total = 0;
  let covered = 0;
  for (const [importance, wordTokens] of weighted) {
    total += importance;
    if (mentions(wordTokens, tokens)) covered += importance;
  }
  return total > 0 ? covered / total : 0;
}

/**
 * The questions students asked before, and which entries answered them: a new question worded like
 * one of them is likely answered by the same entry. Both ways of coverage count, so a short query
 * inside a long question is not taken for the same question.
 */
export class AskedBefore {
  private remembered: Remembered[] | undefined;
  private readonly byToken = new Map<string, number[]>();

  /**
   * @param readings how each question asked before reads, in the same order, when the build's
   *   snapshot held them; worked out from the questions otherwise
   */
  constructor(
    private readonly engine: SearchEngine,
    private readonly names: NameReader,
    readonly asked: readonly AskedQuestion[],
    private readings?: readonly QuestionReading[],
  ) {}

  /** How each question asked before reads, worked out once (reading them all takes a third of a second). */
  askedReadings(): readonly QuestionReading[] {
    return (this.readings ??= this.asked.map((asked) => this.reading(this.engine.analyze(asked.question, CURATED_SCOPE))));
  }

  /** Ready on first use, or when the bot is idle after start-up (`prepare`): start-up does not wait for it. */
  prepare(): Remembered[] {
    if (this.remembered) return this.remembered;
    this.remembered = this.askedReadings().map((reading, index) => {
      for (const token of weightedTokens(reading)) {
        const list = this.byToken.get(token);
        if (list) list.push(index);
        else this.byToken.set(token, [index]);
      }
      return { weighted: reading.weighted, names: reading.names, tokens: new Set(reading.tokens), answeredBy: new Set(this.asked[index]!.answeredBy) };
    });
    return this.remembered;
  }

  /** For each entry id, how closely the earlier questions resemble `query`. */
  similarityFor(query: AnalyzedQuery): (entryId: string) => AskedSimilarity {
    const memory = this.prepare();
    // The new question's tokens stay a set: spread into a reading's array, they would only be gathered again.
    const reading = this.weighedWords(query);
    const tokens = tokensOf(query.words, reading.names);
    const sharing = new Set<number>();
    for (const token of weightedTokens(reading)) for (const index of this.byToken.get(token) ?? []) sharing.add(index);
    // A question about another person, place, organisation or year is another question, however alike the rest.
    const sameNames = (earlier: Remembered) => reading.names.every((word) => mentions(word, earlier.tokens)) && earlier.names.every((word) => mentions(word, tokens));
    const close: { earlier: Remembered; similarity: number }[] = [];
    for (const index of sharing) {
      const earlier = memory[index]!;
      if (!sameNames(earlier)) continue;
      // Both shares must be above zero; the cheaper one, of the new question's weight, is worked out first.
      const covered = weightCovered(reading.weighted, earlier.tokens);
      if (covered > 0) close.push({ earlier, similarity: (covered * weightCovered(earlier.weighted, tokens)) ** 2 });
    }
    if (close.length === 0) return () => NOT_ASKED;
    // Closest first: an entry's "elsewhere" is the first answered question it did not answer.
    close.sort((a, b) => b.similarity - a.similarity);
    const answered = close.filter(({ earlier }) => earlier.answeredBy.size > 0);
    const unanswerable = close.find(({ earlier }) => earlier.answeredBy.size === 0)?.similarity ?? 0;
    const voters = close.slice(0, VOTERS);
    const votes = voters.reduce((sum, { similarity }) => sum + similarity, 0);
    return (entryId) => ({
      vote: voters.reduce((sum, { earlier, similarity }) => sum + (earlier.answeredBy.has(entryId) ? similarity : 0), 0) / votes,
      here: answered.find(({ earlier }) => earlier.answeredBy.has(entryId))?.similarity ?? 0,
      elsewhere: answered.find(({ earlier }) => !earlier.answeredBy.has(entryId))?.similarity ?? 0,
      unanswerable,
    });
  }

  private reading(query: AnalyzedQuery): QuestionReading {
    const words = this.weighedWords(query);
    return { ...words, tokens: [...tokensOf(query.words, words.names)] };
  }

  /** Its words that carry weight, and those that name something, each as its tokens. */
  private weighedWords(query: AnalyzedQuery): Omit<QuestionReading, "tokens"> {
    const tokensOfWord = (word: QueryWord) => word.alternatives.map(({ token }) => token);
    return {
      weighted: query.words.filter((word) => word.importance > 0).map((word) => [word.importance, tokensOfWord(word)]),
      // "Moscow" and "Russia" name the same party: either stands for the other.
      names: query.words.filter((word) => this.names.isName(word)).map((word) => [...tokensOfWord(word), ...this.names.standsFor(word)]),
    };
  }
}
