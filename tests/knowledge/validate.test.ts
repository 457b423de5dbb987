import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { knowledgeJsonSchemas, serializeSchema } from "../../src/knowledge/json-schema.js";
import { readKnowledgeFiles } from "../../src/knowledge/files.js";
import { formatProblem, validateKnowledge, type KnowledgeFiles } from "../../src/knowledge/validate.js";

const SOURCE_TEXT = "The treaty was signed in Tashkent on May 15, 1992. Critics called it “a club of dictators”.";

function source(overrides: Record<string, unknown> = {}) {
  return {
    id: "doc-1",
    title: "A document",
    author: "A. Author",
    publisher: "A publisher",
    date: "2020",
    url: "https://example.org/doc",
    kind: "news",
    textFile: "doc-1.txt",
    ...overrides,
  };
}

function entry(overrides: Record<string, unknown> = {}) {
  return {
    id: "doc-treaty-signed",
    kind: "fact",
    title: "Treaty signed",
    statement: "The treaty was signed in Tashkent in 1992.",
    sources: ["doc-1"],
    quotes: [{ source: "doc-1", text: "signed in Tashkent on May 15, 1992" }],
    ...overrides,
  };
}

function files(entries: unknown[], sources: unknown[] = [source()]): KnowledgeFiles {
  return {
    sourcesFile: { name: "sources.json", json: { sources } },
    entryFiles: [{ name: "entries/test.json", json: { entries } }],
    sourceTexts: new Map([["doc-1.txt", SOURCE_TEXT]]),
  };
}

function problemsOf(input: KnowledgeFiles): string[] {
  return validateKnowledge(input).problems.map(formatProblem);
}

describe("knowledge validator", () => {
  it("accepts a well-formed entry", () => {
    const result = validateKnowledge(files([entry()]));
    expect(result.problems).toEqual([]);
    expect(result.knowledge?.entries).toHaveLength(1);
  });

  it("names the file, entry id and field of a schema error", () => {
    expect(problemsOf(files([entry({ title: "" })]))).toEqual([
      expect.stringMatching(/^entries\/test\.json › doc-treaty-signed › title: /),
    ]);
  });

  it("rejects an entry with a field the schema does not know", () => {
    expect(problemsOf(files([entry({ answr: "typo" })]))[0]).toMatch(/doc-treaty-signed/);
  });

  it("rejects duplicate ids", () => {
    expect(problemsOf(files([entry(), entry()]))).toEqual([
      "entries/test.json › doc-treaty-signed › id: duplicate id, also in entries/test.json",
    ]);
  });

  it("rejects an alias claimed by two entries, however it is capitalised", () => {
    const problems = problemsOf(files([entry({ aliases: ["Tashkent Treaty"] }), entry({ id: "doc-other", aliases: ["tashkent  treaty"] })]));
    expect(problems).toEqual(['entries/test.json › doc-other › aliases: alias "tashkent  treaty" is already claimed by doc-treaty-signed']);
  });

  it("rejects a source id that does not exist", () => {
    expect(problemsOf(files([entry({ sources: ["doc-1", "nowhere"] })]))).toEqual([
      'entries/test.json › doc-treaty-signed › sources[1]: unknown source "nowhere"',
    ]);
  });

  it("rejects a quote that does not occur in its source", () => {
    const invented = entry({ quotes: [{ source: "doc-1", text: "signed in Moscow" }] });
    expect(problemsOf(files([invented]))).toEqual(["entries/test.json › doc-treaty-signed › quotes[0].text: quote does not occur in doc-1.txt"]);
  });

  it("forgives whitespace and typographic quotes when checking a quote", () => {
    const quote = { source: "doc-1", text: 'Critics  called it\n"a club of dictators"' };
    expect(problemsOf(files([entry({ quotes: [quote] })]))).toEqual([]);
  });

  it("requires an opinion piece's author to be named in the text", () => {
    const opinion = source({ kind: "opinion", attribution: "Columnist Smith" });
    expect(problemsOf(files([entry({ title: "Smith on the treaty" })], [opinion]))).toEqual([
      "entries/test.json › doc-treaty-signed › statement: cites the opinion piece doc-1, so the text must attribute it to Columnist Smith",
    ]);
    expect(problemsOf(files([entry({ title: "Smith on the treaty", statement: "Smith writes that the treaty was signed in 1992." })], [opinion]))).toEqual([]);
  });

  it("requires the title of an entry resting only on opinion or analysis to name its author", () => {
    const analysis = source({ kind: "analysis", attribution: "Dr Jones" });
    const statement = "Jones writes that the treaty was signed in 1992.";
    expect(problemsOf(files([entry({ title: "The treaty made war unlikely", statement })], [analysis]))).toEqual([
      "entries/test.json › doc-treaty-signed › title: rests only on opinion or analysis pieces, so the title must name its author, Jones (doc-1)",
    ]);
    expect(problemsOf(files([entry({ title: "Jones: the treaty made war unlikely", statement })], [analysis]))).toEqual([]);
  });

  it("leaves the title free when a view is set beside the news", () => {
    const analysis = source({ id: "doc-2", kind: "analysis", attribution: "Dr Jones" });
    const beside = entry({ title: "Treaty signed", statement: "The treaty was signed in Tashkent in 1992; Jones agrees.", sources: ["doc-1", "doc-2"] });
    expect(problemsOf(files([beside], [source(), analysis]))).toEqual([]);
  });

  it("rejects a related entry that does not exist", () => {
    expect(problemsOf(files([entry({ related: ["doc-missing"] })]))).toEqual([
      'entries/test.json › doc-treaty-signed › related[0]: unknown entry "doc-missing"',
    ]);
  });

  it("lets a record's event name the dated entry that tells it, at the same date however precise", () => {
    const { statement: _, ...base } = entry();
    const record = (date: string, told: string) => ({
      ...base,
      id: "country-armenia",
      kind: "country",
      title: "Armenia",
      name: "Armenia",
      status: "member",
      statusAsOf: "2020",
      summary: "Armenia signed the treaty in 1992.",
      events: [{ date, type: "signed", text: "Signed the treaty.", sources: ["doc-1"], entry: told }],
    });
    const signing = entry({ date: "1992-05-15" });
    expect(problemsOf(files([signing, record("1992-05", "doc-treaty-signed")]))).toEqual([]);
    expect(problemsOf(files([signing, record("1993", "doc-treaty-signed")]))).toEqual([
      'entries/test.json › country-armenia › events[0].entry: "doc-treaty-signed" is dated 1992-05-15, not 1993',
    ]);
    expect(problemsOf(files([signing, record("1992", "doc-nowhere")]))).toEqual(['entries/test.json › country-armenia › events[0].entry: "doc-nowhere" is not an entry']);
    expect(problemsOf(files([entry(), record("1992", "doc-treaty-signed")]))).toEqual([
      'entries/test.json › country-armenia › events[0].entry: "doc-treaty-signed" has no date, so it is not on the timeline',
    ]);
  });

  it("passes every shipped entry", () => {
    const { problems, knowledge } = validateKnowledge(readKnowledgeFiles());
    expect(problems.map(formatProblem)).toEqual([]);
    expect(knowledge?.entries.length).toBeGreaterThan(100);
  });
});

describe("JSON Schemas for editors", () => {
  it("match the zod schemas (run `npm run schema:export` after changing them)", () => {
    for (const [name, schema] of Object.entries(knowledgeJsonSchemas())) {
      expect(readFileSync(new URL(`../../knowledge/schema/${name}`, import.meta.url), "utf8")).toBe(serializeSchema(schema));
    }
  });
});
