import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { DEFAULT_KNOWLEDGE_DIR, WORD_VECTORS_FILE } from "../knowledge/files.js";

/**
 * English words as vectors, so that questions worded apart can still be found alike in meaning
 * ("bloodshed" and "clashes"). Written by `npm run vectors`; see src/cli/derive-word-vectors.ts.
 */
export const WordVectorsFile = z.strictObject({
  about: z.string(),
  dimensions: z.number().int().positive(),
  /** Sorted, separated by spaces. */
  words: z.string(),
  /** Per word, what its small whole numbers are multiplied by: little-endian float32, base64. */
  scales: z.string(),
  /** Per word, `dimensions` signed bytes, base64. */
  vectors: z.string(),
});
export type WordVectorsFile = z.infer<typeof WordVectorsFile>;

/** A unit vector's parts as signed bytes: what the questions asked before keep of their meaning. */
export const MEANING_SCALE = 127;

/** Lower-case English words: the only ones the vectors know. */
const ENGLISH_WORD = /[a-z]+/g;

export class WordVectors {
  /** The words as one string and where each begins: thirty thousand strings would take a megabyte more. */
  private readonly words: string;
  private readonly starts: Int32Array;
  private readonly scales: Float32Array;
  private readonly vectors: Int8Array;
  readonly dimensions: number;

  constructor(file: WordVectorsFile) {
    this.words = file.words;
    const starts = [0];
    for (let at = file.words.indexOf(" "); at >= 0; at = file.words.indexOf(" ", at + 1)) starts.push(at + 1);
    this.starts = Int32Array.from(starts);
    this.dimensions = file.dimensions;
    this.scales = new Float32Array(new Uint8Array(Buffer.from(file.scales, "base64")).buffer);
    this.vectors = new Int8Array(new Uint8Array(Buffer.from(file.vectors, "base64")).buffer);
    if (this.scales.length !== starts.length || this.vectors.length !== starts.length * this.dimensions) {
      throw new Error(`${WORD_VECTORS_FILE} holds ${starts.length} words but not as many vectors; run npm run vectors`);
    }
  }

  static load(path = join(DEFAULT_KNOWLEDGE_DIR, WORD_VECTORS_FILE)): WordVectors {
    return new WordVectors(WordVectorsFile.parse(JSON.parse(readFileSync(path, "utf8"))));
  }

  /** The meaning of a text: its known words' vectors summed, at unit length; undefined when it has none. */
  meaning(text: string): Float32Array | undefined {
    const sum = new Float32Array(this.dimensions);
    let found = false;
    for (const word of text.toLowerCase().match(ENGLISH_WORD) ?? []) {
      const index = this.indexOf(word);
      if (index < 0) continue;
      found = true;
      const scale = this.scales[index]!;
      for (let d = 0, at = index * this.dimensions; d < this.dimensions; d++, at++) sum[d]! += scale * this.vectors[at]!;
    }
    const length = Math.hypot(...sum);
    if (!found || length === 0) return undefined;
    for (let d = 0; d < this.dimensions; d++) sum[d]! /= length;
    return sum;
  }

  private indexOf(word: string): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const end = middle + 1 < this.starts.length ? this.starts[middle + 1]! - 1 : this.words.length;
      const found = this.words.slice(this.starts[middle]!, end);
      if (found === word) return middle;
      if (found < word) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
}
