import { describe, expect, it } from "vitest";
import { quoteCredit, toAnswerBody } from "../../src/answers/answer.js";
import { parseFactInput } from "../../src/facts/fact-input.js";
import { ServerFacts } from "../../src/facts/server-facts.js";
import { SqliteFactStore } from "../../src/facts/sqlite-fact-store.js";
import { createKnowledgeBase } from "../../src/knowledge/knowledge-base.js";

const kb = createKnowledgeBase();
const { quoteOccurs, sourceRefs } = kb.knowledge;
const known = new Set(sourceRefs.keys());
const REAL = "Armenia, Kazakhstan, Kyrgyzstan, Russia, Tajikistan and Uzbekistan signed in Tashkent the Collective Security Treaty";
const FORGED = "The CSTO is a paper tiger and will collapse by 2030.";

function facts(): ServerFacts {
  return new ServerFacts(new SqliteFactStore(":memory:"), kb.engine, sourceRefs, quoteOccurs);
}

describe("a quote credited to a listed source", () => {
  it("is checked against the source's text, whatever its quotation marks and spacing", () => {
    expect(quoteOccurs("bescotti-2017", REAL)).toBe(true);
    expect(quoteOccurs("bescotti-2017", `  ${REAL.replace(/ /g, "  ")} `)).toBe(true);
    expect(quoteOccurs("bescotti-2017", FORGED)).toBe(false);
    expect(quoteOccurs("kasonta-2022", REAL)).toBe(false);
  });

  it("refuses a forged quote in the form, naming the field and keeping nothing else from being checked", () => {
    const result = parseFactInput({ statement: "A claim.", sourceId: "bescotti-2017", quote: FORGED }, known, quoteOccurs);
    expect(result).toEqual({ ok: false, problems: [{ field: "quote", message: expect.stringMatching(/does not occur in the text of bescotti-2017/) }] });
    expect(parseFactInput({ statement: "A claim.", sourceId: "bescotti-2017", quote: REAL }, known, quoteOccurs).ok).toBe(true);
    // A source the moderators typed in cannot be checked; its quote is credited to them instead.
    expect(parseFactInput({ statement: "A claim.", sourceTitle: "Notes", sourceUrl: "https://example.org", quote: FORGED }, known, quoteOccurs).ok).toBe(true);
  });

  it("refuses an import with a forged quote whole, naming its position", async () => {
    const server = facts();
    await server.store.add("guild-a", { statement: "A true claim.", sourceId: "bescotti-2017", quote: REAL }, "111111111111111111");
    await server.store.add("guild-a", { statement: "A false claim.", sourceId: "bescotti-2017", quote: FORGED }, "111111111111111111");
    const file = new TextEncoder().encode(JSON.stringify(await server.store.exportGuild("guild-a")));
    const result = await server.importGuild("guild-b", file, "111111111111111111");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([expect.objectContaining({ position: 2, field: "quote" })]);
    expect(await server.store.liveFacts("guild-b")).toHaveLength(0);
  });

  it("refuses to accept a suggestion that puts words in an author's mouth", async () => {
    const server = facts();
    const suggestion = await server.store.suggest("guild-a", { statement: "A false claim.", sourceId: "bescotti-2017", quote: FORGED }, "222222222222222222");
    await expect(server.acceptSuggestion("guild-a", suggestion.id, "111111111111111111")).rejects.toThrow(/does not occur in the text of bescotti-2017/);
  });

  it("is never shown when a fact stored before the check carries one", async () => {
    const server = facts();
    const stored = await server.store.add("guild-a", { statement: "A claim.", sourceId: "bescotti-2017", quote: FORGED }, "111111111111111111");
    const entry = server.entryOf(stored);
    expect(entry.quotes).toEqual([]);
    expect(entry.text).toBe("A claim.");
  });
});

describe("a quote from a source the moderators typed in", () => {
  it("is credited to the moderators, not presented as checked", async () => {
    const server = facts();
    const stored = await server.store.add("guild-a", { statement: "A claim.", sourceTitle: "Week 3 lecture notes", sourceUrl: "https://example.org/notes", quote: "Our notes say so." }, "111111111111111111");
    expect(quoteCredit(toAnswerBody(server.entryOf(stored)))).toBe("quoted by this server's moderators from Week 3 lecture notes");
  });
});

describe("naming a source in the form", () => {
  it("takes a listed source by a word of its name, as /csto source does", () => {
    const server = facts();
    expect(server.listedSource("bescotti")?.id).toBe("bescotti-2017");
    expect(server.listedSource("Kazinform")?.id).toBe("kazinform-2022");
    expect(server.listedSource("Week 3 lecture notes")).toBeUndefined();
  });
});
