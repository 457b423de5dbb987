import { FACT_LIMITS, type FactInput } from "../src/facts/fact-input.js";
import type { KnowledgeEntry } from "../src/knowledge/model.js";
import { seededRandom } from "../src/quality/typos.js";

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;

function sentence(words: readonly string[], length: number, random: () => number): string {
  return Array.from({ length }, () => pick(words, random)).join(" ");
}

/** The knowledge's own words of three letters or more. */
function vocabularyOf(knowledge: KnowledgeEntry[]): string[] {
  return knowledge.flatMap((entry) => `${entry.title} ${entry.text}`.split(/\s+/)).filter((word) => /\p{L}{3,}/u.test(word));
}

/**
 * Entries that look like the knowledge (its own words, recombined, with real sources) but answer
 * nothing, the way a busy server's facts would crowd the index.
 */
export function distractors(knowledge: KnowledgeEntry[], count: number, seed = 42): KnowledgeEntry[] {
  const random = seededRandom(seed);
  const vocabulary = vocabularyOf(knowledge);
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

/**
 * Makes the facts a server's moderators might keep, as the form takes them: statements and questions in the
 * knowledge's words, half citing a listed source with one of its real quotes, half a source of their own.
 * The same seed gives the same facts, so a process can tell which questions a server's facts answer.
 */
export function serverFactMaker(knowledge: KnowledgeEntry[]): (seed: number, count: number) => FactInput[] {
  const vocabulary = vocabularyOf(knowledge);
  const quoted = knowledge.flatMap((entry) => entry.quotes.filter((quote) => quote.text.length <= FACT_LIMITS.quote));
  return (seed, count) => {
    const random = seededRandom(seed);
    return Array.from({ length: count }, (_, i) => {
      const statement = sentence(vocabulary, 20 + Math.floor(random() * 30), random);
      const question = sentence(vocabulary, 6, random);
      if (i % 2 === 0) {
        const quote = pick(quoted, random);
        return { statement, question, sourceId: quote.source.id, quote: quote.text };
      }
      return { statement, question, sourceTitle: `Study notes ${seed}-${i}`, sourceUrl: `https://example.org/notes/${seed}/${i}` };
    });
  };
}
