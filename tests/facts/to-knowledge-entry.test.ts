import { describe, expect, it } from "vitest";
import type { SourceRef } from "../../src/knowledge/model.js";
import { toKnowledgeEntry, type ServerFact } from "../../src/facts/fact-store.js";
import { FACT_WITH_LISTED_SOURCE, FACT_WITH_OWN_SOURCE, GUILD, MODERATOR } from "./helpers.js";

const EDM: SourceRef = {
  id: "edm-2005",
  title: "Collective Security Group Seeks to Establish Its Identity, Avoid Mergers",
  author: "(unsigned)",
  publisher: "Eurasia Daily Monitor",
  date: "November 2005",
  url: "https://jamestown.org/?p=67800",
};
const SOURCES = new Map([[EDM.id, EDM]]);

const record = {
  id: "server-7",
  guildId: GUILD,
  revision: 3,
  createdBy: MODERATOR,
  createdAt: "2025-01-01T00:00:00.000Z",
  updatedBy: MODERATOR,
  updatedAt: "2025-03-04T05:06:07.000Z",
  deletedAt: null,
  deletedBy: null,
  suggestedBy: null,
};

describe("toKnowledgeEntry", () => {
  it("maps a fact citing a listed source, titled by its question", () => {
    const fact: ServerFact = { ...FACT_WITH_LISTED_SOURCE, ...record };
    expect(toKnowledgeEntry(fact, SOURCES)).toEqual({
      id: "server-7",
      kind: "server-fact",
      title: FACT_WITH_LISTED_SOURCE.question,
      text: FACT_WITH_LISTED_SOURCE.statement,
      questions: [FACT_WITH_LISTED_SOURCE.question],
      keywords: [FACT_WITH_LISTED_SOURCE.question],
      aliases: [],
      tags: [],
      sources: [EDM],
      quotes: [{ text: FACT_WITH_LISTED_SOURCE.quote, source: EDM }],
      related: [],
      origin: { type: "guild", guildId: GUILD, revision: 3 },
    });
  });

  it("describes a source the moderators typed in, and shows no quote when there is none: the statement is never passed off as the source's words", () => {
    const fact: ServerFact = { ...FACT_WITH_OWN_SOURCE, ...record };
    const entry = toKnowledgeEntry(fact, SOURCES);
    const source = {
      id: "server-source",
      title: FACT_WITH_OWN_SOURCE.sourceTitle,
      author: "added by this server's moderators",
      publisher: "asbarez.com",
      // The day it was added, said as such: the source's own publication date is not known.
      date: "added 2025-01-01",
      url: FACT_WITH_OWN_SOURCE.sourceUrl,
    };
    expect(entry.sources).toEqual([source]);
    expect(entry.quotes).toEqual([]);
    expect(entry.title).toBe("Armenia froze its participation in the CSTO in February 2024.");
    expect(entry.questions).toEqual([]);
    expect(entry.keywords).toEqual([]);
  });

  it("cites the publication date the moderators gave for their own source instead of the day it was added", () => {
    for (const sourceDate of ["2024-02-22", "2024-02", "2024"]) {
      const fact: ServerFact = { ...FACT_WITH_OWN_SOURCE, sourceDate, ...record };
      expect(toKnowledgeEntry(fact, SOURCES).sources[0]?.date).toBe(sourceDate);
    }
  });

  it("takes keywords from a list in the question, and the title from the statement's start", () => {
    const statement = `${"The organisation's rapid reaction forces were deployed ".repeat(3)}in January 2022`;
    const question = "Kazakhstan 2022; CRRF, deployment";
    const fact: ServerFact = { ...FACT_WITH_OWN_SOURCE, ...record, statement, question };
    const entry = toKnowledgeEntry(fact, SOURCES);
    expect(entry.keywords).toEqual(["Kazakhstan 2022", "CRRF", "deployment"]);
    expect(entry.questions).toEqual([question]);
    expect(entry.title).toBe("The organisation's rapid reaction forces were deployed The organisation's rapid…");
  });

  it("refuses a fact citing a source that no longer exists", () => {
    const fact: ServerFact = { ...record, statement: "A fact.", sourceId: "gone-2020" };
    expect(() => toKnowledgeEntry(fact, SOURCES)).toThrow(/unknown source gone-2020/);
  });
});
