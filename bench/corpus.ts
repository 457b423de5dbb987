import type { KnowledgeEntry } from "../src/knowledge/model.js";
import { seededRandom } from "../src/quality/typos.js";

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
