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
}

interface Remembered {
  query: AnalyzedQuery;
  /** The words that name a person, place, organisation or year. */
  names: QueryWord[];
  /** Every token of its words, the weightless ones too. */
  tokens: Set<string>;
  answeredBy: Set<string>;
}

const NOT_ASKED: AskedSimilarity = { here: 0, elsewhere: 0, unanswerable: 0 };

const tokensOf = (words: QueryWord[]) => new Set(words.flatMap((word) => word.alternatives.map(({ token }) => token)));
const mentions = (word: QueryWord, tokens: ReadonlySet<string>) => word.alternatives.some(({ token }) => tokens.has(token));

/** Share of the query's weight whose words occur among `tokens`. */
function weightCovered(query: AnalyzedQuery, tokens: ReadonlySet<string>): number {
  let total = 0;
  let covered = 0;
  for (const word of query.words) {
    if (word.importance <= 0) continue;
    total += word.importance;
    if (mentions(word, tokens)) covered += word.importance;
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

  constructor(
    private readonly engine: SearchEngine,
    /** Whether a word names something: a person, place, organisation or year. */
    private readonly isName: (word: QueryWord) => boolean,
    readonly asked: readonly AskedQuestion[],
  ) {}

  /** Analysed on first use, or when the bot is idle after start-up (`prepare`): start-up does not wait for it. */
  prepare(): Remembered[] {
    if (this.remembered) return this.remembered;
    this.remembered = this.asked.map((asked, index) => {
      const query = this.engine.analyze(asked.question, CURATED_SCOPE);
      for (const token of tokensOf(query.words.filter((word) => word.importance > 0))) {
        const list = this.byToken.get(token);
        if (list) list.push(index);
        else this.byToken.set(token, [index]);
      }
      return { query, names: query.words.filter(this.isName), tokens: tokensOf(query.words), answeredBy: new Set(asked.answeredBy) };
    });
    return this.remembered;
  }

  /** For each entry id, how closely the earlier questions resemble `query`. */
  similarityFor(query: AnalyzedQuery): (entryId: string) => AskedSimilarity {
    const memory = this.prepare();
    const tokens = tokensOf(query.words);
    const names = query.words.filter(this.isName);
    const sharing = new Set([...tokensOf(query.words.filter((word) => word.importance > 0))].flatMap((token) => this.byToken.get(token) ?? []));
    // A question about another person, place, organisation or year is another question, however alike the rest.
    const sameNames = (earlier: Remembered) => names.every((word) => mentions(word, earlier.tokens)) && earlier.names.every((word) => mentions(word, tokens));
    const close = [...sharing].flatMap((index) => {
      const earlier = memory[index]!;
      return sameNames(earlier) ? [{ earlier, similarity: (weightCovered(query, earlier.tokens) * weightCovered(earlier.query, tokens)) ** 2 }] : [];
    });
    if (close.length === 0) return () => NOT_ASKED;
    const unanswerable = Math.max(0, ...close.filter(({ earlier }) => earlier.answeredBy.size === 0).map(({ similarity }) => similarity));
    return (entryId) => {
      let here = 0;
      let elsewhere = 0;
      for (const { earlier, similarity } of close) {
        if (earlier.answeredBy.has(entryId)) here = Math.max(here, similarity);
        else if (earlier.answeredBy.size > 0) elsewhere = Math.max(elsewhere, similarity);
      }
      return { here, elsewhere, unanswerable };
    };
  }
}
