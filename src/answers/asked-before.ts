import { CURATED_SCOPE, type AnalyzedQuery, type QueryWord, type SearchEngine } from "../search/engine.js";
import { sortedIndexOf } from "../search/sorted.js";
import type { AskedQuestion } from "./answer-model.js";
import { MEANING_SCALE, type WordVectors } from "./meaning.js";
import { answerTypeOf } from "./question.js";

/** How closely questions asked before resemble a new one, seen from one candidate entry. */
export interface AskedSimilarity {
  /** The closest earlier question this entry answered right, 0..1. */
  here: number;
  /** The closest earlier question that other entries answered, 0..1. */
  elsewhere: number;
  /** The closest earlier question that the knowledge could not answer, 0..1. */
  unanswerable: number;
  /**
   * How the few closest earlier questions vote for this entry: the similarity of those it answered,
   * averaged over all the voters, so that faint resemblances make a faint vote.
   */
  vote: number;
  /** The closest in meaning of the earlier questions this entry answered, however worded: -1..1. */
  meaning: number;
  /** The closest in meaning of the earlier questions that the knowledge could not answer: -1..1. */
  unanswerableMeaning: number;
}

/** What the earlier questions' words say of an entry; their meanings are compared apart. */
type WordedSimilarity = Omit<AskedSimilarity, "meaning" | "unanswerableMeaning">;

/** A question as the comparison reads it. */
interface QuestionReading {
  /** Each word with its weight (its importance, or the unknown word's weight) and its tokens; then what it asks for. */
  weighted: [weight: number, tokens: string[]][];
  /** The tokens of each word that names a person, place, organisation or year. */
  names: string[][];
  /** Every token of its words, of what its names stand for and of what it asks for. */
  tokens: string[];
}

/** Tells the words that name a person, place, organisation or year, and what a name also stands for. */
export interface NameReader {
  isName(word: QueryWord): boolean;
  standsFor(word: QueryWord): string[];
}

/**
 * What a word the knowledge never uses weighs when questions are compared, about as much as a rare
 * known word: it is often just what a near miss adds ("how many died in Kazakhstan").
 */
const UNKNOWN_WORD_WEIGHT = 3;
const weightOf = (word: QueryWord) => (word.importance > 0 ? word.importance : UNKNOWN_WORD_WEIGHT);
const NOT_ASKED: WordedSimilarity = { here: 0, elsewhere: 0, unanswerable: 0, vote: 0 };
/** A share of a question's weight too slight to make an earlier question that has only those words close. */
const SLIGHT_SHARE = 0.1;
/** How many of the closest earlier questions vote; three to ten did about as well when fitted. */
const VOTERS = 5;
/** How many of the closest answered questions are kept in order to tell an entry's "elsewhere". */
const LEADERS = 8;

/**
 * What a question asks for, as more words of it: "how many people work at the secretariat" and
 * "name the people who have led the secretariat" share their words, not their question; nor do
 * "who will be secretary general after Masadykov" and "who is secretary general, Masadykov?", whose
 * "will" is a stop word. Each weighs about what a plain known word does.
 */
