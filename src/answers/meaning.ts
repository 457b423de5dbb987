import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_KNOWLEDGE_DIR, WORD_VECTORS_FILE } from "../knowledge/files.js";

/**
 * English words as vectors, so that questions worded apart can still be found alike in meaning
 * ("bloodshed" and "clashes"). Written by `npm run vectors`; see src/cli/derive-word-vectors.ts.
 */
export interface WordVectorsData {
  dimensions: number;
  /** Sorted, separated by spaces. */
  words: string;
  /** Per word, what its small whole numbers are multiplied by. */
  scales: Float32Array;
  /** Per word, `dimensions` small whole numbers. */
  vectors: Int8Array;
}

/** The file is read as it lies, without a copy: counts, scales, vectors, then the words. */
const HEADER_BYTES = 8;

export function encodeWordVectors({ dimensions, words, scales, vectors }: WordVectorsData): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(scales.length, 0);
  header.writeUInt32LE(dimensions, 4);
  return Buffer.concat([header, Buffer.from(scales.buffer, scales.byteOffset, scales.byteLength), Buffer.from(vectors.buffer, vectors.byteOffset, vectors.byteLength), Buffer.from(words, "latin1")]);
}

export function decodeWordVectors(file: Buffer): WordVectorsData {
  const count = file.readUInt32LE(0);
  const dimensions = file.readUInt32LE(4);
  // Float32Array needs its start aligned to four bytes; a pooled Buffer may not be.
  const aligned = file.byteOffset % 4 === 0 ? file : Buffer.from(file);
  const scalesEnd = HEADER_BYTES + 4 * count;
  const vectorsEnd = scalesEnd + count * dimensions;
  if (dimensions === 0 || aligned.length <= vectorsEnd) throw new Error(`${WORD_VECTORS_FILE} is cut short; run npm run vectors`);
  return {
    dimensions,
    scales: new Float32Array(aligned.buffer, aligned.byteOffset + HEADER_BYTES, count),
    vectors: new Int8Array(aligned.buffer, aligned.byteOffset + scalesEnd, count * dimensions),
    words: aligned.toString("latin1", vectorsEnd),
  };
}

/** A unit vector's parts as signed bytes: what the questions asked before keep of their meaning. */
export const MEANING_SCALE = 127;

/** The text's English words, lower-cased: the only ones the vectors know. */
export const englishWords = (text: string) => text.toLowerCase().match(/[a-z]+/g) ?? [];

export class WordVectors {
  /** The words as one string and where each begins: thirty thousand strings would take a megabyte more. */
  private readonly words: string;
  private readonly starts: Int32Array;
  private readonly scales: Float32Array;
  private readonly vectors: Int8Array;
  readonly dimensions: number;

  constructor({ dimensions, words, scales, vectors }: WordVectorsData) {
    this.words = words;
    const starts = [0];
    for (let at = words.indexOf(" "); at >= 0; at = words.indexOf(" ", at + 1)) starts.push(at + 1);
    this.starts = Int32Array.from(starts);
    this.dimensions = dimensions;
    this.scales = scales;
    this.vectors = vectors;
    if (scales.length !== starts.length || vectors.length !== starts.length * dimensions) {
      throw new Error(`${WORD_VECTORS_FILE} holds ${starts.length} words but not as many vectors; run npm run vectors`);
    }
  }

  static load(path = join(DEFAULT_KNOWLEDGE_DIR, WORD_VECTORS_FILE)): WordVectors {
    return new WordVectors(decodeWordVectors(readFileSync(path)));
  }

  /** The meaning of a text: its known words' vectors summed, at unit length; undefined when it has none. */
  meaning(text: string): Float32Array | undefined {
    const sum = new Float32Array(this.dimensions);
    for (const word of englishWords(text)) {
      const index = this.indexOf(word);
      if (index < 0) continue;
      const scale = this.scales[index]!;
      for (let d = 0, at = index * this.dimensions; d < this.dimensions; d++, at++) sum[d]! += scale * this.vectors[at]!;
    }
    const length = Math.hypot(...sum);
    if (length === 0) return undefined;
    for (let d = 0; d < this.dimensions; d++) sum[d]! /= length;
    return sum;
  }

  /** Whether the vectors know a lower-case English word. */
  knows(word: string): boolean {
    return this.indexOf(word) >= 0;
  }

  private indexOf(word: string): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const order = this.compareWith(middle, word);
      if (order === 0) return middle;
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  /** How word `index` sorts against `word`, read in place: a copy per step made every lookup allocate. */
  private compareWith(index: number, word: string): number {
    const start = this.starts[index]!;
    const end = index + 1 < this.starts.length ? this.starts[index + 1]! - 1 : this.words.length;
    const length = Math.min(end - start, word.length);
    for (let i = 0; i < length; i++) {
      const difference = this.words.charCodeAt(start + i) - word.charCodeAt(i);
      if (difference !== 0) return difference;
    }
    return end - start - word.length;
  }
}
