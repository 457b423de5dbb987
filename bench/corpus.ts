import type { KnowledgeEntry } from "../src/knowledge/model.js";

/** A small seeded generator (mulberry32), so every run builds the same corpora. */
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

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;

function sentence(words: readonly string[], length: number, random: () => number): string {
  return Array.from({ length }, () => pick(words, random)).join(" ");
}

/**
 * Entries that look like the knowledge (its own words, recombined, with real sources) but answer
 * nothing, the way a busy server's facts would crowd the index.
 */
export function distractors(knowledge: KnowledgeEntry[], count: number, seed = 42): KnowledgeEntry[] {
  const random = seededRandom(seed);
  const vocabulary = knowledge.flatMap((entry) => `${entry.title} ${entry.text}`.split(/\s+/)).filter((word) => /\p{L}{3,}/u.test(word));
  return Array.from({ length: count }, (_, i) => {
    const model = pick(knowledge, random);
    return {
      id: `distractor-${i}`,
      kind: "server-fact",
      title: sentence(vocabulary, 4 + Math.floor(random() * 5), random),
      text: sentence(vocabulary, 20 + Math.floor(random() * 30), random),
      questions: [sentence(vocabulary, 6, random)],
      keywords: [sentence(vocabulary, 2, random), sentence(vocabulary, 1, random)],
      aliases: [],
      tags: [],
      sources: model.sources,
      quotes: model.quotes,
      related: [],
      origin: { type: "guild", guildId: "bench", revision: 1 },
    } satisfies KnowledgeEntry;
  });
}

/** A typo a person makes: two neighbouring letters swapped in one longer word. */
export function withTypo(text: string, random: () => number): string {
  const words = text.split(" ");
  const long = words.map((word, i) => [word, i] as const).filter(([word]) => word.length >= 5);
  if (long.length === 0) return text;
  const [word, index] = pick(long, random);
  const at = 1 + Math.floor(random() * (word.length - 2));
  words[index] = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  return words.join(" ");
}
