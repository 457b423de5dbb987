import { describe, expect, it } from "vitest";
import { EXPORT_FORMAT, MAX_IMPORT_BYTES, type ImportProblem, type ImportResult } from "../../src/facts/fact-export.js";
import type { FactStore } from "../../src/facts/fact-store.js";
import { BACKENDS } from "./backends.js";
import {
  FACT_WITH_LISTED_SOURCE,
  FACT_WITH_OWN_SOURCE,
  GUILD,
  KNOWN_SOURCES,
  MEMBER,
  MODERATOR,
  OTHER_GUILD,
  OTHER_MODERATOR,
} from "./helpers.js";

async function addFacts(store: FactStore): Promise<FactStore> {
  await store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
  const removed = await store.add(GUILD, FACT_WITH_LISTED_SOURCE, MODERATOR);
  await store.remove(GUILD, removed.id, MODERATOR);
  await store.acceptSuggestion(GUILD, (await store.suggest(GUILD, FACT_WITH_OWN_SOURCE, MEMBER)).id, MODERATOR);
  return store;
}

function problemsOf(result: ImportResult): ImportProblem[] {
  if (result.ok) throw new Error("expected the import to be refused");
  return result.problems;
}

function exportedFact(overrides: Record<string, unknown> = {}) {
  return {
    id: "server-1",
    ...FACT_WITH_LISTED_SOURCE,
    createdBy: MODERATOR,
    createdAt: "2025-01-01T00:00:00.000Z",
    updatedBy: MODERATOR,
    updatedAt: "2025-01-01T00:00:00.000Z",
    suggestedBy: null,
    ...overrides,
  };
}

const EXPORT_HEADER = { format: EXPORT_FORMAT, version: 1, guildId: GUILD, exportedAt: "2025-02-01T00:00:00.000Z" };

function exportDocument(facts: unknown[]): string {
  return JSON.stringify({ ...EXPORT_HEADER, facts });
}

