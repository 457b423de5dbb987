/** A small seeded generator (mulberry32), so every run makes the same choices. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A typo a person makes: two neighbouring letters swapped inside one word of five letters or more. */
export function withTypo(text: string, random: () => number): string {
  const words = text.split(" ");
  const letterPairs = (word: string) => [...word].flatMap((_, at) => (/\p{L}\p{L}/u.test(word.slice(at, at + 2)) ? [at] : []));
  const long = words.map((word, index) => ({ index, pairs: letterPairs(word) })).filter(({ index }) => words[index]!.replace(/\P{L}/gu, "").length >= 5);
  if (long.length === 0) return text;
  const { index, pairs } = long[Math.floor(random() * long.length)]!;
  const word = words[index]!;
  const at = pairs[Math.floor(random() * pairs.length)]!;
  words[index] = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  return words.join(" ");
}
