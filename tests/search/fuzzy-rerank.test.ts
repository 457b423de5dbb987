import { readFileSync } from "node:fs";
import Fuse from "fuse.js";
import { describe, expect, it } from "vitest";
import { createKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import { CURATED_SCOPE } from "../../src/search/engine.js";
import { fuzzyFields, fuzzySimilarities } from "../../src/search/fuzzy-rerank.js";

const { engine } = createKnowledgeBase();
const docs = engine.curatedData().docs.map(({ rerankFields }) => rerankFields);
const KEYS = [
  { name: "title", weight: 2 },
  { name: "questions", weight: 2 },
  { name: "keywords", weight: 1 },
] as const;

/** fuse.js itself, configured as the re-ranker was before it worked the score out itself. */
function fuseSimilarities(query: string, candidates: typeof docs): number[] {
  const fuse = new Fuse(candidates, { keys: [...KEYS], useTokenSearch: true, includeScore: true, ignoreLocation: true, threshold: 0.4 });
  const similarities = candidates.map(() => 0);
  for (const result of fuse.search(query)) similarities[result.refIndex] = 1 - (result.score ?? 1);
  return similarities;
}

const ours = (query: string, candidates: typeof docs) =>
  [...fuzzySimilarities(query, candidates.map((fields) => fuzzyFields(KEYS.map(({ name, weight }) => ({ value: fields[name], weight })))))];

/** Queries as the re-ranker makes them: the most telling words of students' questions, stemmed. */
const queries = readFileSync(new URL("../../eval/dev.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => {
    const question = (JSON.parse(line) as { q: string }).q;
    const words = engine.analyze(engine.readQuestion(question, CURATED_SCOPE), CURATED_SCOPE).words;
    return [...words]
      .sort((a, b) => b.importance - a.importance)
      .slice(0, 5)
      .map((word) => word.alternatives[0]?.token ?? "")
      .join(" ");
  });

describe("the re-ranker's fuzzy similarity", () => {
  it("equals fuse.js's token search on students' questions over every run of twenty curated entries", () => {
    let compared = 0;
    queries.forEach((query, q) => {
      const start = (q * 37) % Math.max(1, docs.length - 20);
      const candidates = docs.slice(start, start + 20);
      expect(ours(query, candidates), query).toEqual(fuseSimilarities(query, candidates));
      compared++;
    });
    expect(compared).toBeGreaterThan(50);
  });

  it("equals fuse.js on misspelt words, a word longer than Bitap's 32 letters, a whole field and a blank query", () => {
    const candidates = docs.slice(0, 20);
    const title = candidates[3]!.title;
    for (const query of ["kazakstan secretery genral", "organisationorganisationorganisation treaty", title, title.split(" ")[0]!, "   ", "?!", "xyzzy"]) {
      expect(ours(query, candidates), query).toEqual(fuseSimilarities(query, candidates));
    }
  });

  it("scores an exact word above a misspelt one, and a word found nowhere 0", () => {
    const fields = [fuzzyFields([{ value: "collective security treaty", weight: 1 }])];
    const [exact] = fuzzySimilarities("security", fields);
    const [misspelt] = fuzzySimilarities("secuirty", fields);
    expect(exact).toBeGreaterThan(misspelt!);
    expect(misspelt).toBeGreaterThan(0);
    expect([...fuzzySimilarities("zoroastrian", fields)]).toEqual([0]);
  });
});