describe.each(BACKENDS)("on $name", (backend) => {
  const openStores = backend.useStores();
  const openStore = async () => (await openStores()).facts;

  describe.skipIf(!backend.available)("export", () => {
    it("writes a versioned document of the guild's live facts", async () => {
      const exported = await (await addFacts(await openStore())).exportGuild(GUILD);
      expect(exported).toMatchObject({ ...EXPORT_HEADER, format: "csto-bot-facts", exportedAt: expect.any(String) });
      expect(exported.facts).toEqual([
        exportedFact(),
        {
          id: "server-3",
          ...FACT_WITH_OWN_SOURCE,
          createdBy: MODERATOR,
          createdAt: expect.any(String),
          updatedBy: MODERATOR,
          updatedAt: expect.any(String),
          suggestedBy: MEMBER,
        },
      ]);
    });
  });

  describe.skipIf(!backend.available)("import", () => {
    it("round-trips an export into another guild, keeping ids and credits, at revision 1", async () => {
      const store = await addFacts(await openStore());
      const exported = await store.exportGuild(GUILD);
      const result = await store.importGuild(OTHER_GUILD, JSON.stringify(exported), OTHER_MODERATOR, KNOWN_SOURCES);
      expect(result.ok).toBe(true);

      expect((await store.exportGuild(OTHER_GUILD)).facts).toEqual(
        exported.facts.map((fact) => ({ ...fact, updatedBy: OTHER_MODERATOR, updatedAt: expect.any(String) })),
      );
      const imported = await store.get(OTHER_GUILD, "server-3");
      expect(imported).toMatchObject({ guildId: OTHER_GUILD, revision: 1, suggestedBy: MEMBER, createdBy: MODERATOR });
      expect(await store.history(OTHER_GUILD, "server-3")).toEqual([
        expect.objectContaining({ revision: 1, action: "imported", by: OTHER_MODERATOR }),
      ]);
      // New facts take the free numbers and skip the imported ids.
      const newIds: string[] = [];
      for (let i = 0; i < 2; i++) newIds.push((await store.add(OTHER_GUILD, FACT_WITH_LISTED_SOURCE, OTHER_MODERATOR)).id);
      expect(newIds).toEqual(["server-2", "server-4"]);
    });

    it("carries the publication date of a moderator's own source through export and import, and still imports an export without one", async () => {
      const store = await openStore();
      const dated = await store.add(GUILD, { ...FACT_WITH_OWN_SOURCE, sourceDate: "2024-02" }, MODERATOR);
      expect(dated.sourceDate).toBe("2024-02");
      const exported = await store.exportGuild(GUILD);
      expect(exported.facts[0]).toMatchObject({ sourceDate: "2024-02" });
      expect((await store.importGuild(OTHER_GUILD, JSON.stringify(exported), MODERATOR, KNOWN_SOURCES)).ok).toBe(true);
      expect((await store.get(OTHER_GUILD, dated.id))?.sourceDate).toBe("2024-02");

      const undated = exportedFact({ id: "server-9", ...FACT_WITH_OWN_SOURCE, sourceId: undefined });
      expect(Object.keys(undated)).not.toContain("sourceDate");
      expect((await store.importGuild(OTHER_GUILD, exportDocument([undated]), MODERATOR, KNOWN_SOURCES)).ok).toBe(true);
      expect((await store.get(OTHER_GUILD, "server-9"))?.sourceDate).toBeUndefined();

      const badDate = exportedFact({ id: "server-10", ...FACT_WITH_OWN_SOURCE, sourceId: undefined, sourceDate: "2024-02-30" });
      expect(problemsOf(await store.importGuild(OTHER_GUILD, exportDocument([undated, badDate].slice(1)), MODERATOR, KNOWN_SOURCES))).toEqual([
        { position: 1, field: "sourceDate", message: expect.stringMatching(/^`2024-02-30` is not a publication date/) },
      ]);
    });

    it("accepts the file as bytes", async () => {
      const store = await addFacts(await openStore());
      const bytes = new TextEncoder().encode(JSON.stringify(await store.exportGuild(GUILD)));
      expect((await store.importGuild(OTHER_GUILD, bytes, MODERATOR, KNOWN_SOURCES)).ok).toBe(true);
    });

    it("reports ids the guild already uses, removed ones included, and overwrites nothing", async () => {
      const store = await addFacts(await openStore());
      const document = exportDocument([
        exportedFact({ id: "server-2", statement: "Replacement." }),
        exportedFact({ id: "fresh-id" }),
      ]);
      expect(problemsOf(await store.importGuild(GUILD, document, MODERATOR, KNOWN_SOURCES))).toEqual([
        { position: 1, field: "id", message: expect.stringMatching(/already has a fact `server-2`/) },
      ]);
      expect((await store.get(GUILD, "server-2", { includeDeleted: true }))?.statement).toBe(FACT_WITH_LISTED_SOURCE.statement);
      expect(await store.get(GUILD, "fresh-id")).toBeUndefined();
    });

    it("lists every problem of a bad document by position and field, and stores nothing", async () => {
      const store = await openStore();
      const document = exportDocument([
        exportedFact({ id: "good-one" }),
        exportedFact({ id: "Bad Id", statement: "" }),
        exportedFact({ id: "third", sourceId: "unknown-2020", question: "@everyone" }),
        exportedFact({ id: "good-one", createdBy: "somebody", extra: true }),
        exportedFact({ id: "fifth", sourceId: undefined, sourceUrl: "ftp://example.org" }),
        exportedFact({ id: "sixth", createdAt: undefined }),
      ]);
      const problems = problemsOf(await store.importGuild(GUILD, document, MODERATOR, KNOWN_SOURCES));
      expect(problems.map(({ position, field }) => `${position}:${field}`).sort()).toEqual(
        [
          "2:id",
          "2:statement",
          "3:sourceId",
          "3:question",
          "4:createdBy",
          "4:extra",
          "4:id",
          "5:sourceUrl",
          "5:sourceTitle",
          "6:createdAt",
        ].sort(),
      );
      const messageAt = (position: number, field: string) =>
        problems.find((problem) => problem.position === position && problem.field === field)?.message;
      expect(messageAt(4, "id")).toMatch(/also used by fact 1/);
      expect(messageAt(6, "createdAt")).toBe("This field is required.");
      expect((await store.list(GUILD, { includeDeleted: true })).total).toBe(0);
    });

    it.each([
      ["text that is not JSON", "facts: none", "document", /not valid JSON/],
      ["JSON that is not an export", JSON.stringify({ hello: "world" }), "format", /not a csto-bot facts export/],
      ["a JSON array", "[1, 2, 3]", "format", /not a csto-bot facts export/],
      ["an export of an unknown version", JSON.stringify({ ...EXPORT_HEADER, version: 2, facts: [] }), "version", /version 2/],
    ])("refuses %s with one clear problem", async (_, json, field, message) => {
      const store = await openStore();
      expect(problemsOf(await store.importGuild(GUILD, json, MODERATOR, KNOWN_SOURCES))).toEqual([
        { field, message: expect.stringMatching(message) },
      ]);
    });

    it("reports a missing facts list and unexpected top-level fields", async () => {
      const store = await openStore();
      const json = JSON.stringify({ ...EXPORT_HEADER, notes: "" });
      const problems = problemsOf(await store.importGuild(GUILD, json, MODERATOR, KNOWN_SOURCES));
      expect(problems.map((problem) => problem.field).sort()).toEqual(["facts", "notes"]);
    });

    it("does not repeat untrusted names from the file back in its messages", async () => {
      const store = await openStore();
      const json = exportDocument([
        exportedFact({ "@everyone": 1 }),
        exportedFact({ id: "@here" }),
        exportedFact({ id: "@here" }),
      ]);
      const problems = problemsOf(await store.importGuild(GUILD, json, MODERATOR, KNOWN_SOURCES));
      expect(problems.map(({ position, field }) => `${position}:${field}`)).toEqual(["1:unknown", "2:id", "3:id"]);
      for (const problem of problems) expect(problem.message).not.toContain("@");
      const badVersion = JSON.stringify({ ...EXPORT_HEADER, version: "@everyone" });
      const [versionProblem] = problemsOf(await store.importGuild(GUILD, badVersion, MODERATOR, KNOWN_SOURCES));
      expect(versionProblem?.message).toMatch(/an export of an unknown version/);
    });

    it("refuses a masked link in disguise, as the form does", async () => {
      const store = await openStore();
      const statement = "See [[the official CSTO site]](http://evil.example/login)";
      const problems = problemsOf(await store.importGuild(GUILD, exportDocument([exportedFact({ statement })]), MODERATOR, KNOWN_SOURCES));
      expect(problems).toEqual([{ position: 1, field: "statement", message: expect.stringMatching(/masked link/) }]);
      expect((await store.list(GUILD)).total).toBe(0);
    });

    it("refuses bytes that are not UTF-8 text", async () => {
      const store = await openStore();
      const notUtf8 = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
      const problems = problemsOf(await store.importGuild(GUILD, notUtf8, MODERATOR, KNOWN_SOURCES));
      expect(problems).toEqual([{ field: "document", message: expect.stringMatching(/not text/) }]);
    });

    it("refuses a 10 MB payload before parsing it, as text or bytes", async () => {
      const store = await openStore();
      const huge = `${exportDocument([]).slice(0, -2)}${" ".repeat(10 * 1024 * 1024)}]}`;
      for (const payload of [huge, new TextEncoder().encode(huge)]) {
        const started = performance.now();
        expect(problemsOf(await store.importGuild(GUILD, payload, MODERATOR, KNOWN_SOURCES))).toEqual([
          { field: "document", message: expect.stringMatching(/too large.*8192 KB/) },
        ]);
        expect(performance.now() - started).toBeLessThan(500);
      }
      expect(MAX_IMPORT_BYTES).toBe(8 * 1024 * 1024);
    });
  });
});