const ASKS_FOR_WEIGHT = 2.5;
/** Words that ask about what is still to come. */
const ABOUT_THE_FUTURE = /(?<![\p{L}\p{N}'’])(?:will|won'?t|gonna|going to|next|upcoming|future|будет|будут|станет|следующ\p{L}*|будущ\p{L}*)(?![\p{L}\p{N}])|\w'll\b/iu;
const asksFor = (text: string): string[] => {
  const type = answerTypeOf(text);
  return [...(type === "other" ? [] : [`?${type}`]), ...(ABOUT_THE_FUTURE.test(text) ? ["?future"] : [])];
};

/** Every token of the words, and what their names stand for. */
const tokensOf = (words: QueryWord[], names: string[][]) => new Set([...words.flatMap((word) => word.alternatives.map(({ token }) => token)), ...names.flat()]);

/** Lists of numbers laid end to end: list i runs from `start[i]` up to `start[i + 1]`. */
interface Lists {
  start: Int32Array;
  values: Int32Array;
}

class ListsBuilder {
  private readonly start: number[] = [0];
  private readonly values: number[] = [];

  /** Adds a list; returns its index. */
  add(list: readonly number[]): number {
    for (const value of list) this.values.push(value);
    this.start.push(this.values.length);
    return this.start.length - 2;
  }

  build(): Lists {
    return { start: Int32Array.from(this.start), values: Int32Array.from(this.values) };
  }
}

/** The number of `value`, numbering values in the order first met. */
function numberOf(numbers: Map<string, number>, value: string): number {
  let number = numbers.get(value);
  if (number === undefined) numbers.set(value, (number = numbers.size));
  return number;
}

/** The values of list `index`. */
function* listAt({ start, values }: Lists, index: number): Generator<number> {
  for (let i = start[index]!; i < start[index + 1]!; i++) yield values[i]!;
}

/** The indexes of the empty lists. */
function* listsThatAreEmpty({ start }: Lists): Generator<number> {
  for (let index = 0; index + 1 < start.length; index++) if (start[index] === start[index + 1]) yield index;
}

/** Whether sorted list `index` holds `value`. */
function sortedHas({ start, values }: Lists, index: number, value: number): boolean {
  return sortedIndexOf(values, value, start[index]!, start[index + 1]!) >= 0;
}

/**
 * The questions asked before as numbers in a few flat typed arrays: what the build's snapshot keeps,
 * as bytes beside its JSON (src/knowledge/snapshot.ts), so that start-up neither parses nor decodes them.
 */
export interface PackedQuestions {
  /** Token i is number i. */
  vocabulary: string[];
  /** Each question's words (word numbers), each distinct word's weight and tokens. */
  words: Lists;
  importance: Float64Array;
  wordTokens: Lists;
  /** Each question's names (name numbers) and each distinct name's tokens. */
  names: Lists;
  nameTokens: Lists;
  /** Each question's tokens, sorted. */
  tokens: Lists;
  /** Entry i is number i. */
  entries: string[];
  /** The entries (numbers) that answered each question right; none for one out of scope. */
  answeredBy: Lists;
  /** Each question's meaning (see WordVectors), MEANING_SCALE times its unit vector as signed bytes, end to end. */
  meanings: Int8Array;
}

/**
 * The packed questions in typed arrays, as answers read them, with what is worked out from them.
 * Held as objects of strings and sets, eight thousand questions took 18 MB and a millisecond of every answer.
 */
interface Memory extends Omit<PackedQuestions, "vocabulary" | "entries"> {
  vocabulary: Map<string, number>;
  /** List t: the questions with token t, or a name that stands for it, in order. */
  withToken: Lists;
  /** Entry id -> its number. */
  entryNumbers: Map<string, number>;
  /** List e: the questions entry e answered. */
  answeredByEntry: Lists;
  /** Entry e's questions' meanings, each distinct one once and side by side: what the meaning feature scans, made on first use. */
  entryMeanings: (Int8Array | undefined)[];
  /** The same for the questions out of scope, which every answer scans. */
  unanswerableMeanings: Int8Array;
  /** Marks of the questions that have one of the new question's names. */
  named: Uint8Array;
  /** Marks of the new question's tokens and of the questions gathered for it; cleared after each use. */
  tokenMarks: Uint8Array;
  gathered: Uint8Array;
  /** The questions gathered for the new one, in the order first met, at its start: one list reused by every answer. */
  sharing: Int32Array;
}

/** For each value below `size`, the lists that hold it, in order: the lists turned inside out. */
function invert({ start, values }: Lists, size: number): Lists {
  const counts = new Int32Array(size + 1);
  for (const value of values) counts[value + 1]!++;
  for (let value = 0; value < size; value++) counts[value + 1]! += counts[value]!;
  const holders = new Int32Array(values.length);
  const next = counts.slice(0, size);
  for (let list = 0; list + 1 < start.length; list++) {
    for (let i = start[list]!; i < start[list + 1]!; i++) holders[next[values[i]!]!++] = list;
  }
  return { start: counts, values: holders };
}

/** The meanings of the questions, each distinct one once and side by side: many students asked in the same words. */
function distinctMeanings(meanings: Int8Array, questions: Iterable<number>, dimensions: number): Int8Array {
  // Keyed by the bytes read as one character each: a fifth of the time of joining the numbers.
  const bytes = Buffer.from(meanings.buffer, meanings.byteOffset, meanings.byteLength);
  const seen = new Set<string>();
  const kept: number[] = [];
  for (const question of questions) {
    const at = question * dimensions;
    const key = bytes.toString("latin1", at, at + dimensions);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(at);
  }
  const distinct = new Int8Array(kept.length * dimensions);
  kept.forEach((at, k) => distinct.set(meanings.subarray(at, at + dimensions), k * dimensions));
  return distinct;
}

function unpack({ vocabulary, entries, ...lists }: PackedQuestions, dimensions: number): Memory {
  const questions = lists.answeredBy.start.length - 1;
  return {
    ...lists,
    vocabulary: new Map(vocabulary.map((token, id) => [token, id])),
    withToken: invert(lists.tokens, vocabulary.length),
    entryNumbers: new Map(entries.map((id, number) => [id, number])),
    answeredByEntry: invert(lists.answeredBy, entries.length),
    entryMeanings: [],
    unanswerableMeanings: distinctMeanings(lists.meanings, listsThatAreEmpty(lists.answeredBy), dimensions),
    named: new Uint8Array(questions),
    tokenMarks: new Uint8Array(vocabulary.length),
    gathered: new Uint8Array(questions),
    sharing: new Int32Array(questions),
  };
}

/**
 * The questions students asked before, and which entries answered them: a new question worded like
 * one of them is likely answered by the same entry. Both ways of coverage count, so a short query
 * inside a long question is not taken for the same question.
 */
export class AskedBefore {
  private memory: Memory | undefined;

  /**
   * @param asked the questions with the entries that answered them; read only when `data` is not given
   * @param data the questions packed, when the build's snapshot held them
   */
  constructor(
    private readonly engine: SearchEngine,
    private readonly vectors: WordVectors,
    private readonly names: NameReader,
    private readonly asked: readonly AskedQuestion[],
    private data?: PackedQuestions,
  ) {}

  /** The questions asked before, read and packed: reading all of them takes seconds, so the build's snapshot holds them packed. */
  packed(): PackedQuestions {
    return (this.data ??= this.pack(this.asked.map((asked) => this.engine.analyze(this.engine.readQuestion(asked.question, CURATED_SCOPE), CURATED_SCOPE))));
  }

  /** Ready on first use, or when the bot is idle after start-up (`prepare`): start-up does not wait for it. */
  prepare(): Memory {
    if (this.memory) return this.memory;
    this.memory = unpack(this.packed(), this.vectors.dimensions);
    // Answers read only the typed arrays: the plain lists would only take room.
    this.data = undefined;
    return this.memory;
  }

  private pack(queries: AnalyzedQuery[]): PackedQuestions {
    const vocabulary = new Map<string, number>();
    const numbers = (tokens: Iterable<string>) => [...tokens].map((token) => numberOf(vocabulary, token));
    const entries = new Map<string, number>();
    const [words, wordTokens, names, nameTokens, tokens] = [new ListsBuilder(), new ListsBuilder(), new ListsBuilder(), new ListsBuilder(), new ListsBuilder()];
    const importance: number[] = [];
    // The same few thousand words come back in question after question: each is kept once.
    const wordNumbers = new Map<string, number>();
    const nameNumbers = new Map<string, number>();
    const wordNumber = ([weight, wordTokenList]: QuestionReading["weighted"][number]) => {
      const ids = numbers(wordTokenList);
      const key = `${weight} ${ids.join(" ")}`;
      let id = wordNumbers.get(key);
      if (id === undefined) {
        importance.push(weight);
        wordNumbers.set(key, (id = wordTokens.add(ids)));
      }
      return id;
    };
    const nameNumber = (name: string[]) => {
      const ids = numbers(name);
      const key = ids.join(" ");
      let id = nameNumbers.get(key);
      if (id === undefined) nameNumbers.set(key, (id = nameTokens.add(ids)));
      return id;
    };
    for (const reading of queries.map((query) => this.reading(query))) {
      words.add(reading.weighted.map(wordNumber));
      names.add(reading.names.map(nameNumber));
      tokens.add(numbers(new Set(reading.tokens)).sort((a, b) => a - b));
    }
    const answeredBy = new ListsBuilder();
    for (const asked of this.asked) answeredBy.add(asked.answeredBy.map((id) => numberOf(entries, id)));
    const meanings = new Int8Array(this.asked.length * this.vectors.dimensions);
    queries.forEach((query, index) => {
      const meaning = this.vectors.meaning(query.text);
      meaning?.forEach((value, d) => (meanings[index * this.vectors.dimensions + d] = Math.round(MEANING_SCALE * value)));
    });
    return {
      vocabulary: [...vocabulary.keys()],
      words: words.build(),
      importance: Float64Array.from(importance),
      wordTokens: wordTokens.build(),
      names: names.build(),
      nameTokens: nameTokens.build(),
      tokens: tokens.build(),
      entries: [...entries.keys()],
      answeredBy: answeredBy.build(),
      meanings,
    };
  }

  /** For each entry id, how closely the earlier questions resemble `query`. */
  similarityFor(query: AnalyzedQuery): (entryId: string) => AskedSimilarity {
    const memory = this.prepare();
    const { vocabulary, tokenMarks, gathered, withToken } = memory;
    const reading = this.reading(query);
    // A token the memory never saw is in no earlier question.
    const numbered = (tokens: Iterable<string>) => [...tokens].flatMap((token) => vocabulary.get(token) ?? []);
    const weighted = reading.weighted.map(([importance, tokens]) => ({ importance, ids: numbered(tokens) }));
    const names = reading.names.map(numbered);
    const marked = numbered(reading.tokens);
    for (const id of marked) tokenMarks[id] = 1;
    // Only questions with every name of the new one can be close: those with its rarest name are all that need reading.
    const named = markNamed(memory, names, 1);
    // In the order first met, which ties in similarity keep when sorted.
    const { sharing } = memory;
    let shared = 0;
    // Questions that share a telling word: asking for the same thing alone makes none close.
    for (const id of numbered(tellingTokens(query.words, reading))) {
      for (let holder = withToken.start[id]!; holder < withToken.start[id + 1]!; holder++) {
        const index = withToken.values[holder]!;
        if (gathered[index] === 1 || (named && memory.named[index] === 0)) continue;
        gathered[index] = 1;
        sharing[shared++] = index;
      }
    }
    // The close questions in the order first met, as parallel lists: no object per question.
    const questions: number[] = [];
    const similarities: number[] = [];
    for (let i = 0; i < shared; i++) {
      const index = sharing[i]!;
      gathered[index] = 0;
      // A question about another person, place, organisation or year is another question, however alike the rest.
      if (!sameNames(memory, index, names)) continue;
      // Both shares must be above zero; the cheaper one, of the new question's weight, is worked out first.
      const covered = newWeightCovered(memory, index, weighted);
      if (covered === 0) continue;
      questions.push(index);
      similarities.push((covered * earlierWeightCovered(memory, index)) ** 2);
    }
    for (const id of marked) tokenMarks[id] = 0;
    markNamed(memory, names, 0);
    const worded = questions.length === 0 ? () => NOT_ASKED : closest(memory, questions, similarities);
    const meaning = this.vectors.meaning(query.text);
    if (!meaning) return (entryId) => ({ ...worded(entryId), meaning: 0, unanswerableMeaning: 0 });
    const { dimensions } = this.vectors;
    // A question worded apart from any out of scope may still mean the same: "how many were wounded" after "how many died".
    const unanswerableMeaning = closestInMeaning(memory.unanswerableMeanings, dimensions, meaning);
    return (entryId) => {
      const entry = memory.entryNumbers.get(entryId);
      const meant = entry === undefined ? 0 : closestInMeaning((memory.entryMeanings[entry] ??= distinctMeanings(memory.meanings, listAt(memory.answeredByEntry, entry), dimensions)), dimensions, meaning);
      return { ...worded(entryId), meaning: meant, unanswerableMeaning };
    };
  }

  /** Its words with their weights, what it asks for, and the words that name something, each as its tokens. */
  private reading(query: AnalyzedQuery): QuestionReading {
    const tokensOfWord = (word: QueryWord) => word.alternatives.map(({ token }) => token);
    const asks = asksFor(query.text);
    // "Moscow" and "Russia" name the same party: either stands for the other.
    const names = query.words.filter((word) => this.names.isName(word)).map((word) => [...tokensOfWord(word), ...this.names.standsFor(word)]);
    return {
      weighted: [
        ...query.words.map((word): QuestionReading["weighted"][number] => [weightOf(word), tokensOfWord(word)]),
        ...asks.map((token): QuestionReading["weighted"][number] => [ASKS_FOR_WEIGHT, [token]]),
      ],
      names,
      tokens: [...tokensOf(query.words, names), ...asks],
    };
  }
}

/**
 * The tokens of the words that gather the earlier questions to compare. A question that shares only
 * the lightest words and what is asked for, together under SLIGHT_SHARE of the new one's weight, is
 * never close (its similarity is under SLIGHT_SHARE squared); the lightest words ("csto") are in
 * thousands of questions.
 */
function tellingTokens(words: readonly QueryWord[], reading: QuestionReading): Set<string> {
  const total = reading.weighted.reduce((sum, [weight]) => sum + weight, 0);
  const lightestFirst = words.map((word) => ({ word, weight: weightOf(word) })).sort((a, b) => a.weight - b.weight);
  const slight = new Set<QueryWord>();
  // What is asked for is shared without gathering: it counts against the slight share.
  let slightWeight = total - words.reduce((sum, word) => sum + weightOf(word), 0);
  for (const { word, weight } of lightestFirst) {
    if (slightWeight + weight >= SLIGHT_SHARE * total) break;
    slightWeight += weight;
    slight.add(word);
  }
  // In the question's order, which sets the order questions are met in.
  return tokensOf(words.filter((word) => !slight.has(word)), []);
}

/** Whether earlier question `index` has every name of the new one, and the new one (its marked tokens) every name of the earlier. */
function sameNames(memory: Memory, index: number, names: number[][]): boolean {
  for (const ids of names) {
    let found = false;
    for (let i = 0; i < ids.length && !found; i++) found = sortedHas(memory.tokens, index, ids[i]!);
    if (!found) return false;
  }
  const { names: earlierNames, nameTokens, tokenMarks } = memory;
  for (let name = earlierNames.start[index]!; name < earlierNames.start[index + 1]!; name++) {
    const named = earlierNames.values[name]!;
    let mentioned = false;
    for (let token = nameTokens.start[named]!; token < nameTokens.start[named + 1]! && !mentioned; token++) mentioned = tokenMarks[nameTokens.values[token]!] === 1;
    if (!mentioned) return false;
  }
  return true;
}

/** Share of the new question's weight whose words occur in earlier question `index`. */
function newWeightCovered(memory: Memory, index: number, weighted: { importance: number; ids: number[] }[]): number {
  let total = 0;
  let covered = 0;
  for (const { importance, ids } of weighted) {
    total += importance;
    for (const id of ids) {
      if (sortedHas(memory.tokens, index, id)) {
        covered += importance;
        break;
      }
    }
  }
  return total > 0 ? covered / total : 0;
}

/** Share of earlier question `index`'s weight whose words occur in the new question (its marked tokens). */
function earlierWeightCovered({ words, importance, wordTokens, tokenMarks }: Memory, index: number): number {
  let total = 0;
  let covered = 0;
  for (let position = words.start[index]!; position < words.start[index + 1]!; position++) {
    const word = words.values[position]!;
    total += importance[word]!;
    for (let token = wordTokens.start[word]!; token < wordTokens.start[word + 1]!; token++) {
      if (tokenMarks[wordTokens.values[token]!] === 1) {
        covered += importance[word]!;
        break;
      }
    }
  }
  return total > 0 ? covered / total : 0;
}

/** Puts question `i` among the `limit` closest kept in `list` (closest first), after any as close met before it. */
function keepClosest(list: number[], i: number, similarities: readonly number[], limit: number): void {
  let position = list.length;
  while (position > 0 && similarities[list[position - 1]!]! < similarities[i]!) position--;
  if (position >= limit) return;
  list.splice(position, 0, i);
  if (list.length > limit) list.pop();
}

/**
 * Marks (or, with 0, unmarks) the questions that have a token of the new question's rarest name;
 * false when it names nothing and every question may be close.
 */
function markNamed({ withToken, named }: Memory, names: number[][], mark: 0 | 1): boolean {
  if (names.length === 0) return false;
  const { start, values } = withToken;
  const holders = names.map((ids) => ids.reduce((sum, id) => sum + start[id + 1]! - start[id]!, 0));
  const rarest = names[holders.indexOf(Math.min(...holders))]!;
  for (const id of rarest) for (let holder = start[id]!; holder < start[id + 1]!; holder++) named[values[holder]!] = mark;
  return true;
}

/** How close in meaning to `meaning` the closest of an entry's earlier questions (their meanings side by side) comes: -1..1. */
function closestInMeaning(meanings: Int8Array, dimensions: number, meaning: Float32Array): number {
  let best = -MEANING_SCALE;
  for (let at = 0; at < meanings.length; ) {
    let similarity = 0;
    for (let d = 0; d < dimensions; d++, at++) similarity += meaning[d]! * meanings[at]!;
    if (similarity > best) best = similarity;
  }
  return best / MEANING_SCALE;
}

/** Whether the entry numbered `entry` answered question `index`. */
function answered({ answeredBy }: Memory, index: number, entry: number): boolean {
  for (let i = answeredBy.start[index]!; i < answeredBy.start[index + 1]!; i++) if (answeredBy.values[i] === entry) return true;
  return false;
}

/**
 * What the close questions (memory indexes, with their similarities) say of each entry. Ties go to
 * the question met first, as a stable sort by similarity would order them; only the few closest are
 * ordered at all.
 */
function closest(memory: Memory, questions: number[], similarities: number[]): (entryId: string) => WordedSimilarity {
  const { answeredBy, entryNumbers } = memory;
  const voters: number[] = [];
  const leaders: number[] = [];
  const here = new Float64Array(entryNumbers.size);
  let unanswerable = 0;
  for (let i = 0; i < questions.length; i++) {
    const similarity = similarities[i]!;
    const index = questions[i]!;
    keepClosest(voters, i, similarities, VOTERS);
    if (answeredBy.start[index] === answeredBy.start[index + 1]) {
      unanswerable = Math.max(unanswerable, similarity);
      continue;
    }
    keepClosest(leaders, i, similarities, LEADERS);
    for (let j = answeredBy.start[index]!; j < answeredBy.start[index + 1]!; j++) here[answeredBy.values[j]!] = Math.max(here[answeredBy.values[j]!]!, similarity);
  }
  const isAnswered = (i: number) => answeredBy.start[questions[i]!] !== answeredBy.start[questions[i]! + 1];
  // The closest answered question the entry did not answer: nearly always among the leaders.
  const elsewhere = (entry: number) => {
    const leader = leaders.find((i) => !answered(memory, questions[i]!, entry));
    if (leader !== undefined) return similarities[leader]!;
    if (leaders.length < LEADERS) return 0;
    let closestElsewhere = 0;
    for (let i = 0; i < questions.length; i++) if (isAnswered(i) && !answered(memory, questions[i]!, entry)) closestElsewhere = Math.max(closestElsewhere, similarities[i]!);
    return closestElsewhere;
  };
  return (entryId) => {
    // An entry no earlier question named was answered by none of them.
    const entry = entryNumbers.get(entryId) ?? -1;
    return {
      vote: voters.reduce((sum, i) => sum + (answered(memory, questions[i]!, entry) ? similarities[i]! : 0), 0) / VOTERS,
      here: entry >= 0 ? here[entry]! : 0,
      elsewhere: elsewhere(entry),
      unanswerable,
    };
  };
}
