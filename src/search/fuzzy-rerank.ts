// The re-ranker's fuzzy similarity: the score fuse.js 7 gives with `useTokenSearch` and `ignoreLocation`
// (its Bitap per query word, weighted by that word's rarity among the candidates' fields, then the
// fields combined by weight and length), worked out without fuse.js's per-call arrays and objects. Those
// made about half of what an answer allocated, and the collections they caused made the slow answers
// slower. tests/search/fuzzy-rerank.test.ts holds it equal to fuse.js on the real knowledge.

/** fuse.js's `threshold`: a word matches with at most this share of its letters wrong. */
const THRESHOLD = 0.4;
/** Bitap keeps a pattern in one 32-bit word; fuse.js splits longer words into pieces of this length. */
const MAX_PATTERN = 32;
/** What fuse.js's default tokenizer takes for a word. */
const WORD = /[\p{L}\p{M}\p{N}_]+/gu;
/** fuse.js's floor on a matching word's score: an exact match inside a longer text scores this, not 0. */
const MIN_SCORE = 0.001;

/** One field of a candidate, prepared once: what the Bitap reads, its length norm and its distinct words. */
export interface FuzzyField {
  /** fuse.js's key weight, already divided by the sum of all keys' weights. */
  weight: number;
  lowered: string;
  /** fuse.js's field-length norm: 1 / √(words), to three decimals. */
  norm: number;
  /** Its words as fuse.js's tokenizer reads them; a field without any counts for no document frequency. */
  words: readonly string[];
}

const isSpace = (code: number) => (code >= 9 && code <= 13) || code === 32 || code === 160;

function lengthNorm(value: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < value.length; i++) {
    if (isSpace(value.charCodeAt(i))) inWord = false;
    else if (!inWord) {
      words++;
      inWord = true;
    }
  }
  return Math.round(1000 / Math.pow(Math.max(1, words), 0.5)) / 1000;
}

const wordsOf = (text: string) => text.toLowerCase().match(WORD) ?? [];

/**
 * A candidate's fields with their weights (as fuse.js keys take them); blank fields are left out,
 * as fuse.js's index leaves them out.
 */
export function fuzzyFields(fields: readonly { value: string; weight: number }[]): FuzzyField[] {
  const totalWeight = fields.reduce((sum, { weight }) => sum + weight, 0);
  return fields
    .filter(({ value }) => value.trim().length > 0)
    .map(({ value, weight }) => {
      const lowered = value.toLowerCase();
      return { weight: weight / totalWeight, lowered, norm: lengthNorm(value), words: lowered.match(WORD) ?? [] };
    });
}

/** Bit masks of each character of the pattern, by UTF-16 code unit; reset after each use, so no table per pattern. */
const alphabet = new Int32Array(65_536);
/** Two rows of Bitap state, grown to the longest text met. */
let previousRow = new Int32Array(0);
let currentRow = new Int32Array(0);

/**
 * The fewest errors (substitutions, insertions, deletions, as fuse.js's Bitap counts them) with
 * which `pattern` (at most 32 code units) occurs in `text`, over its length; 1 when that is above
 * the threshold. Row j of a level holds the pattern prefixes ending at text position j - 1, filled
 * from the text's end as fuse.js fills them.
 */
function bitapPiece(text: string, pattern: string): number {
  const patternLength = pattern.length;
  if (text.includes(pattern)) return MIN_SCORE;
  const finish = text.length + patternLength;
  if (currentRow.length < finish + 2) {
    previousRow = new Int32Array(2 * (finish + 2));
    currentRow = new Int32Array(2 * (finish + 2));
  }
  for (let i = 0; i < patternLength; i++) alphabet[pattern.charCodeAt(i)]! |= 1 << (patternLength - i - 1);
  const found = 1 << (patternLength - 1);
  let score = 1;
  for (let errors = 0; errors / patternLength <= THRESHOLD && score === 1; errors++) {
    const row = currentRow;
    const last = previousRow;
    row[finish + 1] = (1 << errors) - 1;
    for (let j = finish; j >= 1; j--) {
      const charMatch = j <= text.length ? alphabet[text.charCodeAt(j - 1)]! : 0;
      let bits = ((row[j + 1]! << 1) | 1) & charMatch;
      if (errors > 0) bits |= (((last[j + 1]! | last[j]!) << 1) | 1 | last[j + 1]!);
      row[j] = bits;
      if (bits & found) {
        score = Math.max(MIN_SCORE, errors / patternLength);
        break;
      }
    }
    previousRow = row;
    currentRow = last;
  }
  for (let i = 0; i < patternLength; i++) alphabet[pattern.charCodeAt(i)] = 0;
  return score;
}

/** Where fuse.js cuts a word longer than Bitap's pattern: whole pieces from the start, then the last 32 letters for what is left. */
function pieceStarts(length: number): number[] {
  const starts: number[] = [];
  for (let start = 0; start + MAX_PATTERN <= length; start += MAX_PATTERN) starts.push(start);
  if (length % MAX_PATTERN) starts.push(length - MAX_PATTERN);
  return starts;
}

/** A query word's score in a text, 0 (exact) to 1 (no match); longer words are scored in pieces and averaged. */
function wordScore(text: string, word: string): number {
  if (text === word) return 0;
  if (word.length <= MAX_PATTERN) return bitapPiece(text, word);
  const pieces = pieceStarts(word.length).map((start) => bitapPiece(text, word.substring(start, start + MAX_PATTERN)));
  return pieces.some((piece) => piece < 1) ? pieces.reduce((sum, piece) => sum + piece, 0) / pieces.length : 1;
}

/**
 * How well `query` matches each candidate, 0..1 (1 minus fuse.js's score; 0 where nothing matches),
 * the candidates' fields being the whole collection fuse.js would index.
 */
export function fuzzySimilarities(query: string, candidates: readonly (readonly FuzzyField[])[]): Float64Array {
  const similarities = new Float64Array(candidates.length);
  const words = wordsOf(query);
  if (words.length === 0) return similarities;
  let fieldCount = 0;
  const fieldsWith = words.map(() => 0);
  for (const fields of candidates) {
    for (const field of fields) {
      if (field.words.length === 0) continue;
      fieldCount++;
      words.forEach((word, w) => field.words.includes(word) && fieldsWith[w]!++);
    }
  }
  // fuse.js's inverse document frequency, over the candidates' fields.
  const rarity = fieldsWith.map((count) => Math.log(1 + (fieldCount - count + 0.5) / (count + 0.5)));
  candidates.forEach((fields, c) => {
    let product = 1;
    let matchedAny = false;
    for (const field of fields) {
      let weighted = 0;
      let possible = 0;
      let matched = false;
      for (let w = 0; w < words.length; w++) {
        const score = wordScore(field.lowered, words[w]!);
        possible += rarity[w]!;
        if (score < 1) {
          matched = true;
          weighted += rarity[w]! * (1 - score);
        }
      }
      if (!matched) continue;
      matchedAny = true;
      const score = Math.max(MIN_SCORE, possible > 0 ? 1 - weighted / possible : 0);
      product *= Math.pow(score, field.weight * field.norm);
    }
    similarities[c] = matchedAny ? 1 - product : 0;
  });
  return similarities;
}
